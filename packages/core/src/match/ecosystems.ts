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

/** What `distroEcosystem` reads of a distro: os-release `ID`, `VERSION_ID` and `PRETTY_NAME`. */
export type DistroRelease = Pick<Distro, 'id' | 'versionId' | 'prettyName'>;

const major = (v: string | undefined) => /^(\d+)/.exec(v ?? '')?.[1];
const withMajor = (name: string) => (d: DistroRelease) => {
  const m = major(d.versionId);
  return m ? `${name}:${m}` : undefined;
};

/**
 * Red Hat's OSV records are scoped by a product-stream CPE with the `cpe:/o:redhat:` prefix
 * removed (`Red Hat:enterprise_linux:9::baseos`, `…::appstream`). An image installs packages
 * from several streams and os-release names none of them, so the stream is left off here, as
 * the advisory index leaves it off (`ecosystemKey` in vulndb/db.ts): `Red Hat:enterprise_linux:9`.
 * CentOS Linux rebuilds RHEL's packages under the same names and versions, and OSV has no
 * CentOS ecosystem, so CentOS uses RHEL's (Trivy and Grype also match CentOS against Red Hat's data).
 */
function redHat(d: DistroRelease): string | undefined {
  const m = major(d.versionId);
  if (!m) return undefined;
  return `Red Hat:enterprise_linux:${m}`;
}

/**
 * SUSE and openSUSE ecosystems carry the product's marketing name, "the value in the
 * /etc/os-release PRETTY_NAME field" (OSV ecosystems list): `SUSE Linux Enterprise Server 15
 * SP5` → `SUSE:Linux Enterprise Server 15 SP5`, `openSUSE Leap 15.5` → `openSUSE:Leap 15.5`.
 * Without a PRETTY_NAME the name is rebuilt from `VERSION_ID` (`15.5` → `15 SP5`).
 */
function suse(vendor: 'SUSE' | 'openSUSE', product: string) {
  return (d: DistroRelease): string | undefined => {
    const pretty = d.prettyName?.trim() ?? '';
    if (pretty.startsWith(`${vendor} `)) return `${vendor}:${pretty.slice(vendor.length + 1).trim()}`;
    if (product === 'Tumbleweed') return `${vendor}:Tumbleweed`;
    const m = /^(\d+)(?:\.(\d+))?/.exec(d.versionId ?? '');
    if (!m) return undefined;
    if (vendor === 'openSUSE') return `openSUSE:${product} ${d.versionId}`;
    return `SUSE:${product} ${m[1]}${m[2] && m[2] !== '0' ? ` SP${m[2]}` : ''}`;
  };
}

/** openEuler: `YY.MM`, then `-LTS` and `-SPn` as PRETTY_NAME's parenthesis says (`openEuler 24.03 (LTS-SP1)`). */
function openEuler(d: DistroRelease): string | undefined {
  const v = /^(\d+\.\d+)/.exec(d.versionId ?? '')?.[1];
  if (!v) return undefined;
  const lts = /\((LTS(?:-SP\d+)?)\)/.exec(d.prettyName ?? '')?.[1];
  return `openEuler:${v}${lts ? `-${lts}` : ''}`;
}

/**
 * OSV ecosystem per os-release `ID` (https://ossf.github.io/osv-schema/#affectedpackage-field
 * and `../shared/schemas/osv/ecosystems.json`). Fedora (`fedora`), Amazon Linux (`amzn`) and
 * Oracle Linux (`ol`) have no OSV ecosystem: their packages are listed, not matched.
 */
const RULES: Record<string, (d: DistroRelease) => string | undefined> = {
  debian: withMajor('Debian'),
  ubuntu: (d) => (d.versionId ? `Ubuntu:${d.versionId}${isUbuntuLts(d.versionId) ? ':LTS' : ''}` : undefined),
  alpine: (d) => {
    const m = /^(\d+)\.(\d+)/.exec(d.versionId ?? '');
    return m ? `Alpine:v${m[1]}.${m[2]}` : undefined;
  },
  wolfi: () => 'Wolfi',
  chainguard: () => 'Chainguard',
  almalinux: withMajor('AlmaLinux'),
  rocky: withMajor('Rocky Linux'),
  rhel: redHat,
  centos: redHat,
  // CBL-Mariner 2.0 was renamed Azure Linux from 3.0; OSV publishes both as `Azure Linux:<major>`.
  mariner: withMajor('Azure Linux'),
  azurelinux: withMajor('Azure Linux'),
  'opensuse-leap': suse('openSUSE', 'Leap'),
  'opensuse-leap-micro': suse('openSUSE', 'Leap Micro'),
  'opensuse-tumbleweed': suse('openSUSE', 'Tumbleweed'),
  sles: suse('SUSE', 'Linux Enterprise Server'),
  sled: suse('SUSE', 'Linux Enterprise Desktop'),
  'sle-micro': suse('SUSE', 'Linux Enterprise Micro'),
  photon: (d) => (/^\d+\.\d+$/.test(d.versionId ?? '') ? `Photon OS:${d.versionId}` : undefined),
  mageia: withMajor('Mageia'),
  openeuler: openEuler,
};

/**
 * The OSV ecosystem a distro's advisories are published under, from os-release `ID`,
 * `VERSION_ID` and, for SUSE and openEuler, `PRETTY_NAME`. `undefined` when OSV has none for it
 * (the packages are then listed, not matched).
 */
export function distroEcosystem(d: DistroRelease): string | undefined {
  return RULES[d.id.toLowerCase()]?.(d);
}

/** OSV ecosystem per purl type, for language packages (purl-spec types; OSV ecosystem names). */
const PURL_ECOSYSTEM: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  gem: 'RubyGems',
  golang: 'Go',
  maven: 'Maven',
  cargo: 'crates.io',
  composer: 'Packagist',
  nuget: 'NuGet',
  hex: 'Hex',
  pub: 'Pub',
};

/** The OSV ecosystem of a language package's purl type (`pypi` → `PyPI`), or `undefined`. */
export function purlTypeEcosystem(type: string): string | undefined {
  return PURL_ECOSYSTEM[type];
}
