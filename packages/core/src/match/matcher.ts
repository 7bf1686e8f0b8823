import { findingId } from '../finding-id.js';
import type { Logger } from '../logger.js';
import type { CatalogIssue, Finding, IgnoreRule, Package } from '../types/model.js';
import type { OsvAffected, OsvRecord } from '../types/osv/record.js';
import { normaliseName, type AdvisoryDb } from '../vulndb/db.js';
import { foldUpstream, groupByAliases, preferredId } from './aliases.js';
import { schemeFor } from './ecosystems.js';
import { evaluateAffected } from './osv-range.js';
import { resolveSeverity } from './severity.js';
import type { Comparator } from './versions/comparator.js';
import { comparatorFor } from './versions/registry.js';

/** One record that matched one package. */
interface Hit {
  record: OsvRecord;
  affected: OsvAffected[];
  fixed: string[];
  unfixed: boolean;
  via: 'name' | 'source';
}

/** Findings for all packages plus the problems met on the way (never silently dropped). */
export interface MatchResult {
  findings: Finding[];
  issues: CatalogIssue[];
}

const DISTRO_TYPES = new Set(['deb', 'apk', 'rpm']);

/**
 * The names a package is looked up by. Distro advisories are keyed by source package (Debian,
 * Ubuntu, Alpine `origin`; STYLE rule 7), compared with the source version; the binary name is
 * looked up as well, with the binary version.
 */
function lookups(p: Package): { name: string; version: string; via: 'name' | 'source' }[] {
  if (!p.source || !DISTRO_TYPES.has(p.type)) return [{ name: p.name, version: p.version, via: 'name' }];
  if (p.source.name === p.name)
    return [{ name: p.name, version: p.source.version || p.version, via: 'name' }];
  return [
    { name: p.source.name, version: p.source.version || p.version, via: 'source' },
    { name: p.name, version: p.version, via: 'name' },
  ];
}

async function hitsFor(
  p: Package,
  db: AdvisoryDb,
  cmp: Comparator | undefined,
  issues: CatalogIssue[],
): Promise<Hit[]> {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const l of lookups(p)) {
    const want = normaliseName(p.ecosystem, l.name);
    for (const record of await db.lookup(p.ecosystem, l.name)) {
      if (record.withdrawn || seen.has(record.id)) continue;
      const entries = (record.affected ?? []).filter(
        (a) => a.package?.ecosystem === p.ecosystem && normaliseName(p.ecosystem, a.package.name) === want,
      );
      const hit: Hit = { record, affected: [], fixed: [], unfixed: false, via: l.via };
      for (const a of entries) {
        try {
          // an installed version the scheme cannot parse is checked against exact `versions` only
          const v = evaluateAffected(a, l.version, cmp && validFor(cmp, l.version, p, issues));
          if (!v.affected) continue;
          hit.affected.push(a);
          hit.fixed.push(...v.fixed);
          hit.unfixed ||= v.unfixed;
        } catch (err) {
          issues.push({
            by: 'matcher',
            message: `cannot compare ${p.name} ${l.version} against ${record.id}: ${(err as Error).message}`,
            path: p.locations[0],
          });
        }
      }
      if (hit.affected.length) {
        seen.add(record.id);
        hits.push(hit);
      }
    }
  }
  return hits;
}

const reportedInvalid = new WeakSet<Package>();

/** True when `cmp` can order `version`; otherwise reports it once per package. */
function validFor(
  cmp: Comparator,
  version: string,
  p: Package,
  issues: CatalogIssue[],
): Comparator | undefined {
  if (cmp.valid(version)) return cmp;
  // a Go main module built from a checkout carries no version, only `(devel)`: nothing to
  // compare, and nothing was missed (grype and govulncheck skip it the same way)
  if (p.ecosystem === 'Go' && version === '(devel)') return undefined;
  if (!reportedInvalid.has(p)) {
    reportedInvalid.add(p);
    issues.push({
      by: 'matcher',
      message: `${p.name} ${version} is not a valid ${cmp.scheme} version: only exact version lists were matched`,
      ...(p.locations[0] ? { path: p.locations[0] } : {}),
    });
  }
  return undefined;
}

