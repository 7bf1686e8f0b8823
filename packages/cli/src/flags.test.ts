import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseFlags, type FlagSpec } from './flags.js';

const specs: FlagSpec[] = [
  { name: 'db', type: 'string', description: '' },
  { name: 'format', type: 'string', description: '', list: true, allowed: ['table', 'json'] },
  { name: 'fail-on', type: 'string', description: '', allowed: ['high', 'critical'] },
  { name: 'ignore-unfixed', type: 'boolean', description: '' },
  { name: 'secret', type: 'string', description: '', env: false },
];

const cases: {
  name: string;
  argv: string[];
  env?: Record<string, string>;
  want?: Record<string, unknown>;
  args?: string[];
  error?: RegExp;
}[] = [
  {
    name: '--flag value and --flag=value',
    argv: ['--db', 'a', '--fail-on=high', 'img'],
    want: { db: 'a', 'fail-on': 'high' },
    args: ['img'],
  },
  { name: 'booleans and --no-', argv: ['--ignore-unfixed'], want: { 'ignore-unfixed': true } },
  { name: '--no-bool', argv: ['--no-ignore-unfixed'], want: { 'ignore-unfixed': false } },
  {
    name: 'environment fills what the flags left out',
    argv: [],
    env: { TIDEGATE_DB: 'e', TIDEGATE_IGNORE_UNFIXED: 'true' },
    want: { db: 'e', 'ignore-unfixed': true },
  },
  {
    name: 'a flag wins over its variable',
    argv: ['--db', 'f'],
    env: { TIDEGATE_DB: 'e' },
    want: { db: 'f' },
  },
  { name: 'env:false flags ignore the environment', argv: [], env: { TIDEGATE_SECRET: 's' }, want: {} },
  {
    name: 'lists are checked item by item',
    argv: ['--format', 'json,table'],
    want: { format: 'json,table' },
  },
  { name: '-- ends the flags', argv: ['--', '--db'], want: {}, args: ['--db'] },
  { name: 'unknown flag', argv: ['--nope'], error: /unknown flag: --nope/ },
  { name: 'missing value', argv: ['--db'], error: /flag --db needs a value/ },
  {
    name: 'bad list item',
    argv: ['--format', 'json,xml'],
    error: /invalid value 'xml' for --format \(allowed: table, json\)/,
  },
  {
    name: 'bad env value names the variable',
    argv: [],
    env: { TIDEGATE_FAIL_ON: 'x' },
    error: /invalid value 'x' for TIDEGATE_FAIL_ON/,
  },
  {
    name: 'bad boolean',
    argv: ['--ignore-unfixed=maybe'],
    error: /invalid value 'maybe' for --ignore-unfixed/,
  },
];

for (const c of cases) {
  test(`flags: ${c.name}`, () => {
    if (c.error) {
      assert.throws(() => parseFlags(c.argv, specs, c.env ?? {}), c.error);
      return;
    }
    const p = parseFlags(c.argv, specs, c.env ?? {});
    assert.deepEqual(p.flags, c.want);
    assert.deepEqual(p.args, c.args ?? []);
  });
}
