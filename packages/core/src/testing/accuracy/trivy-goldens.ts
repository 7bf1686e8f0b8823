/**
 * Test helper: reads Trivy's golden reports (`../shared/testdata/trivy/goldens`) into the
 * package set a scan of that image or lockfile would have found, and the findings Trivy
 * expects, in the terms our matcher speaks. The image tarballs are not in Trivy's repository,
 * so an image's packages are those its golden names; the distro facts a golden does not carry
 * (apk `origin`, dpkg `Source:`, the source rpm) are listed in {@link SOURCES}.
 */
import { readFileSync } from 'node:fs';
import { testdata } from '../index.js';
import type { Package, PackageType } from '../../types/model.js';
import { distroEcosystem } from '../../ecosystems/index.js';

/** One finding as compared: Trivy's `Results[].Vulnerabilities[]` fields the brief names. */
export interface Tuple {
  /** `Results[].Target`: the lockfile or image the package was found in. */
  target: string;
  id: string;
  pkg: string;
  installed: string;
  fixed: string;
  status: string;
  severity: string;
}

/** One golden as a matcher case. */
export interface GoldenCase {
  name: string;
  packages: Package[];
  expected: Tuple[];
  /** Trivy's `--ignore-unfixed` / `--severity` for this golden, applied to our findings too. */
  ignoreUnfixed: boolean;
  severities?: string[];
}

type GoldenVuln = {
  VulnerabilityID: string;
  PkgName: string;
  InstalledVersion: string;
  FixedVersion?: string;
  Status: string;
  Severity: string;
  PkgIdentifier?: { PURL?: string };
};
type Golden = {
  Metadata?: { OS?: { Family: string; Name: string } };
  Results?: {
    Target: string;
    Type: string;
    Packages?: { Name: string; Version: string }[];
    Vulnerabilities?: GoldenVuln[];
  }[];
};

/**
 * Source packages of the binaries the image goldens name: facts of the distributions (Alpine's
 * `o:` origin, Debian's `Source:`, CentOS's SOURCERPM), which Trivy's JSON does not print.
 */
export const SOURCES: Record<string, string> = {
  'alpine/libcrypto1.1': 'openssl',
  'alpine/libssl1.1': 'openssl',
  'alpine/musl-utils': 'musl',
  'debian/libidn2-0': 'libidn2',
  'centos/openssl-libs': 'openssl',
};

/**
 * Packages an image has that its golden does not mention, added so that precision is tested
 * too: each has advisories in the fixtures for *another* release only, so the versions (those
 * the real images ship) do not decide the outcome.
 */
export const DECOYS: Record<string, { name: string; version: string; source?: string }[]> = {
  'debian-buster': [
    { name: 'openssl', version: '1.1.1c-1' },
    { name: 'e2fsprogs', version: '1.44.5-1' },
  ],
  'centos-7': [{ name: 'glibc', version: '2.17-260.el7' }],
};

const TYPES: Record<string, { ecosystem: string; type: PackageType }> = {
  npm: { ecosystem: 'npm', type: 'npm' },
  pip: { ecosystem: 'PyPI', type: 'pypi' },
  pipenv: { ecosystem: 'PyPI', type: 'pypi' },
  composer: { ecosystem: 'Packagist', type: 'composer' },
  cargo: { ecosystem: 'crates.io', type: 'cargo' },
  nuget: { ecosystem: 'NuGet', type: 'nuget' },
  pom: { ecosystem: 'Maven', type: 'maven' },
  gomod: { ecosystem: 'Go', type: 'golang' },
  alpine: { ecosystem: '', type: 'apk' },
  debian: { ecosystem: '', type: 'deb' },
  centos: { ecosystem: '', type: 'rpm' },
};

const layer = { index: 0, digest: 'sha256:golden', diffId: 'sha256:golden' };

function pkg(
  name: string,
  version: string,
  t: { ecosystem: string; type: PackageType },
  target: string,
  family?: string,
): Package {
  const source = family ? (SOURCES[`${family}/${name}`] ?? name) : undefined;
  return {
    id: `${target}:${name}@${version}`,
    name,
    version,
    type: t.type,
    ecosystem: t.ecosystem,
    purl: `pkg:${t.type}/${name}@${version}`,
    ...(source ? { source: { name: source, version: t.type === 'deb' ? version : version } } : {}),
    licenses: [],
    locations: [target],
    layer,
    foundBy: 'golden',
  };
}

/** Reads one golden (`alpine-39`, `npm`, …) as a matcher case. */
export function goldenCase(
  name: string,
  flags: { ignoreUnfixed?: boolean; severities?: string[]; decoys?: string } = {},
): GoldenCase {
  const g = JSON.parse(readFileSync(testdata('trivy/goldens', `${name}.json.golden`), 'utf8')) as Golden;
  const os = g.Metadata?.OS;
  const ecosystem = os ? (distroEcosystem({ id: os.Family, versionId: os.Name }) ?? '') : '';
  const packages: Package[] = [];
  const expected: Tuple[] = [];
  for (const r of g.Results ?? []) {
    const base = TYPES[r.Type]!;
    const t = { ...base, ecosystem: base.ecosystem || ecosystem };
    const seen = new Set<string>();
    const add = (n: string, v: string) => {
      if (seen.has(`${n}@${v}`)) return;
      seen.add(`${n}@${v}`);
      packages.push(pkg(n, v, t, r.Target, os?.Family));
    };
    for (const p of r.Packages ?? []) add(p.Name, p.Version);
    for (const v of r.Vulnerabilities ?? []) {
      add(v.PkgName, v.InstalledVersion);
      expected.push({
        target: r.Target,
        id: v.VulnerabilityID,
        pkg: v.PkgName,
        installed: v.InstalledVersion,
        fixed: v.FixedVersion ?? '',
        status: v.Status,
        severity: v.Severity,
      });
    }
    for (const d of flags.decoys ? (DECOYS[flags.decoys] ?? []) : []) add(d.name, d.version);
  }
  return {
    name,
    packages,
    expected,
    ignoreUnfixed: flags.ignoreUnfixed ?? false,
    ...(flags.severities ? { severities: flags.severities } : {}),
  };
}
