import { atOrAbove } from '../severity-order.js';
import {
  SEVERITIES,
  type CatalogIssue,
  type Finding,
  type Reason,
  type Severity,
  type Verdict,
} from '../types/model.js';
import type { GatePolicy } from './policy.js';

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

/**
 * Decides pass / warn / fail. A failed gate is a verdict, never an error (STYLE rule 14).
 * Suppressed findings never count; with `ignoreUnfixed`, neither do findings without a fix.
 */
export function evaluate(
  findings: readonly Finding[],
  issues: readonly CatalogIssue[],
  policy: GatePolicy,
): Verdict {
  const active = findings.filter((f) => !f.suppressed && !(policy.ignoreUnfixed && f.fixState !== 'fixed'));
  const reasons: Reason[] = [];
  const vulns = active.filter((f) => f.kind === 'vulnerability');
  if (policy.failOn !== 'none') {
    const failOn = policy.failOn;
    const hit = vulns.filter((f) => atOrAbove(f.severity, failOn));
    if (hit.length)
      reasons.push({
        rule: 'severity',
        status: 'fail',
        message: `${vulnerabilities(hit.length)} at or above ${failOn}`,
        findingIds: hit.map((f) => f.id),
      });
  }
  if (policy.warnOn !== 'none') {
    const warnOn = policy.warnOn;
    const hit = vulns.filter(
      (f) =>
        atOrAbove(f.severity, warnOn) && !(policy.failOn !== 'none' && atOrAbove(f.severity, policy.failOn)),
    );
    if (hit.length)
      reasons.push({
        rule: 'severity',
        status: 'warn',
        message: `${vulnerabilities(hit.length)} at or above ${warnOn}`,
        findingIds: hit.map((f) => f.id),
      });
  }
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
  const status = reasons.some((r) => r.status === 'fail') ? 'fail' : reasons.length ? 'warn' : 'pass';
  return { status, reasons, counts: countBySeverity(active), incomplete: issues.length > 0 };
}
