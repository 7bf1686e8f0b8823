import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionsIo, scanArgv, scanFormats, writeUntrusted } from './cli.js';
import type { Inputs } from './inputs.js';

const base: Inputs = { image: 'docker-archive:app.tar', formats: [], comment: true, 'db-cache': true };
const plan = { outputDir: '/out', formats: ['table', 'json'] };

const argvCases: { name: string; inputs: Partial<Inputs>; want: string[] }[] = [
  {
    name: 'empty inputs add no flags: tidegate resolves them',
    inputs: {},
    want: ['--', 'docker-archive:app.tar'],
  },
  {
    name: 'each set input becomes its flag, the image after --',
    inputs: { db: 'osv', 'fail-on': 'critical', platform: 'linux/arm64' },
    want: ['--db=osv', '--fail-on=critical', '--platform=linux/arm64', '--', 'docker-archive:app.tar'],
  },
  {
    name: 'policy and baseline become their flags',
    inputs: { policy: 'tidegate.yml', baseline: 'base.json' },
    want: ['--policy=tidegate.yml', '--baseline=base.json', '--', 'docker-archive:app.tar'],
  },
  {
    name: 'ignore-unfixed false is passed, not dropped (it may override a policy file)',
    inputs: { 'ignore-unfixed': false },
    want: ['--ignore-unfixed=false', '--', 'docker-archive:app.tar'],
  },
  {
    name: 'an image that looks like a flag stays an image',
    inputs: { image: '--help' },
    want: ['--', '--help'],
  },
];
for (const c of argvCases) {
  test(`scanArgv: ${c.name}`, () => {
    const argv = scanArgv({ ...base, ...c.inputs }, plan);
    assert.deepEqual(argv.slice(0, 5), ['scan', '--output-dir', '/out', '--format', 'table,json']);
    assert.deepEqual(argv.slice(5), c.want);
  });
}

test('scanFormats: table, json and markdown always, then the extra formats, sarif for sarif-file', () => {
  assert.deepEqual(scanFormats(base), ['table', 'json', 'markdown']);
  assert.deepEqual(scanFormats({ ...base, formats: ['spdx', 'json'], 'sarif-file': 'x.sarif' }), [
    'table',
    'json',
    'markdown',
    'spdx',
    'sarif',
  ]);
  assert.throws(
    () => scanFormats({ ...base, formats: ['pdf'] }),
    /input formats: 'pdf' is not one of table, json, sarif, /,
  );
});

test('writeUntrusted: text with a workflow command is fenced by stop-commands', () => {
  let out = '';
  writeUntrusted('ok line\n', (s) => (out += s));
  assert.equal(out, 'ok line\n');
  out = '';
  writeUntrusted('pkg\n  ::add-mask::x\n', (s) => (out += s));
  const [first, ...rest] = out.trimEnd().split('\n');
  const token = /^::stop-commands::([0-9a-f-]{36})$/.exec(first!)?.[1];
  assert.ok(token, out);
  assert.deepEqual(rest, ['pkg', '  ::add-mask::x', `::${token}::`]);
});

test('actionsIo: keeps the CLI error line, passes no INPUT_ variable on', () => {
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_secret';
  const io = actionsIo({ EXTRA: '1' });
  delete process.env['INPUT_GITHUB-TOKEN'];
  assert.equal(io.env['INPUT_GITHUB-TOKEN'], undefined);
  assert.equal(io.env.EXTRA, '1');
  io.stderr('tidegate: error: no such file');
  assert.equal(io.errorLine, undefined, 'waits for the end of the line');
  io.stderr(': app.tar\n');
  assert.equal(io.errorLine, 'tidegate: error: no such file: app.tar');
});
