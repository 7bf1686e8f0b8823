import assert from 'node:assert/strict';
import { test } from 'node:test';
import { explainPolicy } from './explain.js';
import { parsePolicy } from './load.js';
import { resolvePolicy } from './resolve.js';

const file = await parsePolicy(
  'vulnerabilities:\n  severity: {fail: critical}\n  ignore-unfixed: true\n',
  '.tidegate.yml',
);

const cases = [
  {
    name: 'built-in default when nothing is set',
    file: undefined,
    env: {},
    flags: {},
    want: ['high', 'default'],
  },
  {
    name: 'the policy file over the default',
    file,
    env: {},
    flags: {},
    want: ['critical', 'policy file .tidegate.yml'],
  },
  {
    name: 'TIDEGATE_* over the policy file',
    file,
    env: { failOn: 'medium' as const },
    flags: {},
    want: ['medium', 'TIDEGATE_FAIL_ON'],
  },
  {
    name: 'the flag over everything',
    file,
    env: { failOn: 'medium' as const },
    flags: { failOn: 'low' as const },
    want: ['low', '--fail-on'],
  },
];
for (const c of cases) {
  test(`precedence: ${c.name}`, () => {
    const r = resolvePolicy(c.file, [
      { values: c.env, origins: { failOn: 'TIDEGATE_FAIL_ON' } },
      { values: c.flags, origins: { failOn: '--fail-on' } },
    ]);
    assert.deepEqual([r.policy.failOn, r.origins.failOn], c.want);
  });
}

test('precedence: a setting the file leaves out stays "default", not "policy file"', () => {
  const r = resolvePolicy(file, []);
  assert.equal(r.origins.warnOn, 'default');
  assert.equal(r.origins.ignoreUnfixed, 'policy file .tidegate.yml');
  assert.equal(r.policy.ignoreUnfixed, true);
});

test('explain: one line per rule, with where each setting came from, and expired exceptions flagged', async () => {
  const withExc = await parsePolicy(
    'exceptions:\n  - id: CVE-1\n    reason: old\n    expires: 2020-01-01\n',
    'p.yml',
  );
  const text = explainPolicy(
    resolvePolicy(withExc, [{ values: { failOn: 'critical' }, origins: { failOn: '--fail-on' } }]),
    '2026-01-01',
  );
  assert.match(text, /^policy: p\.yml$/m);
  assert.match(text, /^vulnerabilities at or above critical fail \[--fail-on\]$/m);
  assert.match(text, /^known-exploited \(CISA KEV\) vulnerabilities: fails/m);
  assert.match(
    text,
    /^ {2}id CVE-1 until 2020-01-01 \(EXPIRED: no longer applies\): old \[p\.yml line 2\]$/m,
  );
});
