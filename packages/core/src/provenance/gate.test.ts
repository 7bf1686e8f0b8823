import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluate } from '../policy/evaluate.js';
import { applyExceptions } from '../policy/exceptions.js';
import { DEFAULT_POLICY } from '../policy/policy.js';
import { provenanceFinding } from './findings.js';

const f = (mode: 'fail' | 'warn') =>
  provenanceFinding('TG-PROV-image-signature', 'r/app@sha256:1', 'not signed', {
    rule: 'image.signatures[0]',
    mode,
  });

const cases = [
  { name: 'a fail rule fails, naming the rule and the reason', mode: 'fail' as const, want: 'fail' },
  { name: 'a warn rule warns', mode: 'warn' as const, want: 'warn' },
];
for (const c of cases)
  test(`provenance gate: ${c.name}`, () => {
    const v = evaluate([f(c.mode)], [], DEFAULT_POLICY);
    assert.equal(v.status, c.want);
    assert.deepEqual(
      v.reasons.map((r) => [r.rule, r.message]),
      [['image.signatures[0]', 'image signature missing or invalid: not signed']],
    );
  });

test('provenance gate: a policy exception suppresses a provenance finding', () => {
  const { findings } = applyExceptions(
    [f('fail')],
    [{ id: 'TG-PROV-image-signature', reason: 'signed out of band', expires: '2999-01-01', source: 'p.yml' }],
    [],
    '2026-01-01',
  );
  assert.equal(evaluate(findings, [], DEFAULT_POLICY).status, 'pass');
});
