import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, FindingKind, Severity } from '../types/model.js';
import { evaluate } from './evaluate.js';
import { DEFAULT_POLICY, type GatePolicy, type KindGate } from './policy.js';

function finding(id: string, kind: FindingKind, severity: Severity, suppressed = false): Finding {
  return {
    id,
    kind,
    ruleId: `R-${id}`,
    aliases: [],
    severity,
    fixState: 'unknown',
    fixedIn: [],
    ...(suppressed ? { suppressed: { by: 'tidegate-allowlist', reason: 'test fixture' } } : {}),
  };
}

function kinds(k: Partial<GatePolicy['kinds']>): Partial<GatePolicy> {
  return { kinds: { ...DEFAULT_POLICY.kinds, ...k } };
}
const gateOf = (failOn: KindGate['failOn'], warnOn: KindGate['warnOn']): KindGate => ({
  failOn,
  warnOn,
  rules: {},
});

const cases: {
  name: string;
  findings: Finding[];
  policy?: Partial<GatePolicy>;
  want: string;
  reasons?: string[];
}[] = [
  // happy path
  { name: 'no check findings pass', findings: [], want: 'pass' },
  {
    name: 'a low misconfiguration passes by default',
    findings: [finding('a', 'misconfiguration', 'low')],
    want: 'pass',
  },
  {
    name: 'a suppressed secret does not count',
    findings: [finding('a', 'secret', 'critical', true)],
    want: 'pass',
  },
  {
    name: 'secrets can be turned off',
    findings: [finding('a', 'secret', 'critical')],
    policy: kinds({ secret: gateOf('none', 'none') }),
    want: 'pass',
  },
  // sad path
  {
    name: 'any secret fails by default',
    findings: [finding('a', 'secret', 'medium')],
    want: 'fail',
    reasons: ['findings.secret.severity fail 1 secret found'],
  },
  {
    name: 'a high misconfiguration warns by default',
    findings: [finding('a', 'misconfiguration', 'high'), finding('b', 'misconfiguration', 'medium')],
    want: 'warn',
    reasons: ['findings.misconfiguration.severity warn 1 misconfiguration at or above high'],
  },
  {
    name: 'misconfigurations can fail the image',
    findings: [finding('a', 'misconfiguration', 'medium')],
    policy: kinds({ misconfiguration: gateOf('medium', 'none') }),
    want: 'fail',
  },
  {
    name: 'one check can be turned off by id',
    findings: [finding('a', 'misconfiguration', 'high')],
    policy: kinds({ misconfiguration: { ...gateOf('critical', 'high'), rules: { 'R-a': 'off' } } }),
    want: 'pass',
  },
  {
    name: 'ignore-unfixed leaves secrets alone (they have no fixed version)',
    findings: [finding('a', 'secret', 'high')],
    policy: { ignoreUnfixed: true },
    want: 'fail',
  },
  {
    name: 'fail-on none does not turn off secrets',
    findings: [finding('a', 'secret', 'high')],
    policy: { failOn: 'none' },
    want: 'fail',
  },
  {
    name: 'check findings never count as vulnerabilities',
    findings: [finding('a', 'misconfiguration', 'critical'), finding('b', 'secret', 'critical')],
    want: 'fail',
    reasons: [
      'findings.misconfiguration.severity fail 1 misconfiguration at or above critical',
      'findings.secret.severity fail 1 secret found',
    ],
  },
];

for (const c of cases) {
  test(`evaluate: ${c.name}`, () => {
    const v = evaluate(c.findings, [], { ...DEFAULT_POLICY, ...c.policy });
    assert.equal(v.status, c.want);
    if (c.reasons)
      assert.deepEqual(
        v.reasons.map((r) => `${r.rule} ${r.status} ${r.message}`),
        c.reasons,
      );
  });
}

test('evaluate: check findings are in the severity counts, suppressed ones are not', () => {
  const v = evaluate(
    [finding('a', 'secret', 'critical'), finding('b', 'misconfiguration', 'low', true)],
    [],
    DEFAULT_POLICY,
  );
  assert.equal(v.counts.critical, 1);
  assert.equal(v.counts.low, 0);
  assert.deepEqual(v.reasons[0]!.findingIds, ['a']);
});
