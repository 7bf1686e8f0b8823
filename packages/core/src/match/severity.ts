import type { Severity } from '../types/model.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from '../types/osv/record.js';
import { parseCvss } from './cvss/index.js';

/** The one severity a finding gets, and where it came from. */
export interface ResolvedSeverity {
  severity: Severity;
  /** `debian`, `ubuntu`, `redhat`, `almalinux`, `ghsa`, `cvss-v3.1`, `cvss-v4.0`, … or `none`. */
  source: string;
  score?: number;
  vector?: string;
}

/**
 * Distro, GHSA and errata labels → our scale. Debian's "unimportant" and Ubuntu's "negligible"
 * are `negligible`; Red Hat's "Important" is `high`. Debian's "not yet assigned" is no rating.
 */
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
  return typeof v === 'string'
    ? LABELS[
        v
          .trim()
          .toLowerCase()
          .replace(/[*\s]+$/, '')
      ]
    : undefined;
}

/** `Red Hat:enterprise_linux:9::baseos` → `redhat`, `Debian:12` → `debian`. */
function sourceName(ecosystem: string | undefined): string {
  return (ecosystem ?? 'distro')
    .split(':')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** CVSS qualitative rating scale (CVSS v3.1 spec §5, v4.0 spec §6); 0.0 ("None") maps to negligible. */
export function fromScore(score: number): Severity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'negligible';
}

/**
 * The distro's own rating, from the matched `affected[]` entries first: Debian's
 * `ecosystem_specific.urgency`, a `severity` in `ecosystem_specific`/`database_specific`, an
 * `Ubuntu` entry in the record's `severity[]` (Ubuntu's priority), then the errata summary
 * prefix Red Hat, AlmaLinux and Rocky use (`Important: openssl security update`).
 */
function distroRating(
  records: readonly OsvRecord[],
  affected: readonly OsvAffected[],
): ResolvedSeverity | undefined {
  for (const a of affected) {
    const es = a.ecosystem_specific ?? {};
    const l = label(es.urgency) ?? label(es.severity) ?? label(a.database_specific?.severity);
    if (l) return { severity: l, source: sourceName(a.package?.ecosystem) };
  }
  for (const r of records) {
    const u = label(r.severity?.find((s) => s.type === 'Ubuntu')?.score);
    if (u) return { severity: u, source: 'ubuntu' };
  }
  for (const r of records) {
    const l = label(/^(Critical|Important|Moderate|Low):/.exec(r.summary ?? '')?.[1]);
    if (l) return { severity: l, source: sourceName(affected[0]?.package?.ecosystem) };
  }
  return undefined;
}

/** The best CVSS among `list`: the newest CVSS version present, then the highest base score. */
function bestCvss(list: readonly OsvSeverity[]): ResolvedSeverity | undefined {
  for (const prefix of ['CVSS_V4', 'CVSS_V3', 'CVSS_V2']) {
    let best: { score: number; vector: string; version: string } | undefined;
    for (const s of list) {
      if (s.type !== prefix) continue;
      const parsed = parseCvss(s.score);
      if (parsed && (!best || parsed.baseScore > best.score))
        best = { score: parsed.baseScore, vector: s.score, version: parsed.version };
    }
    if (best)
      return {
        severity: fromScore(best.score),
        source: `cvss-v${best.version}`,
        score: best.score,
        vector: best.vector,
      };
  }
  return undefined;
}

/**
 * Resolves one severity for a finding merged from `records` (all aliases of one issue), using
 * the `affected[]` entries that matched. Precedence, most specific judgement first:
 * 1. for distro packages, the distro's own rating (it rates how *its* build is affected);
 * 2. the publisher's reviewed label, `database_specific.severity` (GitHub's GHSA rating: the
 *    one Dependabot shows, and what Trivy and Grype report for GHSA-sourced matches);
 * 3. CVSS computed from the records' vectors (OSV schema §severity), newest version first
 *    (v4.0, then v3.x, then v2: a publisher that scored v4 meant it to supersede v3);
 * 4. `unknown`.
 * The CVSS score and vector are attached whenever a vector exists, whichever rule decided.
 */
export function resolveSeverity(
  records: readonly OsvRecord[],
  affected: readonly OsvAffected[],
  distroPackage: boolean,
): ResolvedSeverity {
  const cvss = bestCvss([
    ...records.flatMap((r) => r.severity ?? []),
    ...affected.flatMap((a) => a.severity ?? []),
  ]);
  const withScore = (r: ResolvedSeverity): ResolvedSeverity =>
    cvss?.score !== undefined
      ? { ...r, score: cvss.score, ...(cvss.vector ? { vector: cvss.vector } : {}) }
      : r;
  const distro = distroPackage ? distroRating(records, affected) : undefined;
  if (distro) return withScore(distro);
  for (const r of records) {
    const l = label(r.database_specific?.severity);
    if (l)
      return withScore({
        severity: l,
        source: r.id.startsWith('GHSA-') ? 'ghsa' : r.id.split('-')[0]!.toLowerCase(),
      });
  }
  return cvss ?? { severity: 'unknown', source: 'none' };
}
