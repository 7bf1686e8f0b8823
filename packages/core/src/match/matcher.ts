import type { Logger } from '../logger.js';
import type { CatalogIssue, Finding, IgnoreRule, Package } from '../types/model.js';
import { archiveOf, ecosystemKey, normaliseName, type AdvisoryDb } from '../vulndb/db.js';
import { foldUpstream, groupByAliases } from './aliases.js';
import { schemeFor } from '../ecosystems/index.js';
import { DISTRO_TYPES, toFindings, type Hit } from './finding.js';
import { evaluateAffected } from './osv-range.js';
import type { Comparator } from './versions/comparator.js';
import { comparatorFor } from './versions/registry.js';

/** Findings for all packages plus the problems met on the way (never silently dropped). */
export interface MatchResult {
  findings: Finding[];
  issues: CatalogIssue[];
}

/**
 * The names a package is looked up by. Distro advisories are keyed by source package (Debian,
 * Ubuntu, Alpine `origin`; STYLE rule 7), compared with the source version; the binary name is
 * looked up as well, with the binary version. An rpm's source package has the same
 * epoch:version-release as its binaries (one spec file), but the SOURCERPM file name drops the
 * epoch, so rpm lookups always compare the binary's full EVR.
 */
function lookups(p: Package): { name: string; version: string; via: 'name' | 'source' }[] {
  if (!p.source || !DISTRO_TYPES.has(p.type)) return [{ name: p.name, version: p.version, via: 'name' }];
  const srcVersion = p.type === 'rpm' ? p.version : p.source.version || p.version;
  if (p.source.name === p.name) return [{ name: p.name, version: srcVersion, via: 'name' }];
  return [
    { name: p.source.name, version: srcVersion, via: 'source' },
    { name: p.name, version: p.version, via: 'name' },
  ];
}

function evaluate(
  p: Package,
  record: Hit['record'],
  version: string,
  via: Hit['via'],
  cmp: Comparator | undefined,
  issues: CatalogIssue[],
  want: string,
): Hit | undefined {
  const key = ecosystemKey(p.ecosystem);
  const hit: Hit = { record, affected: [], fixed: [], unfixed: false, via };
  for (const a of record.affected ?? []) {
    if (
      !a.package ||
      ecosystemKey(a.package.ecosystem) !== key ||
      normaliseName(archiveOf(key), a.package.name) !== want
    )
      continue;
    try {
      // an installed version the scheme cannot parse is checked against exact `versions` only
      const v = evaluateAffected(a, version, cmp && validFor(cmp, version, p, issues));
      if (!v.affected) continue;
      hit.affected.push(a);
      hit.fixed.push(...v.fixed);
      hit.unfixed ||= v.unfixed;
    } catch (err) {
      issues.push({
        by: 'matcher',
        message: `cannot compare ${p.name} ${version} against ${record.id}: ${(err as Error).message}`,
        path: p.locations[0],
      });
    }
  }
  return hit.affected.length ? hit : undefined;
}

const reportedInvalid = new WeakSet<Package>();

/** `cmp` when it can order `version`; otherwise reports that once per package (never silently). */
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

async function hitsFor(
  p: Package,
  db: AdvisoryDb,
  cmp: Comparator | undefined,
  issues: CatalogIssue[],
): Promise<Hit[]> {
  const hits: Hit[] = [];
  const seen = new Set<string>();
  for (const l of lookups(p)) {
    const want = normaliseName(archiveOf(p.ecosystem), l.name);
    for (const record of await db.lookup(p.ecosystem, l.name)) {
      // OSV schema §withdrawn: a withdrawn record must no longer be reported
      if (record.withdrawn || seen.has(record.id)) continue;
      const hit = evaluate(p, record, l.version, l.via, cmp, issues, want);
      if (!hit) continue;
      seen.add(record.id);
      hits.push(hit);
    }
  }
  return hits;
}

function coverageIssues(packages: readonly Package[], db: AdvisoryDb): CatalogIssue[] {
  if (!db.covers) return [];
  const missing = [
    ...new Set(
      packages
        .map((p) => p.ecosystem)
        .filter((e) => e && !db.covers!(e))
        .map(archiveOf),
    ),
  ].sort();
  return missing.map((e) => ({
    by: 'matcher',
    message: `the vulnerability DB has no ${e} advisories, so ${e} packages were not checked (run 'tidegate db update --ecosystems ${e}')`,
  }));
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
  const todo = packages.filter((p) => !ignored.has(p.id) && p.ecosystem);
  await db.prefetch?.(
    todo.flatMap((p) =>
      lookups(p).map((l) => ({ ecosystem: p.ecosystem, name: l.name, version: l.version })),
    ),
  );
  const findings: Finding[] = [];
  const issues: CatalogIssue[] = coverageIssues(todo, db);
  const noScheme = new Set<string>();
  for (const p of todo) {
    const scheme = schemeFor(p.ecosystem);
    const cmp = scheme ? comparatorFor(scheme) : undefined;
    if (!cmp) noScheme.add(p.ecosystem);
    const hits = await hitsFor(p, db, cmp, issues);
    for (const group of foldUpstream(groupByAliases(hits))) findings.push(...toFindings(p, group, cmp));
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
    prev.aliases = [...new Set([...prev.aliases, ...f.aliases])].filter((a) => a !== prev.ruleId);
    prev.fixedIn = [...new Set([...prev.fixedIn, ...f.fixedIn])];
    prev.advisories = [...(prev.advisories ?? []), ...(f.advisories ?? [])];
    if (prev.fixedIn.length) prev.fixState = 'fixed';
  }
  return [...byId.values()];
}
