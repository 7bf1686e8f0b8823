import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemaPath } from '../testing/index.js';
import { baseEcosystem, distroEcosystem, purlTypeEcosystem, schemeFor, type DistroRelease } from './index.js';
import { comparatorFor } from '../match/versions/registry.js';

const cases = [
  { name: 'npm versions use npm semver', input: 'npm', want: 'semver' },
  { name: 'crates.io versions use semver, as in OSV', input: 'crates.io', want: 'semver' },
  { name: "Hex versions use semver (Elixir's Version is strict SemVer 2.0.0)", input: 'Hex', want: 'semver' },
  { name: 'NuGet versions use NuGet.Versioning rules', input: 'NuGet', want: 'nuget' },
  { name: 'Packagist versions use Composer rules', input: 'Packagist', want: 'composer' },
  { name: 'Pub versions use pub_semver rules', input: 'Pub', want: 'pub' },
  { name: 'the part after : does not matter', input: 'Debian:12', want: 'dpkg' },
  { name: 'an unknown ecosystem has no scheme', input: 'CRAN', want: undefined },
];
for (const c of cases) {
  test(`schemeFor: ${c.name}`, () => assert.equal(schemeFor(c.input), c.want));
}

test('schemeFor: every scheme an ecosystem maps to has a registered comparator', () => {
  const ecosystems = [
    ...['Debian', 'Ubuntu', 'Alpine', 'Wolfi', 'Chainguard', 'npm', 'crates.io', 'NuGet'],
    ...['Packagist', 'Hex', 'Pub', 'PyPI', 'Go', 'Maven', 'RubyGems', 'Red Hat', 'AlmaLinux'],
    ...['Rocky Linux', 'SUSE', 'openSUSE', 'Mageia', 'Azure Linux', 'Mariner', 'Amazon Linux'],
    ...['Oracle Linux', 'Photon OS', 'openEuler'],
  ];
  const missing = ecosystems.filter((e) => {
    const scheme = schemeFor(e);
    return scheme === undefined || comparatorFor(scheme) === undefined;
  });
  assert.deepEqual(missing, []);
});

