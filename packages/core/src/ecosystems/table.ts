import {
  alpine,
  openEuler,
  photon,
  redHat,
  suse,
  ubuntu,
  withMajor,
  type DistroRule,
} from './distro-rules.js';

/**
 * One ecosystem: a row of {@link ECOSYSTEMS}. Everything tidegate knows about an ecosystem is
 * here, and every stage reads it from here (docs/adr/0013-ecosystem-table.md).
 */
export interface EcosystemRow {
  /**
   * OSV ecosystem name (https://ossf.github.io/osv-schema/#affectedpackage-field), without the
   * release part distros add after `:` (`Debian` for `Debian:12`). Also the name of its bulk
   * archive (`<base>/Debian/all.zip`).
   */
  osv: string;
  /** `distro`: packages come from an OS package database; `language`: from a language ecosystem. */
  kind: 'distro' | 'language';
  /** How its versions compare: the `scheme` of a comparator in `match/versions/registry.ts`. */
  scheme: string;
  /**
   * The purl type (and `Package.type`) of the packages tidegate reports for it. Absent for
   * ecosystems whose versions tidegate can compare but whose packages it never reads.
   */
  purlType?: string;
  /**
   * How an OSV package name maps to purl namespace + name: `scope` (npm `@scope/name`),
   * `group` (Maven `group:artifact`), `path` (Go and Composer: everything before the last `/`).
   * Absent: no namespace.
   */
  purlNamespace?: 'scope' | 'group' | 'path';
  /**
   * How OSV compares its package names: `pep503` (PyPI: case-insensitive, runs of `-_.`
   * equal), `case-insensitive` (NuGet ids, Packagist names); absent: exactly.
   */
  names?: 'pep503' | 'case-insensitive';
  /** For distros: os-release `ID`s published under this ecosystem, each with the rule naming the release. */
  osRelease?: Readonly<Record<string, DistroRule>>;
  /** For distros: names other tools give them (Trivy's OS families) → os-release `ID`. */
  aliases?: Readonly<Record<string, string>>;
  /** Downloaded by `db update --ecosystems auto` when no scan has run yet. */
  defaultDownload?: boolean;
}

/**
 * Every ecosystem tidegate knows, one row each. Distros first; rows marked `defaultDownload`
 * are listed in the order `DEFAULT_ECOSYSTEMS` gives them.
 *
 * crates.io and Hex use `semver`, as OSV orders them (osv-scalibr `semantic/parse.go`). For Hex
 * this is also Elixir's own order: its `Version` is strict SemVer 2.0.0 (semver.test.ts checks
 * Elixir's examples). NuGet, Packagist and Pub each order versions their own way (four numbers
 * and case-insensitive labels; `version_compare` stabilities; ordered build metadata), so each
 * has its own scheme. Fedora (`fedora`), Amazon Linux (`amzn`) and Oracle Linux (`ol`) have no
 * OSV ecosystem: their packages are listed, not matched.
 */
