import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogIssue, Finding, Severity } from '../types/model.js';
import { evaluate } from './evaluate.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy.js';

function vuln(id: string, severity: Severity, fixed = true, suppressed = false): Finding {
  return {
    id,
    kind: 'vulnerability',
    ruleId: id,
    aliases: [],
    severity,
    fixState: fixed ? 'fixed' : 'not-fixed',
    fixedIn: fixed ? ['2'] : [],
    ...(suppressed ? { suppressed: { by: 'test', reason: 'r' } } : {}),
  };
}

const osIssue: CatalogIssue = { by: 'dpkg', message: 'x', osDatabase: true };
const fileIssue: CatalogIssue = { by: 'npm', message: 'y', path: 'a/package.json' };

const cases: {
  name: string;
  findings: Finding[];
  issues?: CatalogIssue[];
  policy?: Partial<GatePolicy>;
  want: string;
  reasons?: number;
}[] = [
  { name: 'no findings pass', findings: [], want: 'pass' },
  { name: 'a high finding fails by default', findings: [vuln('a', 'high')], want: 'fail' },
  { name: 'a medium finding passes by default', findings: [vuln('a', 'medium')], want: 'pass' },
  {
    name: 'unknown severity never reaches a threshold',
    findings: [vuln('a', 'unknown')],
    policy: { failOn: 'low' },
    want: 'pass',
  },
  {
    name: 'fail-on none disables the severity rule',
    findings: [vuln('a', 'critical')],
    policy: { failOn: 'none' },
    want: 'pass',
  },
  { name: 'suppressed findings do not count', findings: [vuln('a', 'critical', true, true)], want: 'pass' },
  {
    name: 'ignore-unfixed drops findings without a fix',
    findings: [vuln('a', 'critical', false)],
    policy: { ignoreUnfixed: true },
    want: 'pass',
  },
  {
    name: 'warn-on below fail-on warns',
    findings: [vuln('a', 'medium')],
    policy: { warnOn: 'medium' },
    want: 'warn',
  },
  { name: 'an unreadable OS database fails by default', findings: [], issues: [osIssue], want: 'fail' },
  { name: 'an unreadable manifest warns by default', findings: [], issues: [fileIssue], want: 'warn' },
  {
    name: 'incomplete rules can be turned off',
    findings: [],
    issues: [osIssue, fileIssue],
    policy: { incomplete: { osDatabase: 'off', other: 'off' } },
    want: 'pass',
  },
];

for (const c of cases) {
  test(`evaluate: ${c.name}`, () => {
    const v = evaluate(c.findings, c.issues ?? [], { ...DEFAULT_POLICY, ...c.policy });
    assert.equal(v.status, c.want);
    assert.equal(v.incomplete, (c.issues ?? []).length > 0);
  });
}

test('evaluate: each reason names its rule and findings; counts exclude suppressed', () => {
  const v = evaluate(
    [vuln('a', 'critical'), vuln('b', 'high'), vuln('c', 'low'), vuln('d', 'high', true, true)],
    [],
    DEFAULT_POLICY,
  );
  assert.deepEqual(v.reasons, [
    {
      rule: 'severity',
      status: 'fail',
      message: '2 vulnerabilities at or above high',
      findingIds: ['a', 'b'],
    },
  ]);
  assert.equal(v.counts.high, 1);
  assert.equal(v.counts.critical, 1);
  assert.equal(v.counts.low, 1);
});
