/**
 * Test helper (never used by production code): converts Trivy's integration-test DB fixtures
 * (`../shared/testdata/trivy/db-fixtures/*.yaml`) into OSV records, shaped the way the real
 * feeds publish the same facts:
 * - distro CVE entries become `ALPINE-CVE-…` / `DEBIAN-CVE-…` / `UBUNTU-CVE-…` records with
 *   `upstream: [CVE]` and NVD's CVSS vectors in `severity[]` (as osv.dev's distro converters
 *   attach them); Debian's urgency in `ecosystem_specific.urgency`, Ubuntu's priority as a
 *   `severity[]` entry of type `Ubuntu`, a tracker status in `ecosystem_specific.status`;
 * - Red Hat entries become one record per CVE or RHSA, one `affected[]` per product stream the
 *   entry's CPE indices name (`cpe.yaml`: `Red Hat:enterprise_linux:7::server`), Red Hat's
 *   rating in `ecosystem_specific.severity`;
 * - language entries become GHSA-style records (`database_specific.severity` = GitHub's
 *   label, `severity[]` = GitHub's own vector when the fixture has one), GitLab-style records
 *   (NVD's vector) or plain OSV records; ids are synthetic (`GHSA-<CVE>`) with the CVE as alias.
 */
import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';
import { testdata } from '../index.js';
import type { OsvAffected, OsvRecord, OsvSeverity } from '../../types/osv/record.js';
import { distroEcosystem, schemeFor } from '../../ecosystems/index.js';
import { comparatorFor } from '../../match/versions/registry.js';
import { complement, parseInterval, toEvents } from './trivy-ranges.js';

type Pairs = { bucket?: string; key?: string; pairs?: Pairs; value?: unknown }[];
type Vuln = {
  VendorSeverity?: Record<string, number>;
  CVSS?: Record<string, { V3Vector?: string; V2Vector?: string }>;
};

const LEVEL = ['unknown', 'low', 'medium', 'high', 'critical'];
const GHSA_LEVEL = ['UNKNOWN', 'LOW', 'MODERATE', 'HIGH', 'CRITICAL'];
/** Trivy's `types.Status` enum (pkg/types/status.go): the statuses its fixtures use. */
const STATUS = [
  'unknown',
  'not_affected',
  'affected',
  'fixed',
  'under_investigation',
  'will_not_fix',
  'fix_deferred',
  'end_of_life',
];

const fixture = (name: string) =>
  load(readFileSync(testdata('trivy/db-fixtures', `${name}.yaml`), 'utf8')) as Pairs;

/** `vulnerability.yaml`: CVE details by id. */
export function vulnDetails(): Map<string, Vuln> {
  return new Map(fixture('vulnerability')[0]!.pairs!.map((p) => [p.key!, p.value as Vuln]));
}

function nvdSeverity(v: Vuln | undefined, source = 'nvd'): OsvSeverity[] {
  const c = v?.CVSS?.[source];
  return [
    ...(c?.V3Vector ? [{ type: 'CVSS_V3', score: c.V3Vector }] : []),
    ...(c?.V2Vector ? [{ type: 'CVSS_V2', score: c.V2Vector }] : []),
  ];
}

const record = (id: string, extra: Partial<OsvRecord>): OsvRecord => ({
  schema_version: '1.6.0',
  id,
  modified: '2024-01-01T00:00:00Z',
  ...extra,
});

/** `alpine 3.9` → `Alpine:v3.9`, `alma 8` → `AlmaLinux:8`; `undefined` for releases OSV has no ecosystem for. */
function distroOf(bucket: string): { ecosystem: string; prefix: string } | undefined {
  const [name, version] = bucket.split(' ') as [string, string | undefined];
  const id = { alma: 'almalinux', rocky: 'rocky' }[name] ?? name;
  const ecosystem = distroEcosystem({ id, versionId: version ?? '' });
  return ecosystem ? { ecosystem, prefix: name.toUpperCase() } : undefined;
}

function distroRecord(
  d: { ecosystem: string; prefix: string },
  pkg: string,
  cve: string,
  v: Record<string, unknown>,
  vulns: Map<string, Vuln>,
): OsvRecord {
  const fixed = typeof v.FixedVersion === 'string' ? [{ fixed: v.FixedVersion }] : [];
  const es: Record<string, unknown> = {};
  if (d.prefix === 'DEBIAN' && typeof v.Severity === 'number') es.urgency = LEVEL[v.Severity];
  const status =
    typeof v.Status === 'number' ? STATUS[v.Status] : typeof v.State === 'string' ? v.State : undefined;
  if (status) es.status = status;
  const ubuntu = d.prefix === 'UBUNTU' ? vulns.get(cve)?.VendorSeverity?.ubuntu : undefined;
  const affected: OsvAffected = {
    package: { ecosystem: d.ecosystem, name: pkg },
    ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, ...fixed] }],
  };
  if (Object.keys(es).length) affected.ecosystem_specific = es;
  const severity = [
    ...nvdSeverity(vulns.get(cve)),
    ...(ubuntu ? [{ type: 'Ubuntu', score: LEVEL[ubuntu]! }] : []),
  ];
  return record(`${d.prefix}-${cve}`, {
    upstream: [cve],
    affected: [affected],
    ...(severity.length ? { severity } : {}),
  });
}

