import { findingId } from '../finding-id.js';
import type { Finding, Package } from '../types/model.js';
import type { OsvAffected, OsvRecord } from '../types/osv/record.js';
import { preferredId } from './aliases.js';
import { fixStateOf } from './fix-state.js';
import { resolveSeverity } from './severity.js';
import { upstreamCves } from './upstream.js';
import type { Comparator } from './versions/comparator.js';

/** One record that matched one package. */
export interface Hit {
  record: OsvRecord;
  affected: OsvAffected[];
  fixed: string[];
  unfixed: boolean;
  via: 'name' | 'source';
}

export const DISTRO_TYPES = new Set(['deb', 'apk', 'rpm']);

function sortVersions(versions: string[], cmp: Comparator | undefined): string[] {
  const uniq = [...new Set(versions)];
  try {
    return cmp ? uniq.sort((a, b) => cmp.compare(a, b)) : uniq.sort();
  } catch {
    return uniq.sort();
  }
}

/**
 * Title and description from the record the finding is shown under: the one with that id, an
 * alias of it, or a distro's per-CVE record of it; an errata covering several CVEs comes last.
 */
function texts(records: readonly OsvRecord[], ruleId: string): { title?: string; description?: string } {
  const main =
    records.find((r) => r.id === ruleId || r.aliases?.includes(ruleId)) ??
    records.find((r) => /^[A-Z]+-CVE-/.test(r.id) && r.upstream?.includes(ruleId)) ??
    records[0]!;
  const ordered = [main, ...records.filter((r) => r !== main)];
  const title =
    main.summary ??
    main.details?.split('\n')[0]?.slice(0, 200) ??
    ordered.map((r) => r.summary).find(Boolean);
  const description = ordered.map((r) => r.details).find(Boolean);
  return { ...(title ? { title } : {}), ...(description ? { description: description.slice(0, 4000) } : {}) };
}

/** What every finding of one group shares. */
type Shared = Omit<Finding, 'id' | 'ruleId' | 'aliases'>;

/** The parts of a finding every id of one group shares (computed once per group, not per CVE). */
function shared(
  p: Package,
  group: Hit[],
  cmp: Comparator | undefined,
): Omit<Finding, 'id' | 'ruleId' | 'aliases'> {
  const records = group.map((h) => h.record);
  const sev = resolveSeverity(
    records,
    group.flatMap((h) => h.affected),
    DISTRO_TYPES.has(p.type),
  );
  const fixedIn = sortVersions(
    group.flatMap((h) => h.fixed),
    cmp,
  );
  const location = p.locations[0];
  const refs = [...new Set(records.flatMap((r) => (r.references ?? []).map((x) => x.url)))];
  return {
    kind: 'vulnerability',
    severity: sev.severity,
    severitySource: sev.source,
    ...(sev.score !== undefined ? { score: sev.score } : {}),
    ...(sev.vector ? { cvssVector: sev.vector } : {}),
    fixState: fixStateOf(
      fixedIn.length > 0,
      group.flatMap((h) => h.affected),
    ),
    fixedIn,
    package: { id: p.id, name: p.name, version: p.version, ecosystem: p.ecosystem, purl: p.purl },
    matchedBy: group.some((h) => h.via === 'name') ? 'name' : 'source',
    advisories: records.map((r) => ({
      id: r.id,
      url: `https://osv.dev/vulnerability/${r.id}`,
      modified: r.modified,
    })),
    references: refs.slice(0, 10),
    ...(location ? { location } : {}),
    layer: p.layer,
  };
}

function withId(p: Package, group: Hit[], base: Shared, ruleId: string, aliases: string[]): Finding {
  const location = p.locations[0];
  const at = location ? { location } : {};
  const id = findingId({ kind: 'vulnerability', ruleId, ecosystem: p.ecosystem, packageName: p.name, ...at });
  const shownAs = texts(
    group.map((h) => h.record),
    ruleId,
  );
  return { id, ruleId, aliases, ...base, ...shownAs, fixedIn: [...base.fixedIn] };
}

/**
 * The findings for one group of records (one issue): one finding shown under the preferred id
 * (CVE first), or, for distro errata that name several CVEs and no CVE id of their own, one
 * finding per CVE with the errata ids kept as aliases (see `upstreamCves`).
 */
export function toFindings(p: Package, group: Hit[], cmp: Comparator | undefined): Finding[] {
  const records = group.map((h) => h.record);
  const base = shared(p, group, cmp);
  const { id, aliases } = preferredId(records);
  // a group already shown under a CVE (a CVE id, alias, or a distro's per-CVE record) stays one
  // finding: errata folded into it (see `foldUpstream`) are aliases, not more findings
  const cves = /^CVE-/.test(id) ? [] : upstreamCves(records);
  if (cves.length === 0) return [withId(p, group, base, id, aliases)];
  return cves.map((cve) =>
    withId(
      p,
      group,
      base,
      cve,
      [...new Set([id, ...aliases])].filter((a) => a !== cve),
    ),
  );
}
