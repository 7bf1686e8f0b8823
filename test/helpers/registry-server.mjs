#!/usr/bin/env node
// Runs a loopback Debian docker-registry with Basic auth (test/helpers/registry.ts, compiled to
// test/build/helpers/registry.js) as its own process, for the orb's bats tests, with one image
// pushed to it by skopeo. Prints `HOST IMAGE_REFERENCE`, then runs until killed (SIGTERM).
//   node test/helpers/registry-server.mjs docker-archive:PATH NAME:TAG
// The user is alice with TEST_USERS.alice's password, which --print-password prints instead.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(fileURLToPath(import.meta.url), '..');
const { startRegistry, pushImage, TEST_USERS } = await import(
  pathToFileURL(join(here, '..', 'build', 'helpers', 'registry.js')).href
);

if (process.argv[2] === '--print-password') {
  console.log(TEST_USERS.alice);
  process.exit(0);
}
const [from, name] = process.argv.slice(2);
if (!from || !name) {
  console.error('usage: registry-server.mjs docker-archive:PATH NAME:TAG | --print-password');
  process.exit(2);
}
const reg = await startRegistry('basic');
const stop = async () => {
  await reg.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
try {
  const ref = await pushImage(from, reg, name);
  console.log(`${reg.host} ${ref}`);
} catch (err) {
  console.error(`registry-server: ${err instanceof Error ? err.message : String(err)}\n${reg.log()}`);
  await stop();
}
