import type { OsvRecord } from '../types/osv/record.js';

/**
 * Groups records that describe the same issue: two records are one issue when their
 * `id`+`aliases` sets share an id (OSV `aliases`: "IDs for the same vulnerability in other
 * databases"). `related` and `upstream` do not merge: a DSA relates to several CVEs at once.
 */
export function groupByAliases<T extends { record: OsvRecord }>(items: readonly T[]): T[][] {
  const parent = items.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const owner = new Map<string, number>();
  items.forEach((it, i) => {
    for (const id of [it.record.id, ...(it.record.aliases ?? [])]) {
      const j = owner.get(id);
      if (j === undefined) owner.set(id, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, T[]>();
  items.forEach((it, i) => {
    const root = find(i);
    const g = groups.get(root);
    if (g) g.push(it);
    else groups.set(root, [it]);
  });
  return [...groups.values()];
}

const RANK: [RegExp, number][] = [
  [/^CVE-\d{4}-\d+$/, 0],
  [/^GHSA-/, 1],
  [/^(GO|PYSEC|RUSTSEC)-/, 2],
];

function rank(id: string): number {
  return RANK.find(([re]) => re.test(id))?.[1] ?? 3;
}

/**
 * The id a finding is shown under: a CVE id when any record or alias has one (the id users
 * search for), then GHSA, then ecosystem ids. A distro's per-CVE record (`DEBIAN-CVE-…`,
 * `UBUNTU-CVE-…`) with a single upstream CVE is shown as that CVE. Ties break alphabetically.
 */
export function preferredId(records: readonly OsvRecord[]): { id: string; aliases: string[] } {
  const ids = new Set<string>();
  for (const r of records) {
    ids.add(r.id);
    r.aliases?.forEach((a) => ids.add(a));
    const cves = (r.upstream ?? []).filter((u) => /^CVE-/.test(u));
    if (cves.length === 1 && /^[A-Z]+-CVE-/.test(r.id)) ids.add(cves[0]!);
  }
  const sorted = [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return { id: sorted[0]!, aliases: sorted.slice(1) };
}

/**
 * Folds distro advisories into the per-CVE findings they cover. A Debian DSA/DLA or Ubuntu USN
 * names its CVEs in `upstream`, not `aliases`, so it forms its own group; when every CVE it
 * names is already a finding of the same package, it adds nothing but noise. Such a group is
 * merged into each of those CVE groups (so its id shows as an alias), and disappears. A group
 * with any CVE not reported otherwise stays, under its own id.
 */
export function foldUpstream<T extends { record: OsvRecord }>(groups: T[][]): T[][] {
  const shownAs = groups.map((g) => preferredId(g.map((h) => h.record)).id);
  const byCve = new Map<string, number>();
  shownAs.forEach((id, i) => {
    if (/^CVE-/.test(id)) byCve.set(id, i);
  });
  const folded = new Set<number>();
  groups.forEach((g, i) => {
    if (/^CVE-/.test(shownAs[i]!)) return;
    const cves = [...new Set(g.flatMap((h) => (h.record.upstream ?? []).filter((u) => /^CVE-/.test(u))))];
    if (cves.length === 0 || !cves.every((c) => byCve.has(c))) return;
    for (const c of cves) groups[byCve.get(c)!]!.push(...g);
    folded.add(i);
  });
  return groups.filter((_, i) => !folded.has(i));
}