/** `cpe:/o:redhat:enterprise_linux:7::server` → `Red Hat:enterprise_linux:7::server`. */
function redHatStreams(): Map<number, string> {
  const cpe = fixture('cpe')[0]!.pairs!.find((p) => p.bucket === 'cpe')!.pairs!;
  return new Map(cpe.map((p) => [Number(p.key), `Red Hat:${String(p.value).split(':').slice(3).join(':')}`]));
}

type RhEntry = {
  Affected?: number[];
  Cves?: { ID?: string; Severity?: number }[];
  FixedVersion?: string;
  Status?: number;
};

function redHatRecord(pkg: string, key: string, entries: RhEntry[], streams: Map<number, string>): OsvRecord {
  const affected: OsvAffected[] = [];
  const cves = new Set<string>();
  for (const e of entries) {
    const sev = Math.max(0, ...(e.Cves ?? []).map((c) => c.Severity ?? 0));
    (e.Cves ?? []).forEach((c) => c.ID && cves.add(c.ID));
    const es: Record<string, unknown> = {
      ...(sev ? { severity: LEVEL[sev] } : {}),
      ...(e.Status ? { status: STATUS[e.Status] } : {}),
    };
    const events = [{ introduced: '0' }, ...(e.FixedVersion ? [{ fixed: e.FixedVersion }] : [])];
    for (const ecosystem of new Set(
      (e.Affected ?? []).map((i) => streams.get(i)).filter((s): s is string => !!s),
    ))
      affected.push({
        package: { ecosystem, name: pkg },
        ranges: [{ type: 'ECOSYSTEM', events }],
        ecosystem_specific: es,
      });
  }
  const isCve = key.startsWith('CVE-');
  return record(isCve ? `REDHAT-${key}` : key, { upstream: isCve ? [key] : [...cves].sort(), affected });
}

const LANG: Record<string, string> = {
  npm: 'npm',
  pip: 'PyPI',
  go: 'Go',
  maven: 'Maven',
  rubygems: 'RubyGems',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
  erlang: 'Hex',
  pub: 'Pub',
};

type LangValue = { PatchedVersions?: string[]; VulnerableVersions?: string[] };

function langId(source: string, key: string): string {
  if (!key.startsWith('CVE-')) return key;
  if (/GitHub/.test(source)) return `GHSA-${key}`;
  if (/GitLab/.test(source)) return `GLAD-${key}`;
  return key;
}

function langSeverity(source: string, v: Vuln | undefined): Partial<OsvRecord> {
  if (/GitLab/.test(source)) {
    const s = nvdSeverity(v);
    return s.length ? { severity: s } : {};
  }
  if (!/GitHub/.test(source)) return {};
  const s = nvdSeverity(v, 'ghsa');
  const label = v?.VendorSeverity?.ghsa;
  return {
    ...(s.length ? { severity: s } : {}),
    ...(label ? { database_specific: { severity: GHSA_LEVEL[label] } } : {}),
  };
}

function langRecord(
  eco: string,
  source: string,
  pkg: string,
  key: string,
  value: LangValue,
  vulns: Map<string, Vuln>,
): OsvRecord {
  const go = eco === 'Go';
  const cmp = comparatorFor(schemeFor(eco)!)!;
  const patchedIntervals = (value.PatchedVersions ?? []).map((p) => parseInterval(p, go));
  const patched = patchedIntervals.flatMap((i) => (i.lo ? [i.lo.v] : []));
  const vulnerable = value.VulnerableVersions
    ? value.VulnerableVersions.map((t) => parseInterval(t, go))
    : complement(patchedIntervals, cmp);
  const type = ['Go', 'npm', 'crates.io'].includes(eco) ? 'SEMVER' : 'ECOSYSTEM';
  const id = langId(source, key);
  return record(id, {
    ...(id !== key ? { aliases: [key] } : {}),
    affected: [
      {
        package: { ecosystem: eco, name: pkg },
        ranges: [{ type, events: toEvents(vulnerable, patched, cmp) }],
      },
    ],
    ...langSeverity(source, vulns.get(key)),
  });
}

const FILES = [
  'alpine',
  'debian',
  'ubuntu',
  'redhat',
  'almalinux',
  'rockylinux',
  'nodejs',
  'python',
  'go',
  'java',
  'ruby',
  'rust',
  'composer',
  'nuget',
  'erlang',
  'pub',
  'conan',
];

/** Every fixture as OSV records, plus the buckets left out (no OSV ecosystem exists for them). */
export function convertTrivyFixtures(): { records: OsvRecord[]; skipped: string[] } {
  const vulns = vulnDetails();
  const streams = redHatStreams();
  const records: OsvRecord[] = [];
  const skipped: string[] = [];
  for (const top of FILES.flatMap(fixture)) {
    const bucket = top.bucket!;
    const [lang, source] = bucket.split('::') as [string, string | undefined];
    const distro = source === undefined && bucket !== 'Red Hat' ? distroOf(bucket) : undefined;
    if (source !== undefined ? !LANG[lang] : bucket !== 'Red Hat' && !distro) {
      skipped.push(bucket);
      continue;
    }
    for (const pkg of top.pairs ?? [])
      for (const adv of pkg.pairs ?? []) {
        const v = (adv.value ?? {}) as Record<string, unknown>;
        if (source !== undefined)
          records.push(langRecord(LANG[lang]!, source, pkg.bucket!, adv.key!, v as LangValue, vulns));
        else if (distro) records.push(distroRecord(distro, pkg.bucket!, adv.key!, v, vulns));
        else records.push(redHatRecord(pkg.bucket!, adv.key!, (v.Entries ?? []) as RhEntry[], streams));
      }
  }
  return { records, skipped };
}
