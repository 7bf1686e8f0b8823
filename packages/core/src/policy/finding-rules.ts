import { atOrAbove } from '../severity-order.js';
import type { Finding, FindingKind } from '../types/model.js';
import { globMatch } from './glob.js';
import type { EcosystemOverride, GatePolicy, RuleMode, Threshold } from './policy.js';

/** One rule a finding violates. */
export interface FindingHit {
  rule: string;
  status: 'fail' | 'warn';
}

/** Policy key of each finding kind's rules (`findings.secret`, …). */
export const KIND_RULE: Record<FindingKind, string> = {
  vulnerability: 'vulnerabilities',
  misconfiguration: 'findings.misconfiguration',
  secret: 'findings.secret',
  license: 'findings.license',
  provenance: 'provenance',
};

function override(policy: GatePolicy, f: Finding): EcosystemOverride {
  const eco = f.package?.ecosystem;
  if (!eco) return {};
  return policy.ecosystems.find(([glob]) => globMatch(glob, eco))?.[1] ?? {};
}

/** True when `ignore-unfixed` (global or the ecosystem's) takes the finding out of the thresholds. */
export function ignoredAsUnfixed(policy: GatePolicy, f: Finding): boolean {
  if (f.kind !== 'vulnerability' || f.fixState === 'fixed') return false;
  return override(policy, f).ignoreUnfixed ?? policy.ignoreUnfixed;
}

function ruleMode(rules: Record<string, RuleMode>, f: Finding): RuleMode | undefined {
  for (const id of [f.ruleId, ...f.aliases]) if (rules[id]) return rules[id];
  return undefined;
}

function bySeverity(f: Finding, failOn: Threshold, warnOn: Threshold, rule: string): FindingHit[] {
  if (failOn !== 'none' && atOrAbove(f.severity, failOn)) return [{ rule, status: 'fail' }];
  if (warnOn !== 'none' && atOrAbove(f.severity, warnOn)) return [{ rule, status: 'warn' }];
  return [];
}

function hit(mode: RuleMode, rule: string): FindingHit[] {
  return mode === 'off' ? [] : [{ rule, status: mode }];
}

function vulnerabilityHits(f: Finding, p: GatePolicy): FindingHit[] {
  const out: FindingHit[] = [];
  if (f.kev) out.push(...hit(p.kev, 'vulnerabilities.kev'));
  if (ignoredAsUnfixed(p, f)) return out;
  const byId = ruleMode(p.vulnerabilityRules, f);
  const o = override(p, f);
  if (byId) out.push(...hit(byId, 'vulnerabilities.rules'));
  else out.push(...bySeverity(f, o.failOn ?? p.failOn, o.warnOn ?? p.warnOn, 'vulnerabilities.severity'));
  if (f.score !== undefined && f.score >= p.cvss.threshold)
    out.push(...hit(p.cvss.mode, 'vulnerabilities.cvss'));
  if (f.epss !== undefined && f.epss.score >= p.epss.threshold)
    out.push(...hit(p.epss.mode, 'vulnerabilities.epss'));
  return out;
}

/**
 * The rules one unsuppressed finding violates. Vulnerabilities: KEV first (it applies whatever
 * the thresholds, fix state or ecosystem say), then a per-id mode or else the severity thresholds
 * (ecosystem overrides first), then CVSS and EPSS. Provenance: the mode of the rule that asked
 * for the check. Other kinds: per-id mode, else thresholds.
 */
export function findingHits(f: Finding, policy: GatePolicy): FindingHit[] {
  if (f.kind === 'vulnerability') return vulnerabilityHits(f, policy);
  // provenance findings exist only because a rule asked for them, and carry its mode
  if (f.kind === 'provenance') return f.policy ? hit(f.policy.mode, f.policy.rule) : [];
  const gate = policy.kinds[f.kind];
  const key = KIND_RULE[f.kind];
  const byId = ruleMode(gate.rules, f);
  if (byId) return hit(byId, `${key}.rules`);
  return bySeverity(f, gate.failOn, gate.warnOn, `${key}.severity`);
}
