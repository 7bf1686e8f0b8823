import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TarEntry } from '../testing/images.js';
import { catalogLayers } from '../testing/view.js';
import { osReleaseCataloger, parseOsRelease } from './os-release.js';

const cases: { name: string; files: Record<string, string>; link?: boolean; want: Record<string, string> }[] =
  [
    {
      name: 'Debian 12 via the usr/lib symlink',
      files: {
        'usr/lib/os-release':
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
      },
      link: true,
      want: { id: 'debian', versionId: '12', ecosystem: 'Debian:12' },
    },
    {
      name: 'Ubuntu LTS',
      files: { 'etc/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\n' },
      want: { id: 'ubuntu', versionId: '22.04', ecosystem: 'Ubuntu:22.04:LTS' },
    },
    {
      name: 'Ubuntu interim release',
      files: { 'etc/os-release': 'ID=ubuntu\nVERSION_ID="23.10"\n' },
      want: { id: 'ubuntu', versionId: '23.10', ecosystem: 'Ubuntu:23.10' },
    },
    {
      name: 'Alpine with a patch version',
      files: { 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.3\n' },
      want: { id: 'alpine', versionId: '3.20.3', ecosystem: 'Alpine:v3.20' },
    },
    {
      name: 'Alpine without os-release',
      files: { 'etc/alpine-release': '3.9.4\n' },
      want: { id: 'alpine', versionId: '3.9.4', ecosystem: 'Alpine:v3.9' },
    },
    {
      name: 'Debian without os-release',
      files: { 'etc/debian_version': '10.1\n' },
      want: { id: 'debian', versionId: '10.1', ecosystem: 'Debian:10' },
    },
    {
      name: 'Debian sid has no release number',
      files: { 'etc/debian_version': 'trixie/sid\n' },
      want: { id: 'debian' },
    },
    {
      name: 'an unknown distro has no ecosystem',
      files: { 'etc/os-release': 'ID=plan9\nVERSION_ID=4\n' },
      want: { id: 'plan9', versionId: '4' },
    },
    {
      name: 'UBI 9',
      files: {
        'etc/os-release':
          'NAME="Red Hat Enterprise Linux"\nID="rhel"\nVERSION_ID="9.4"\nCPE_NAME="cpe:/o:redhat:enterprise_linux:9::baseos"\n',
      },
      want: { id: 'rhel', versionId: '9.4', ecosystem: 'Red Hat:enterprise_linux:9' },
    },
    {
      name: 'AlmaLinux 9 point release',
      files: { 'etc/os-release': 'ID="almalinux"\nVERSION_ID="9.4"\n' },
      want: { id: 'almalinux', versionId: '9.4', ecosystem: 'AlmaLinux:9' },
    },
    {
      name: 'CBL-Mariner 2.0',
      files: { 'etc/os-release': 'ID=mariner\nVERSION_ID=2.0\n' },
      want: { id: 'mariner', versionId: '2.0', ecosystem: 'Azure Linux:2' },
    },
    {
      name: 'SLE BCI 15 SP5',
      files: {
        'etc/os-release': 'ID="sles"\nVERSION_ID="15.5"\nPRETTY_NAME="SUSE Linux Enterprise Server 15 SP5"\n',
      },
      want: { id: 'sles', versionId: '15.5', ecosystem: 'SUSE:Linux Enterprise Server 15 SP5' },
    },
    {
      name: 'Wolfi',
      files: { 'etc/os-release': 'ID=wolfi\nNAME="Wolfi"\nPRETTY_NAME="Wolfi"\nVERSION_ID=20230201\n' },
      want: { id: 'wolfi', versionId: '20230201', ecosystem: 'Wolfi' },
    },
    {
      name: 'os-release wins over the older release files',
      files: {
        'etc/os-release': 'ID="centos"\nVERSION_ID="7"\n',
        'etc/redhat-release': 'CentOS Linux release 7.6.1810 (Core)\n',
      },
      want: { id: 'centos', versionId: '7', ecosystem: 'Red Hat:enterprise_linux:7' },
    },
    {
      name: 'CentOS 6 from centos-release',
      files: {
        'etc/centos-release': 'CentOS release 6.10 (Final)\n',
        'etc/redhat-release': 'CentOS release 6.10 (Final)\n',
      },
      want: { id: 'centos', versionId: '6.10', ecosystem: 'Red Hat:enterprise_linux:6' },
    },
    {
      name: 'RHEL 6 from redhat-release',
      files: { 'etc/redhat-release': 'Red Hat Enterprise Linux Server release 6.10 (Santiago)\n' },
      want: { id: 'rhel', versionId: '6.10', ecosystem: 'Red Hat:enterprise_linux:6' },
    },
    {
      name: 'Rocky from redhat-release',
      files: { 'etc/redhat-release': 'Rocky Linux release 8.9 (Green Obsidian)\n' },
      want: { id: 'rocky', versionId: '8.9', ecosystem: 'Rocky Linux:8' },
    },
    {
      name: 'Amazon Linux AMI from system-release (no OSV ecosystem)',
      files: { 'etc/system-release': 'Amazon Linux AMI release 2018.03\n' },
      want: { id: 'amzn', versionId: '2018.03' },
    },
    {
      name: 'Amazon Linux 2 from system-release',
      files: { 'etc/system-release': 'Amazon Linux release 2 (Karoo)\n' },
      want: { id: 'amzn', versionId: '2' },
    },
    {
      name: 'SLES 12 SP3 from SuSE-release',
      files: {
        'etc/SuSE-release': 'SUSE Linux Enterprise Server 12 (x86_64)\nVERSION = 12\nPATCHLEVEL = 3\n',
      },
      want: { id: 'sles', versionId: '12.3', ecosystem: 'SUSE:Linux Enterprise Server 12 SP3' },
    },
    {
      name: 'openSUSE Leap 42.3 from SuSE-release',
      files: { 'etc/SuSE-release': 'openSUSE 42.3 (x86_64)\nVERSION = 42.3\nCODENAME = Malachite\n' },
      want: { id: 'opensuse-leap', versionId: '42.3', ecosystem: 'openSUSE:Leap 42.3' },
    },
    {
      name: 'Ubuntu from lsb-release (before debian_version, which Ubuntu also has)',
      files: {
        'etc/lsb-release': 'DISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=16.04\nDISTRIB_CODENAME=xenial\n',
        'etc/debian_version': 'stretch/sid\n',
      },
      want: { id: 'ubuntu', versionId: '16.04', ecosystem: 'Ubuntu:16.04:LTS' },
    },
    {
      name: 'apko image with only an apk repository list (Alpine)',
      files: { 'etc/apk/repositories': 'https://dl-cdn.alpinelinux.org/alpine/v3.19/main\n' },
      want: { id: 'alpine', versionId: '3.19', ecosystem: 'Alpine:v3.19' },
    },
    {
      name: 'apko image with only an apk repository list (Wolfi)',
      files: { 'etc/apk/repositories': 'https://packages.wolfi.dev/os\n' },
      want: { id: 'wolfi', ecosystem: 'Wolfi' },
    },
    {
      name: 'apko image with only an apk repository list (Chainguard)',
      files: { 'etc/apk/repositories': 'https://apk.cgr.dev/chainguard\n' },
      want: { id: 'chainguard', ecosystem: 'Chainguard' },
    },
    {
      name: 'distroless Debian: status.d without os-release',
      files: {
        'var/lib/dpkg/status.d/base-files':
          'Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\n',
        'var/lib/dpkg/status.d/libc6': 'Package: libc6\nVersion: 2.36-9\n',
      },
      want: { id: 'debian', versionId: '12', ecosystem: 'Debian:12' },
    },
    {
      name: 'a release file that names no known product is skipped',
      files: { 'etc/redhat-release': 'Acme OS release 1\n', 'etc/debian_version': '11.9\n' },
      want: { id: 'debian', versionId: '11.9', ecosystem: 'Debian:11' },
    },
  ];

for (const c of cases) {
  test(`os-release: ${c.name}`, async () => {
    const entries: TarEntry[] = Object.entries(c.files).map(([name, content]) => ({ name, content }));
    if (c.link) entries.push({ name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' });
    const { distro } = await catalogLayers([entries], [osReleaseCataloger]);
    const { source: _source, prettyName: _p, codename: _c, ...got } = distro!;
    assert.deepEqual(got, c.want);
  });
}

test('os-release: parses quotes and escapes', () => {
  assert.deepEqual(parseOsRelease('A="x \\"y\\""\nB=\'z\'\n# c\nC=plain\n'), {
    A: 'x "y"',
    B: 'z',
    C: 'plain',
  });
});

test('os-release: reads only the release files (lock-down, STYLE rule 21)', () => {
  const paths = [
    'etc/os-release',
    'usr/lib/os-release',
    'etc/redhat-release',
    'etc/centos-release',
    'etc/system-release',
    'etc/system-release-cpe',
    'etc/SuSE-release',
    'etc/lsb-release',
    'etc/alpine-release',
    'etc/apk/repositories',
    'etc/apk/world',
    'etc/debian_version',
    'var/lib/dpkg/status.d/base-files',
    'var/lib/dpkg/status.d/libc6',
    'var/lib/dpkg/status',
    'etc/issue',
  ];
  const meta = { type: 'file' as const, mode: 0o644, size: 1, uid: 0, gid: 0 };
  assert.deepEqual(
    paths.filter((p) => osReleaseCataloger.wants(p, meta)),
    [
      'etc/os-release',
      'usr/lib/os-release',
      'etc/redhat-release',
      'etc/centos-release',
      'etc/system-release',
      'etc/SuSE-release',
      'etc/lsb-release',
      'etc/alpine-release',
      'etc/apk/repositories',
      'etc/debian_version',
      'var/lib/dpkg/status.d/base-files',
    ],
  );
  assert.deepEqual(
    [...osReleaseCataloger.staticPaths!].sort(),
    paths.filter((p) => osReleaseCataloger.wants(p, meta)).sort(),
  );
});

test('os-release: no file, no distro', async () => {
  const { distro } = await catalogLayers([{ 'bin/sh': 'x' }], [osReleaseCataloger]);
  assert.equal(distro, undefined);
});
