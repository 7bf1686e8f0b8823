import {
  FINDING_KINDS,
  SEVERITIES,
  type CatalogIssue,
  type Finding,
  type FindingKind,
  type ImageInfo,
  type Package,
  type Reason,
  type Severity,
  type Verdict,
} from '../types/model.js';
import type { ExpiredException } from './exceptions.js';
import { findingHits, ignoredAsUnfixed, type FindingHit } from './finding-rules.js';
import { imageNames } from './image-names.js';
import { imageReasons, packageReasons } from './image-rules.js';
import type { GatePolicy } from './policy.js';

/** What the gate knows besides findings and issues. All optional: rules without their input are skipped. */
export interface EvaluateContext {
  packages?: readonly Package[];
  image?: ImageInfo;
  /** Ids the baseline diff calls introduced; with `policy.newOnly`, finding rules count only these. */
  introduced?: ReadonlySet<string>;
  expired?: readonly ExpiredException[];
  /** The time image age is measured at. Default: now. */
  now?: Date;
}

/** Findings per severity, every severity present (0 when none). */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** {@link countBySeverity} for each finding kind. */
export function countByKind(findings: readonly Finding[]): Record<FindingKind, Record<Severity, number>> {
  return Object.fromEntries(
    FINDING_KINDS.map((k) => [k, countBySeverity(findings.filter((f) => f.kind === k))]),
  ) as Record<FindingKind, Record<Severity, number>>;
}

const NOUN: Record<string, [string, string]> = {
  vulnerability: ['vulnerability', 'vulnerabilities'],
  misconfiguration: ['misconfiguration', 'misconfigurations'],
  secret: ['secret', 'secrets'],
  license: ['licence finding', 'licence findings'],
  provenance: ['provenance finding', 'provenance findings'],
};

function describe(
  rule: string,
  hits: readonly Finding[],
  policy: GatePolicy,
  status: 'fail' | 'warn',
): string {
  const kind = hits[0]!.kind;
  const [one, many] = NOUN[kind]!;
  const n = `${hits.length} ${hits.length === 1 ? one : many}`;
  if (kind === 'provenance') return provenanceMessage(hits);
  const gate =
    kind === 'vulnerability' ? { failOn: policy.failOn, warnOn: policy.warnOn } : policy.kinds[kind];
  const t = status === 'fail' ? gate.failOn : gate.warnOn;
  if (rule.endsWith('.severity')) return t === 'unknown' ? `${n} found` : `${n} at or above ${t}`;
  if (rule.endsWith('.rules')) return `${n} named in ${rule}`;
  if (rule === 'vulnerabilities.kev') return `${n} known to be exploited (CISA KEV)`;
  if (rule === 'vulnerabilities.cvss') return `${n} with a CVSS score of ${policy.cvss.threshold} or more`;
  return `${n} with an EPSS probability of ${policy.epss.threshold} or more`;
}

/** Provenance reasons carry the finding's own words: one finding, its title and evidence. */
function provenanceMessage(hits: readonly Finding[]): string {
  const first = hits[0]!;
  const what = [first.title, first.evidence].filter(Boolean).join(': ');
  return hits.length === 1 ? what : `${what} (and ${hits.length - 1} more)`;
}

/** Groups per-finding hits into one reason per (rule, status), in first-seen order. */
function findingReasons(findings: readonly Finding[], policy: GatePolicy): Reason[] {
  const groups = new Map<string, { hit: FindingHit; findings: Finding[] }>();
  for (const f of findings)
    for (const hit of findingHits(f, policy)) {
      const key = `${hit.status}\0${hit.rule}`;
      const g = groups.get(key) ?? { hit, findings: [] };
      g.findings.push(f);
      groups.set(key, g);
    }
  const ordered = [...groups.values()].sort((a, b) =>
    a.hit.status === b.hit.status ? 0 : a.hit.status === 'fail' ? -1 : 1,
  );
  return ordered.map(({ hit, findings: fs }) => ({
    rule: hit.rule,
    status: hit.status,
    message: describe(hit.rule, fs, policy, hit.status),
    findingIds: fs.map((f) => f.id),
  }));
}

function incompleteReasons(issues: readonly CatalogIssue[], policy: GatePolicy): Reason[] {
  const os = issues.filter((i) => i.osDatabase).length;
  const other = issues.length - os;
  const out: Reason[] = [];
  const n = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
  if (os && policy.incomplete.osDatabase !== 'off')
    out.push({
      rule: 'incomplete',
      status: policy.incomplete.osDatabase,
      message: `an OS package database could not be read completely (${n(os, 'problem')}); packages may be missing`,
      findingIds: [],
    });
  if (other && policy.incomplete.other !== 'off')
    out.push({
      rule: 'incomplete',
      status: policy.incomplete.other,
      message: `the scan is incomplete: ${n(other, 'file')} could not be examined`,
      findingIds: [],
    });
  return out;
}

function expiredReasons(expired: readonly ExpiredException[]): Reason[] {
  return expired.map(({ exception: e, findingIds }) => ({
    rule: 'exceptions',
    status: 'warn' as const,
    message:
      `exception ${e.source ?? ''} expired on ${e.expires} and no longer applies${findingIds.length ? ` (${findingIds.length} finding${findingIds.length === 1 ? '' : 's'})` : ''}: ${e.reason}`.replace(
        / {2,}/g,
        ' ',
      ),
    findingIds,
  }));
}

/**
 * Decides pass / warn / fail. A failed gate is a verdict, never an error (STYLE rule 14).
 * Suppressed findings never count; findings `ignore-unfixed` takes out count only for KEV; with
 * `newOnly` and a baseline, only introduced findings count. Every reason names its rule (as its
 * path in the policy file) and the findings or packages behind it.
 */
export function evaluate(
  findings: readonly Finding[],
  issues: readonly CatalogIssue[],
  policy: GatePolicy,
  ctx: EvaluateContext = {},
): Verdict {
  const unsuppressed = findings.filter((f) => !f.suppressed);
  const gated =
    policy.newOnly && ctx.introduced ? unsuppressed.filter((f) => ctx.introduced!.has(f.id)) : unsuppressed;
  const names = ctx.image ? imageNames(ctx.image) : [];
  const reasons = [
    ...findingReasons(gated, policy),
    ...(ctx.image ? imageReasons(ctx.image, names, policy.image, ctx.now ?? new Date()) : []),
    ...(ctx.packages ? packageReasons(ctx.packages, names, policy) : []),
    ...incompleteReasons(issues, policy),
    ...expiredReasons(ctx.expired ?? []),
  ].sort((a, b) => (a.status === b.status ? 0 : a.status === 'fail' ? -1 : 1));
  const status = reasons.some((r) => r.status === 'fail') ? 'fail' : reasons.length ? 'warn' : 'pass';
  const counted = unsuppressed.filter((f) => !ignoredAsUnfixed(policy, f));
  return {
    status,
    reasons,
    counts: countBySeverity(counted),
    countsByKind: countByKind(counted),
    incomplete: issues.length > 0,
  };
}
