import type { Distro } from '../types/model.js';

/**
 * OSV ecosystem names (https://ossf.github.io/osv-schema/#affectedpackage-field) and how each
 * one's versions compare. The part before the first `:` selects the scheme (`Debian:12` → dpkg).
 *
 * crates.io and Hex use `semver`, as OSV orders them (osv-scalibr `semantic/parse.go`). For Hex
 * this is also Elixir's own order: its `Version` is strict SemVer 2.0.0 (semver.test.ts checks
 * Elixir's examples). NuGet, Packagist and Pub each order versions their own way (four numbers
 * and case-insensitive labels; `version_compare` stabilities; ordered build metadata), so each
 * has its own scheme.
 */
const SCHEME_BY_ECOSYSTEM: Record<string, string> = {
  Debian: 'dpkg',
  Ubuntu: 'dpkg',
  Alpine: 'apk',
  Wolfi: 'apk',
  Chainguard: 'apk',
  npm: 'semver',
  'crates.io': 'semver',
  NuGet: 'nuget',
  Packagist: 'composer',
  Hex: 'semver',
  Pub: 'pub',
  PyPI: 'pep440',
  Go: 'go',
  Maven: 'maven',
  RubyGems: 'gem',
  'Red Hat': 'rpm',
  AlmaLinux: 'rpm',
  'Rocky Linux': 'rpm',
  SUSE: 'rpm',
  openSUSE: 'rpm',
  Mageia: 'rpm',
  'Azure Linux': 'rpm',
  Mariner: 'rpm',
  'Amazon Linux': 'rpm',
  'Oracle Linux': 'rpm',
  'Photon OS': 'rpm',
  openEuler: 'rpm',
};

/** `Debian:12` → `Debian`. */
export function baseEcosystem(ecosystem: string): string {
  const i = ecosystem.indexOf(':');
  return i < 0 ? ecosystem : ecosystem.slice(0, i);
}

/** The version scheme for an OSV ecosystem, or `undefined` when tidegate cannot compare its versions. */
export function schemeFor(ecosystem: string): string | undefined {
  return SCHEME_BY_ECOSYSTEM[baseEcosystem(ecosystem)];
}

/** Ubuntu LTS releases are the even years' April releases (`22.04`). */
function isUbuntuLts(versionId: string): boolean {
  const m = /^(\d+)\.04$/.exec(versionId);
  return m !== null && Number(m[1]) % 2 === 0;
}

/**
 * The OSV ecosystem a distro's advisories are published under, from os-release `ID` and
 * `VERSION_ID`. `undefined` when OSV has none for it (the packages are then listed, not matched).
 */
export function distroEcosystem(d: Pick<Distro, 'id' | 'versionId'>): string | undefined {
  const v = d.versionId ?? '';
  switch (d.id) {
    case 'debian': {
      const major = /^(\d+)/.exec(v)?.[1];
      return major ? `Debian:${major}` : undefined;
    }
    case 'ubuntu':
      return v ? `Ubuntu:${v}${isUbuntuLts(v) ? ':LTS' : ''}` : undefined;
    case 'alpine': {
      const m = /^(\d+)\.(\d+)/.exec(v);
      return m ? `Alpine:v${m[1]}.${m[2]}` : undefined;
    }
    case 'almalinux': {
      const major = /^(\d+)/.exec(v)?.[1];
      return major ? `AlmaLinux:${major}` : undefined;
    }
    case 'rocky': {
      const major = /^(\d+)/.exec(v)?.[1];
      return major ? `Rocky Linux:${major}` : undefined;
    }
    // Red Hat publishes per product stream (`Red Hat:enterprise_linux:7::server`); CentOS is
    // rebuilt from RHEL's sources and, like Trivy and Grype, matched against Red Hat's data.
    // The stream is dropped here and in the index (see `ecosystemKey` in vulndb/db.ts).
    case 'rhel':
    case 'centos': {
      const major = /^(\d+)/.exec(v)?.[1];
      return major ? `Red Hat:enterprise_linux:${major}` : undefined;
    }
    default:
      return undefined;
  }
}