export const ECOSYSTEMS = [
  {
    osv: 'Debian',
    kind: 'distro',
    scheme: 'dpkg',
    purlType: 'deb',
    osRelease: { debian: withMajor('Debian') },
    defaultDownload: true,
  },
  {
    osv: 'Ubuntu',
    kind: 'distro',
    scheme: 'dpkg',
    purlType: 'deb',
    osRelease: { ubuntu },
    defaultDownload: true,
  },
  {
    osv: 'Alpine',
    kind: 'distro',
    scheme: 'apk',
    purlType: 'apk',
    osRelease: { alpine },
    defaultDownload: true,
  },
  {
    osv: 'Red Hat',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    // CentOS Linux rebuilds RHEL's packages under the same names and versions, and OSV has no
    // CentOS ecosystem, so CentOS uses RHEL's (Trivy and Grype match CentOS against Red Hat's data)
    osRelease: { rhel: redHat, centos: redHat },
    aliases: { redhat: 'rhel' },
    defaultDownload: true,
  },
  {
    osv: 'AlmaLinux',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    osRelease: { almalinux: withMajor('AlmaLinux') },
    aliases: { alma: 'almalinux' },
    defaultDownload: true,
  },
  {
    osv: 'Rocky Linux',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    osRelease: { rocky: withMajor('Rocky Linux') },
    defaultDownload: true,
  },
  {
    osv: 'Wolfi',
    kind: 'distro',
    scheme: 'apk',
    purlType: 'apk',
    osRelease: { wolfi: () => 'Wolfi' },
    defaultDownload: true,
  },
  {
    osv: 'Chainguard',
    kind: 'distro',
    scheme: 'apk',
    purlType: 'apk',
    osRelease: { chainguard: () => 'Chainguard' },
    defaultDownload: true,
  },
  {
    osv: 'SUSE',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    osRelease: {
      sles: suse('SUSE', 'Linux Enterprise Server'),
      sled: suse('SUSE', 'Linux Enterprise Desktop'),
      'sle-micro': suse('SUSE', 'Linux Enterprise Micro'),
    },
    aliases: { slem: 'sle-micro' },
  },
  {
    osv: 'openSUSE',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    osRelease: {
      'opensuse-leap': suse('openSUSE', 'Leap'),
      'opensuse-leap-micro': suse('openSUSE', 'Leap Micro'),
      'opensuse-tumbleweed': suse('openSUSE', 'Tumbleweed'),
    },
    aliases: { 'opensuse.leap': 'opensuse-leap', 'opensuse.tumbleweed': 'opensuse-tumbleweed' },
  },
  {
    osv: 'Mageia',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    osRelease: { mageia: withMajor('Mageia') },
  },
  {
    osv: 'Azure Linux',
    kind: 'distro',
    scheme: 'rpm',
    purlType: 'rpm',
    // CBL-Mariner 2.0 was renamed Azure Linux from 3.0; OSV publishes both as `Azure Linux:<major>`
    osRelease: { mariner: withMajor('Azure Linux'), azurelinux: withMajor('Azure Linux') },
    aliases: { 'cbl-mariner': 'mariner' },
  },
  { osv: 'Mariner', kind: 'distro', scheme: 'rpm', purlType: 'rpm' },
  { osv: 'Amazon Linux', kind: 'distro', scheme: 'rpm', purlType: 'rpm', aliases: { amazon: 'amzn' } },
  { osv: 'Oracle Linux', kind: 'distro', scheme: 'rpm', purlType: 'rpm', aliases: { oracle: 'ol' } },
  { osv: 'Photon OS', kind: 'distro', scheme: 'rpm', purlType: 'rpm', osRelease: { photon } },
  { osv: 'openEuler', kind: 'distro', scheme: 'rpm', purlType: 'rpm', osRelease: { openeuler: openEuler } },
  {
    osv: 'npm',
    kind: 'language',
    scheme: 'semver',
    purlType: 'npm',
    purlNamespace: 'scope',
    defaultDownload: true,
  },
  {
    osv: 'PyPI',
    kind: 'language',
    scheme: 'pep440',
    purlType: 'pypi',
    names: 'pep503',
    defaultDownload: true,
  },
  {
    osv: 'Go',
    kind: 'language',
    scheme: 'go',
    purlType: 'golang',
    purlNamespace: 'path',
    defaultDownload: true,
  },
  {
    osv: 'Maven',
    kind: 'language',
    scheme: 'maven',
    purlType: 'maven',
    purlNamespace: 'group',
    defaultDownload: true,
  },
  { osv: 'RubyGems', kind: 'language', scheme: 'gem', purlType: 'gem', defaultDownload: true },
  { osv: 'crates.io', kind: 'language', scheme: 'semver', purlType: 'cargo', defaultDownload: true },
  {
    osv: 'NuGet',
    kind: 'language',
    scheme: 'nuget',
    purlType: 'nuget',
    names: 'case-insensitive',
    defaultDownload: true,
  },
  {
    osv: 'Packagist',
    kind: 'language',
    scheme: 'composer',
    purlType: 'composer',
    purlNamespace: 'path',
    names: 'case-insensitive',
    defaultDownload: true,
  },
  { osv: 'Hex', kind: 'language', scheme: 'semver' },
  { osv: 'Pub', kind: 'language', scheme: 'pub' },
] as const satisfies readonly EcosystemRow[];

type Row = (typeof ECOSYSTEMS)[number];

/** The package manager or format a package was found by, in purl type terms (`Package.type`). */
export type PackageType = Extract<Row, { purlType: string }>['purlType'];

/** The purl types of language ecosystems (`npm`, `pypi`, …), each naming exactly one ecosystem. */
export type LanguagePackageType = Extract<Row, { kind: 'language'; purlType: string }>['purlType'];
