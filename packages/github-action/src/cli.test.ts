import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ciArgv, ciEnv } from './cli.js';
import type { Inputs } from './inputs.js';

const base: Inputs = { image: 'docker-archive:app.tar', comment: true, 'db-cache': true };
const head = ['ci', '--ci=github', '--output-dir=/out'];
const tail = ['--token-env=GITHUB_TOKEN', '--', 'docker-archive:app.tar'];

const argvCases: { name: string; inputs: Partial<Inputs>; want: string[] }[] = [
  { name: 'empty inputs add no flags: tidegate resolves them', inputs: {}, want: [] },
  {
    name: 'each set input becomes its flag',
    inputs: { db: 'osv', 'fail-on': 'critical', platform: 'linux/arm64', formats: 'spdx' },
    want: ['--db=osv', '--fail-on=critical', '--format=spdx', '--platform=linux/arm64'],
  },
  {
    name: 'the DB, VEX, Dockerfile and comment inputs too',
    inputs: {
      'db-source': 'https://mirror/osv',
      'max-db-age': '2d',
      vex: 'a.vex.json,b.vex.json',
      dockerfile: 'Dockerfile',
      'comment-required': 'true',
      'comment-key': 'api',
    },
    want: [
      '--db-source=https://mirror/osv',
      '--max-db-age=2d',
      '--vex=a.vex.json,b.vex.json',
      '--dockerfile=Dockerfile',
      '--comment-key=api',
      '--comment-required=true',
    ],
  },
  {
    name: 'ignore-unfixed false is passed, not dropped (it may override a policy file)',
    inputs: { 'ignore-unfixed': 'false' },
    want: ['--ignore-unfixed=false'],
  },
  { name: 'comment false turns the comment off', inputs: { comment: false }, want: ['--no-comment'] },
];
for (const c of argvCases)
  test(`ciArgv: ${c.name}`, () => {
    assert.deepEqual(ciArgv({ ...base, ...c.inputs }, '/out'), [...head, ...c.want, ...tail]);
  });

test('ciArgv: an image that looks like a flag stays an image; credentials never appear', () => {
  const argv = ciArgv(
    {
      ...base,
      image: '--help',
      'registry-username': 'ci',
      'registry-password': 'pw-secret',
      'github-token': 'ghs_x',
    },
    '/out',
  );
  assert.deepEqual(argv.slice(-2), ['--', '--help']);
  assert.ok(argv.includes('--username=ci'));
  assert.ok(!argv.join(' ').includes('pw-secret') && !argv.join(' ').includes('ghs_x'));
});

test('ciEnv: the token and registry password reach the CLI only here; no INPUT_ variable does', () => {
  process.env['INPUT_GITHUB-TOKEN'] = 'ghs_secret';
  process.env.GITHUB_TOKEN = 'from-the-workflow-env';
  const env = ciEnv({ ...base, 'github-token': 'ghs_input', 'registry-password': 'pw' }, { EXTRA: '1' });
  delete process.env['INPUT_GITHUB-TOKEN'];
  delete process.env.GITHUB_TOKEN;
  assert.equal(env['INPUT_GITHUB-TOKEN'], undefined);
  assert.equal(env.GITHUB_TOKEN, 'ghs_input');
  assert.equal(env.TIDEGATE_REGISTRY_PASSWORD, 'pw');
  assert.equal(env.EXTRA, '1');
  assert.equal(ciEnv(base).GITHUB_TOKEN, undefined, 'only the input decides the token');
});