function sortVersions(versions: string[], cmp: Comparator | undefined): string[] {
  const uniq = [...new Set(versions)];
  try {
    return cmp ? uniq.sort((a, b) => cmp.compare(a, b)) : uniq.sort();
  } catch {
    return uniq.sort();
  }
}

function toFinding(p: Package, group: Hit[], cmp: Comparator | undefined): Finding {
  const records = group.map((h) => h.record);
  const { id: ruleId, aliases } = preferredId(records);
  // the record the finding is shown under: the one with that id, an alias of it, or a
  // distro's per-CVE record of it; a DSA covering several CVEs is the last choice
  const main =
    records.find((r) => r.id === ruleId || r.aliases?.includes(ruleId)) ??
    records.find((r) => /^[A-Z]+-CVE-/.test(r.id) && r.upstream?.includes(ruleId)) ??
    records[0]!;
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
  const ordered = [main, ...records.filter((r) => r !== main)];
  const title =
    main.summary ??
    main.details?.split('\n')[0]?.slice(0, 200) ??
    ordered.map((r) => r.summary).find(Boolean);
  const description = ordered.map((r) => r.details).find(Boolean);
  return {
    id: findingId({
      kind: 'vulnerability',
      ruleId,
      ecosystem: p.ecosystem,
      packageName: p.name,
      ...(location ? { location } : {}),
    }),
    kind: 'vulnerability',
    ruleId,
    aliases,
    severity: sev.severity,
    severitySource: sev.source,
    ...(sev.score !== undefined ? { score: sev.score } : {}),
    ...(sev.vector ? { cvssVector: sev.vector } : {}),
    ...(title ? { title } : {}),
    ...(description ? { description: description.slice(0, 4000) } : {}),
    fixState: fixedIn.length > 0 ? 'fixed' : 'not-fixed',
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

/**
 * Joins packages to advisories. Packages under an ignore rule are not matched (the rule is
 * reported instead). Records are grouped by aliases into one finding per issue and package.
 */
export async function matchPackages(
  packages: readonly Package[],
  ignore: readonly IgnoreRule[],
  db: AdvisoryDb,
  logger: Logger,
): Promise<MatchResult> {
  const ignored = new Set(ignore.map((r) => r.packageId));
  const findings: Finding[] = [];
  const issues: CatalogIssue[] = [];
  const noScheme = new Set<string>();
  for (const p of packages) {
    if (ignored.has(p.id) || !p.ecosystem) continue;
    const scheme = schemeFor(p.ecosystem);
    const cmp = scheme ? comparatorFor(scheme) : undefined;
    if (!cmp) noScheme.add(p.ecosystem);
    const hits = await hitsFor(p, db, cmp, issues);
    for (const group of foldUpstream(groupByAliases(hits))) findings.push(toFinding(p, group, cmp));
  }
  for (const e of noScheme)
    issues.push({
      by: 'matcher',
      message: `no version comparator for ecosystem ${e}: only exact 'versions' lists were matched`,
    });
  logger.debug(`matched ${packages.length} packages: ${findings.length} findings`);
  return { findings: mergeSameId(findings), issues };
}

/** Findings of one package shown under the same id (e.g. via a distro's per-CVE record) become one. */
function mergeSameId(findings: Finding[]): Finding[] {
  const byId = new Map<string, Finding>();
  for (const f of findings) {
    const prev = byId.get(f.id);
    if (!prev) {
      byId.set(f.id, f);
      continue;
    }
    prev.aliases = [...new Set([...prev.aliases, ...f.aliases])];
    prev.fixedIn = [...new Set([...prev.fixedIn, ...f.fixedIn])];
    prev.advisories = [...(prev.advisories ?? []), ...(f.advisories ?? [])];
    if (prev.fixedIn.length) prev.fixState = 'fixed';
  }
  return [...byId.values()];
}