/** os-release values as the real images ship them (ID, VERSION_ID, PRETTY_NAME). */
const distroCases: { name: string; input: DistroRelease; want: string | undefined }[] = [
  { name: 'Debian 12', input: { id: 'debian', versionId: '12' }, want: 'Debian:12' },
  { name: 'Ubuntu 22.04 LTS', input: { id: 'ubuntu', versionId: '22.04' }, want: 'Ubuntu:22.04:LTS' },
  { name: 'Alpine 3.20.3', input: { id: 'alpine', versionId: '3.20.3' }, want: 'Alpine:v3.20' },
  { name: 'Wolfi (rolling, no version)', input: { id: 'wolfi', versionId: '20230201' }, want: 'Wolfi' },
  { name: 'Chainguard', input: { id: 'chainguard' }, want: 'Chainguard' },
  {
    name: 'AlmaLinux 9.4 (major only, as the ALSA records are keyed)',
    input: { id: 'almalinux', versionId: '9.4' },
    want: 'AlmaLinux:9',
  },
  { name: 'Rocky Linux 8.9', input: { id: 'rocky', versionId: '8.9' }, want: 'Rocky Linux:8' },
  {
    name: 'RHEL 9 / UBI 9',
    input: { id: 'rhel', versionId: '9.4' },
    want: 'Red Hat:enterprise_linux:9',
  },
  {
    name: 'RHEL 8 / UBI 8',
    input: { id: 'rhel', versionId: '8.8' },
    want: 'Red Hat:enterprise_linux:8',
  },
  {
    name: 'RHEL 7',
    input: { id: 'rhel', versionId: '7.9' },
    want: 'Red Hat:enterprise_linux:7',
  },
  {
    name: 'CentOS 7 matches Red Hat’s RHEL 7 stream',
    input: { id: 'centos', versionId: '7' },
    want: 'Red Hat:enterprise_linux:7',
  },
  { name: 'CBL-Mariner 2.0', input: { id: 'mariner', versionId: '2.0' }, want: 'Azure Linux:2' },
  { name: 'Azure Linux 3.0', input: { id: 'azurelinux', versionId: '3.0' }, want: 'Azure Linux:3' },
  {
    name: 'openSUSE Leap 15.5 (PRETTY_NAME)',
    input: { id: 'opensuse-leap', versionId: '15.5', prettyName: 'openSUSE Leap 15.5' },
    want: 'openSUSE:Leap 15.5',
  },
  {
    name: 'openSUSE Leap without PRETTY_NAME',
    input: { id: 'opensuse-leap', versionId: '15.6' },
    want: 'openSUSE:Leap 15.6',
  },
  {
    name: 'openSUSE Tumbleweed',
    input: { id: 'opensuse-tumbleweed', versionId: '20240601', prettyName: 'openSUSE Tumbleweed' },
    want: 'openSUSE:Tumbleweed',
  },
  {
    name: 'SLES 15 SP5 / SLE BCI',
    input: { id: 'sles', versionId: '15.5', prettyName: 'SUSE Linux Enterprise Server 15 SP5' },
    want: 'SUSE:Linux Enterprise Server 15 SP5',
  },
  {
    name: 'SLES 12 SP3 from SuSE-release (no PRETTY_NAME)',
    input: { id: 'sles', versionId: '12.3' },
    want: 'SUSE:Linux Enterprise Server 12 SP3',
  },
  {
    name: 'SLE Micro 5.5',
    input: { id: 'sle-micro', versionId: '5.5', prettyName: 'SUSE Linux Enterprise Micro 5.5' },
    want: 'SUSE:Linux Enterprise Micro 5.5',
  },
  { name: 'Photon OS 5.0', input: { id: 'photon', versionId: '5.0' }, want: 'Photon OS:5.0' },
  { name: 'Mageia 9', input: { id: 'mageia', versionId: '9' }, want: 'Mageia:9' },
  {
    name: 'openEuler 24.03 LTS SP1',
    input: { id: 'openeuler', versionId: '24.03', prettyName: 'openEuler 24.03 (LTS-SP1)' },
    want: 'openEuler:24.03-LTS-SP1',
  },
  { name: 'Fedora: no OSV ecosystem', input: { id: 'fedora', versionId: '40' }, want: undefined },
  { name: 'Amazon Linux 2023: no OSV ecosystem', input: { id: 'amzn', versionId: '2023' }, want: undefined },
  { name: 'Oracle Linux: no OSV ecosystem', input: { id: 'ol', versionId: '9.3' }, want: undefined },
  { name: 'RHEL without VERSION_ID', input: { id: 'rhel' }, want: undefined },
];

for (const c of distroCases) {
  test(`ecosystems: ${c.name} → ${c.want ?? 'none'}`, () => {
    assert.equal(distroEcosystem(c.input), c.want);
  });
}

test('ecosystems: every distro ecosystem produced is in OSV’s ecosystem list and has a version scheme', () => {
  const known = Object.keys(JSON.parse(readFileSync(schemaPath('osv', 'ecosystems.json'), 'utf8')) as object);
  for (const c of distroCases) {
    if (!c.want) continue;
    assert.ok(known.includes(baseEcosystem(c.want)), `${c.want} is not an OSV ecosystem`);
    assert.ok(schemeFor(c.want), `${c.want} has no version scheme`);
  }
});

test('ecosystems: language purl types map to OSV ecosystems', () => {
  assert.deepEqual(
    ['npm', 'pypi', 'gem', 'golang', 'maven', 'cargo', 'composer', 'nuget', 'rpm'].map(purlTypeEcosystem),
    ['npm', 'PyPI', 'RubyGems', 'Go', 'Maven', 'crates.io', 'Packagist', 'NuGet', undefined],
  );
});
