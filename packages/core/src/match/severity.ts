import type { Severity } from '../types/model.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from '../types/osv/record.js';
import { parseCvss } from './cvss/index.js';

/** The one severity a finding gets, and where it came from. */
export interface ResolvedSeverity {
  severity: Severity;
  /** `debian`, `ubuntu`, `cvss-v3.1`, `cvss-v4.0`, `ghsa`, … */
  source: string;
  score?: number;
  vector?: string;
}

/** Distro and GHSA labels → our scale. Debian's "unimportant" and Ubuntu's "negligible" are `negligible`. */
const LABELS: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  moderate: 'medium',
  medium: 'medium',
  low: 'low',
  negligible: 'negligible',
  unimportant: 'negligible',
};

function label(v: unknown): Severity | undefined {
  return typeof v === 'string' ? LABELS[v.trim().toLowerCase()] : undefined;
}

function cvssOf(
  list: OsvSeverity[] | undefined,
  prefix: string,
): { score: number; vector: string; version: string }[] {
  const out: { score: number; vector: string; version: string }[] = [];
  for (const s of list ?? []) {
    if (!s.type.startsWith(prefix)) continue;
    const parsed = parseCvss(s.score);
    if (parsed) out.push({ score: parsed.baseScore, vector: s.score, version: parsed.version });
  }
  return out;
}

function fromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}

/** The distro's own rating: Ubuntu's `severity[{type: Ubuntu}]`, Debian's `ecosystem_specific.urgency`. */
function distroRating(
  records: readonly OsvRecord[],
  affected: readonly OsvAffected[],
): ResolvedSeverity | undefined {
  for (const a of affected) {
    const es = a.ecosystem_specific ?? {};
    const sev = label(es.urgency) ?? label(es.severity);
    const ubuntu = a.severity?.find((s) => s.type === 'Ubuntu');
    const u = ubuntu ? label(ubuntu.score) : undefined;
    if (u) return { severity: u, source: 'ubuntu' };
    if (sev) return { severity: sev, source: a.package?.ecosystem.split(':')[0]?.toLowerCase() ?? 'distro' };
  }
  for (const r of records) {
    const u = r.severity?.find((s) => s.type === 'Ubuntu');
    const l = u ? label(u.score) : undefined;
    if (l) return { severity: l, source: 'ubuntu' };
  }
  return undefined;
}

/**
 * Resolves one severity for a finding merged from `records` (all aliases of one issue), using
 * the `affected[]` entries that matched. Order: the distro's own rating for distro packages
 * (a distro may rate a CVE low because of how it builds the package), then the highest CVSS
 * v3.x base score, then CVSS v4.0, then v2, then GitHub's reviewed label
 * (`database_specific.severity`), else `unknown`.
 */
export function resolveSeverity(
  records: readonly OsvRecord[],
  affected: readonly OsvAffected[],
  distroPackage: boolean,
): ResolvedSeverity {
  if (distroPackage) {
    const d = distroRating(records, affected);
    if (d) return d;
  }
  const all = [...records.flatMap((r) => r.severity ?? []), ...affected.flatMap((a) => a.severity ?? [])];
  for (const prefix of ['CVSS_V3', 'CVSS_V4', 'CVSS_V2']) {
    const scores = cvssOf(all, prefix).sort((a, b) => b.score - a.score);
    const best = scores[0];
    if (best)
      return {
        severity: fromScore(best.score),
        source: `cvss-v${best.version}`,
        score: best.score,
        vector: best.vector,
      };
  }
  for (const r of records) {
    const l = label(r.database_specific?.severity);
    if (l) return { severity: l, source: r.id.startsWith('GHSA-') ? 'ghsa' : 'osv' };
  }
  return { severity: 'unknown', source: 'none' };
}
