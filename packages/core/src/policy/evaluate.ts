import { atOrAbove } from '../severity-order.js';
import {
  SEVERITIES,
  type CatalogIssue,
  type Finding,
  type Reason,
  type Severity,
  type Verdict,
} from '../types/model.js';
import type { FindingKindRule, GatePolicy } from './policy.js';

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function vulnerabilities(n: number): string {
  return plural(n, 'vulnerability', 'vulnerabilities');
}

function severityReasons(vulns: readonly Finding[], policy: GatePolicy): Reason[] {
  const reasons: Reason[] = [];
  const failOn = policy.failOn;
  if (failOn !== 'none') {
    const hit = vulns.filter((f) => atOrAbove(f.severity, failOn));
    if (hit.length)
      reasons.push({
        rule: 'severity',
        status: 'fail',
        message: `${vulnerabilities(hit.length)} at or above ${failOn}`,
        findingIds: hit.map((f) => f.id),
      });
  }
  const warnOn = policy.warnOn;
  if (warnOn !== 'none') {
    const hit = vulns.filter(
      (f) => atOrAbove(f.severity, warnOn) && !(failOn !== 'none' && atOrAbove(f.severity, failOn)),
    );
    if (hit.length)
      reasons.push({
        rule: 'severity',
        status: 'warn',
        message: `${vulnerabilities(hit.length)} at or above ${warnOn}`,
        findingIds: hit.map((f) => f.id),
      });
  }
  return reasons;
}

/** The `secrets` and `misconfigurations` rules: findings of check kinds (issue 10). */
function kindReasons(active: readonly Finding[], policy: GatePolicy): Reason[] {
  const rules: [
    rule: 'secrets' | 'misconfigurations',
    kind: Finding['kind'],
    noun: string,
    r: FindingKindRule,
  ][] = [
    ['secrets', 'secret', 'secret', policy.secrets],
    ['misconfigurations', 'misconfiguration', 'misconfiguration', policy.misconfigurations],
  ];
  const reasons: Reason[] = [];
  for (const [rule, kind, noun, r] of rules) {
    if (r.mode === 'off') continue;
    const hit = active.filter((f) => f.kind === kind && atOrAbove(f.severity, r.minSeverity));
    if (hit.length)
      reasons.push({
        rule,
        status: r.mode,
        message: `${plural(hit.length, noun)} at or above ${r.minSeverity}`,
        findingIds: hit.map((f) => f.id),
      });
  }
  return reasons;
}

function incompleteReasons(issues: readonly CatalogIssue[], policy: GatePolicy): Reason[] {
  const reasons: Reason[] = [];
  const osIssues = issues.filter((i) => i.osDatabase);
  const otherIssues = issues.filter((i) => !i.osDatabase);
  if (osIssues.length && policy.incomplete.osDatabase !== 'off')
    reasons.push({
      rule: 'incomplete',
      status: policy.incomplete.osDatabase,
      message: `an OS package database could not be read completely (${plural(osIssues.length, 'problem')}); packages may be missing`,
      findingIds: [],
    });
  if (otherIssues.length && policy.incomplete.other !== 'off')
    reasons.push({
      rule: 'incomplete',
      status: policy.incomplete.other,
      message: `the scan is incomplete: ${plural(otherIssues.length, 'file')} could not be examined`,
      findingIds: [],
    });
  return reasons;
}

/**
 * Decides pass / warn / fail. A failed gate is a verdict, never an error (STYLE rule 14).
 * Suppressed findings never count; with `ignoreUnfixed`, neither do vulnerabilities without a
 * fix (the option says nothing about secrets and misconfigurations, which have no fixed version).
 */
export function evaluate(
  findings: readonly Finding[],
  issues: readonly CatalogIssue[],
  policy: GatePolicy,
): Verdict {
  const active = findings.filter(
    (f) => !f.suppressed && !(policy.ignoreUnfixed && f.kind === 'vulnerability' && f.fixState !== 'fixed'),
  );
  const reasons = [
    ...severityReasons(
      active.filter((f) => f.kind === 'vulnerability'),
      policy,
    ),
    ...kindReasons(active, policy),
    ...incompleteReasons(issues, policy),
  ];
  const status = reasons.some((r) => r.status === 'fail') ? 'fail' : reasons.length ? 'warn' : 'pass';
  return { status, reasons, counts: countBySeverity(active), incomplete: issues.length > 0 };
}
