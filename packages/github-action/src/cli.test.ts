import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionsIo, scanArgv, scanFormats, writeUntrusted, type Capabilities } from './cli.js';
import type { Inputs } from './inputs.js';

const caps = (over: Partial<Capabilities> = {}): Capabilities => ({
  scanFlags: new Set(['db', 'fail-on', 'ignore-unfixed', 'platform', 'output-dir', 'format']),
  formats: new Set(['table', 'json', 'spdx']),
  dbUpdate: false,
  registryEnv: undefined,
  ...over,
});
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
    const argv = scanArgv({ ...base, ...c.inputs }, caps(), plan);
    assert.deepEqual(argv.slice(0, 5), ['scan', '--output-dir', '/out', '--format', 'table,json']);
    assert.deepEqual(argv.slice(5), c.want);
  });
}

test('scanArgv: an input whose flag this build lacks is an error naming the input', () => {
  assert.throws(
    () => scanArgv({ ...base, baseline: 'base.json' }, caps(), plan),
    /input baseline: this tidegate build has no --baseline flag/,
  );
});

test('scanFormats: table and json always, markdown when the build has it, sarif for sarif-file', () => {
  assert.deepEqual(scanFormats(base, caps()), ['table', 'json']);
  const all = caps({ formats: new Set(['table', 'json', 'sarif', 'markdown', 'spdx']) });
  assert.deepEqual(scanFormats({ ...base, formats: ['spdx'], 'sarif-file': 'x.sarif' }, all), [
    'table',
    'json',
    'spdx',
    'markdown',
    'sarif',
  ]);
  assert.throws(
    () => scanFormats({ ...base, formats: ['pdf'] }, caps()),
    /input formats: 'pdf' is not one of/,
  );
  assert.throws(() => scanFormats({ ...base, 'sarif-file': 'x' }, caps()), /cannot write SARIF/);
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
