import type { OsvRecord } from '../types/osv/record.js';

const CVE = /^CVE-\d{4}-\d+$/;

/**
 * Distro errata: one advisory fixing several CVEs, listed in `upstream` (OSV schema 1.7
 * §upstream) or, in AlmaLinux/Rocky/Red Hat errata, `related` (§related).
 */
const ERRATA = /^(RHSA|RHBA|RHEA|ALSA|ALBA|RLSA|RXSA|ELSA|DSA|DLA|DTSA|USN|LSN|ALAS\d*|SUSE-SU|openSUSE-SU)-/;

/**
 * The CVEs a group of records (one issue, see `groupByAliases`) should be reported under
 * when none of its ids or aliases is a CVE: the union of the records' `upstream` CVEs and,
 * for errata, their `related` CVEs. Empty when the group already has a CVE id (it is then
 * shown under it) or names none. Reporting errata per CVE keeps KEV/EPSS enrichment and
 * policy exceptions keyed by CVE working, as Trivy and Grype do; the errata id stays an alias.
 */
export function upstreamCves(records: readonly OsvRecord[]): string[] {
  const ids = records.flatMap((r) => [r.id, ...(r.aliases ?? [])]);
  if (ids.some((id) => CVE.test(id))) return [];
  const cves = new Set<string>();
  for (const r of records) {
    for (const u of r.upstream ?? []) if (CVE.test(u)) cves.add(u);
    if (ERRATA.test(r.id)) for (const u of r.related ?? []) if (CVE.test(u)) cves.add(u);
  }
  return [...cves].sort();
}
