import type { DistroRelease, DistroRule } from './distro-rules.js';
import { ECOSYSTEMS, type EcosystemRow, type LanguagePackageType, type PackageType } from './table.js';

export type { DistroRelease } from './distro-rules.js';
export { ECOSYSTEMS, type EcosystemRow, type LanguagePackageType, type PackageType } from './table.js';

const rows: readonly EcosystemRow[] = ECOSYSTEMS;
const byOsv = new Map(rows.map((r) => [r.osv, r]));
const languageByType = new Map(
  rows.filter((r) => r.kind === 'language' && r.purlType).map((r) => [r.purlType!, r]),
);
const byOsRelease = new Map<string, DistroRule>(rows.flatMap((r) => Object.entries(r.osRelease ?? {})));
const aliases = new Map<string, string>(rows.flatMap((r) => Object.entries(r.aliases ?? {})));

/** `Debian:12` → `Debian`: the table row's name, and the bulk archive an ecosystem is published in. */
export function baseEcosystem(ecosystem: string): string {
  const i = ecosystem.indexOf(':');
  return i < 0 ? ecosystem : ecosystem.slice(0, i);
}

/** The row of an OSV ecosystem (`Debian:12` → the `Debian` row), or `undefined`. */
export function ecosystemRow(ecosystem: string): EcosystemRow | undefined {
  return byOsv.get(baseEcosystem(ecosystem));
}

/** The version scheme for an OSV ecosystem, or `undefined` when tidegate cannot compare its versions. */
export function schemeFor(ecosystem: string): string | undefined {
  return ecosystemRow(ecosystem)?.scheme;
}

/**
 * The OSV ecosystem a distro's advisories are published under, from os-release `ID`,
 * `VERSION_ID` and, for SUSE and openEuler, `PRETTY_NAME`. `undefined` when OSV has none for it
 * (the packages are then listed, not matched).
 */
export function distroEcosystem(d: DistroRelease): string | undefined {
  return byOsRelease.get(d.id.toLowerCase())?.(d);
}

/** The os-release `ID` for an OS name as other tools write it (Trivy's `alma` → `almalinux`). */
export function osReleaseId(name: string): string {
  const id = name.toLowerCase();
  return aliases.get(id) ?? id;
}

/** The OSV ecosystem of a language package's purl type (`pypi` → `PyPI`), or `undefined`. */
export function purlTypeEcosystem(type: string): string | undefined {
  return languageByType.get(type)?.osv;
}

/** The OSV ecosystem of a language package type: what a cataloger writes in `Package.ecosystem`. */
export function languageEcosystem(type: LanguagePackageType): string {
  return languageByType.get(type)!.osv;
}

/** Every purl type tidegate reports packages for; `distro` ones come from OS package databases. */
export function packageTypes(kind?: EcosystemRow['kind']): ReadonlySet<PackageType> {
  return new Set(
    rows.filter((r) => r.purlType && (!kind || r.kind === kind)).map((r) => r.purlType as PackageType),
  );
}

/** What `db update --ecosystems auto` downloads when no scan has run yet, in table order. */
export const DEFAULT_ECOSYSTEMS: readonly string[] = rows.filter((r) => r.defaultDownload).map((r) => r.osv);

/**
 * A package name as OSV compares it within `ecosystem` (a row name or `Debian:12`-style): PEP 503
 * for PyPI, lowercase for NuGet and Packagist (their registries are case-insensitive, so advisory
 * databases spell names inconsistently), exact for every other ecosystem.
 */
export function normaliseName(ecosystem: string, name: string): string {
  const rule = ecosystemRow(ecosystem)?.names;
  if (rule === 'pep503') return name.toLowerCase().replace(/[-_.]+/g, '-');
  if (rule === 'case-insensitive') return name.toLowerCase();
  return name;
}
