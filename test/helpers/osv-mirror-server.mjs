#!/usr/bin/env node
// Serves an OSV mirror in the bucket's layout (<ecosystem>/all.zip, from examples/osv) on
// 127.0.0.1, for tests that are not Node tests (the Jenkins step's Groovy tests): prints its URL
// on the first line, logs each path it serves on stderr, stops on SIGTERM. Needs `npm run build`.
//   node test/helpers/osv-mirror-server.mjs DIR
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(fileURLToPath(import.meta.url), '..');
const { startStaticServer, writeExampleMirror } = await import(
  pathToFileURL(join(here, '..', 'build', 'helpers', 'osv-mirror.js')).href
);
const dir = process.argv[2];
if (!dir) {
  console.error('osv-mirror-server: usage: osv-mirror-server.mjs DIR');
  process.exit(2);
}
const server = await startStaticServer(await writeExampleMirror(dir));
const stop = async () => {
  await server.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
console.log(server.url);
setInterval(() => {
  while (server.log.length) console.error(`served ${server.log.shift().path}`);
}, 100);
