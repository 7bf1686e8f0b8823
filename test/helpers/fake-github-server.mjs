#!/usr/bin/env node
// Runs the loopback GitHub API fake (test/helpers/fake-github.ts, compiled to
// test/build/helpers/fake-github.js) as its own process, for tests that are not Node tests: the
// orb's bats tests start it in setup_file, read its URL from the first line of stdout, talk to it
// with curl (the same REST shape GitHub has), and kill it in teardown_file.
//   node test/helpers/fake-github-server.mjs --token TOKEN [--fault STATUS]...
// Prints `API_URL CONTROL_URL`. Each --fault makes one later request fail with that status, for
// the read-only fork token (403) and retry cases. CONTROL_URL is a second loopback server for
// the test's own questions (below), so the fake's routes stay GitHub's. Needs `npm run build`.
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = join(fileURLToPath(import.meta.url), '..');
const { FakeGitHub } = await import(
  pathToFileURL(join(here, '..', 'build', 'helpers', 'fake-github.js')).href
);

const args = process.argv.slice(2);
let token = '';
const faults = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--token') token = args[++i] ?? '';
  else if (args[i] === '--fault') faults.push({ status: Number(args[++i]) });
  else {
    console.error(`fake-github-server: unknown argument ${args[i]}`);
    process.exit(2);
  }
}
if (!token) {
  console.error('fake-github-server: --token is required');
  process.exit(2);
}

const gh = await new FakeGitHub(token).start();
gh.faults.push(...faults);

// A second loopback port for the test's own questions, so the fake's routes stay GitHub's:
// GET /requests lists what the fake received (method, path; never the authorization header),
// POST /faults queues one fault.
const control = createServer((req, res) => {
  let raw = '';
  req.on('data', (c) => (raw += c));
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.method === 'GET' && req.url === '/requests') {
      res.end(JSON.stringify(gh.requests.map((r) => ({ method: r.method, path: r.path }))));
    } else if (req.method === 'POST' && req.url === '/faults') {
      gh.faults.push(JSON.parse(raw || '{}'));
      res.end('{}');
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
});
await new Promise((r) => control.listen(0, '127.0.0.1', r));

const stop = async () => {
  control.close();
  await gh.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
console.log(`${gh.url} http://127.0.0.1:${control.address().port}`);
