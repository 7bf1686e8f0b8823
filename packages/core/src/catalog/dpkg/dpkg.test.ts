import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../testing/index.js';
import { catalogLayers, txtarSection } from '../../testing/view.js';
import { osReleaseCataloger } from '../os-release.js';
import { dpkgCataloger } from './index.js';

const cats = [osReleaseCataloger, dpkgCataloger];
const ubuntu = 'ID=ubuntu\nVERSION_ID="18.04"\nPRETTY_NAME="Ubuntu 18.04.1 LTS"\n';

test('dpkg: reads exactly what dpkg-query reads from a real Ubuntu 18.04 status (installed packages)', async () => {
  const status = txtarSection(
    readFileSync(testdata('trivy/analyzer/dpkg-valid.txtar'), 'utf8'),
    'var/lib/dpkg/status',
  )!;
  const expected = readFileSync(testdata('trivy/analyzer/dpkg-valid.expected.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  const { packages, issues } = await catalogLayers(
    [{ 'etc/os-release': ubuntu, 'var/lib/dpkg/status': status }],
    cats,
  );
  assert.deepEqual(issues, []);
  // dpkg-query -W also lists `rc` packages (removed, config files left); their binaries are
  // gone, so tidegate does not report them. That is the one intended difference.
  const want = expected
    .filter((r) => r[5]!.trim() !== 'rc')
    .map(([name, version, srcName, srcVersion, arch]) => ({ name, version, srcName, srcVersion, arch }));
  assert.equal(expected.length - want.length, 1, 'exactly one rc package (git) in the fixture');
  const got = packages
    .map((p) => ({
      name: p.name,
      version: p.version,
      srcName: p.source!.name,
      srcVersion: p.source!.version,
      arch: p.arch,
    }))
    .sort((a, b) => a.name!.localeCompare(b.name!));
  assert.deepEqual(
    got,
    want.sort((a, b) => a.name!.localeCompare(b.name!)),
  );
  const bsd = packages.find((p) => p.name === 'bsdutils')!;
  assert.equal(bsd.ecosystem, 'Ubuntu:18.04:LTS');
  assert.equal(
    bsd.purl,
    'pkg:deb/ubuntu/bsdutils@1:2.31.1-0.4ubuntu3.1?arch=amd64&distro=ubuntu-18.04&upstream=util-linux',
  );
});

test('dpkg: status.d entries (distroless) are read, one file per package', async () => {
  const { packages, distro } = await catalogLayers(
    [
      {
        'etc/os-release': 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Distroless"\n',
        'var/lib/dpkg/status.d/libc6':
          'Package: libc6\nVersion: 2.36-9+deb12u4\nArchitecture: amd64\nSource: glibc\n',
        'var/lib/dpkg/status.d/libc6.md5sums': 'abc  lib/x86_64-linux-gnu/libc.so.6\n',
        'var/lib/dpkg/status.d/tzdata': 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n',
      },
    ],
    cats,
  );
  assert.equal(distro?.ecosystem, 'Debian:12');
  assert.deepEqual(packages.map((p) => `${p.name} ${p.version} ${p.source?.name}`).sort(), [
    'libc6 2.36-9+deb12u4 glibc',
    'tzdata 2024a-0+deb12u1 tzdata',
  ]);
});

test('dpkg: the layer of origin is where the .list file comes from, else where the entry appeared', async () => {
  const base = 'Package: base-files\nStatus: install ok installed\nVersion: 12.4\nArchitecture: amd64\n';
  const curl =
    'Package: curl\nStatus: install ok installed\nVersion: 7.88.1-10+deb12u5\nArchitecture: amd64\n';
  const { packages } = await catalogLayers(
    [
      {
        'etc/os-release': 'ID=debian\nVERSION_ID=12\n',
        'var/lib/dpkg/status': base,
        'var/lib/dpkg/info/base-files.list': '/.\n/etc/issue\n',
      },
      { 'var/lib/dpkg/status': `${base}\n${curl}` },
    ],
    cats,
  );
  const by = Object.fromEntries(packages.map((p) => [p.name, p]));
  assert.equal(by['base-files']!.layer.index, 0);
  assert.deepEqual(by['base-files']!.files, ['etc/issue']);
  assert.equal(by.curl!.layer.index, 1);
});

test('dpkg: a whited-out status file means no dpkg packages', async () => {
  const status = 'Package: a\nStatus: install ok installed\nVersion: 1\n';
  const { packages } = await catalogLayers(
    [{ 'var/lib/dpkg/status': status }, { 'var/lib/dpkg/status': null }],
    cats,
  );
  assert.deepEqual(packages, []);
});

test('dpkg: a corrupt status yields the readable packages and an OS-database issue with the line', async () => {
  const status =
    'Package: good\nStatus: install ok installed\nVersion: 1.0\n\nthis line is garbage\nPackage: noversion\n';
  const { packages, issues } = await catalogLayers([{ 'var/lib/dpkg/status': status }], cats);
  assert.deepEqual(
    packages.map((p) => p.name),
    ['good'],
  );
  assert.ok(issues.every((i) => i.osDatabase && i.path === 'var/lib/dpkg/status'));
  assert.deepEqual(
    issues.map((i) => i.message),
    ["line 5: not a 'Field: value' line", 'line 6: package noversion has no Version field'],
  );
});

test('dpkg: licences come from machine-readable copyright files as SPDX ids', async () => {
  const status = 'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\n';
  const copyright =
    'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: x\nLicense: Zlib\n\nFiles: debian/*\nLicense: GPL-2+\n';
  const { packages } = await catalogLayers(
    [{ 'var/lib/dpkg/status': status, 'usr/share/doc/zlib1g/copyright': copyright }],
    cats,
  );
  assert.deepEqual(packages[0]!.licenses, ['Zlib', 'GPL-2.0-or-later']);
});

test('dpkg: reads only its own paths', () => {
  const paths = [
    'var/lib/dpkg/status',
    'var/lib/dpkg/status-old',
    'var/lib/dpkg/status.d/libc6',
    'var/lib/dpkg/status.d/sub/x',
    'var/lib/dpkg/info/curl.list',
    'var/lib/dpkg/info/curl.md5sums',
    'var/lib/dpkg/info/libc6:amd64.list',
    'usr/share/doc/curl/copyright',
    'usr/share/doc/curl/changelog.gz',
    'usr/share/doc/curl/examples/copyright',
    'etc/os-release',
  ];
  const meta = { type: 'file' as const, mode: 0o644, size: 1, uid: 0, gid: 0 };
  assert.deepEqual(
    paths.filter((p) => dpkgCataloger.wants(p, meta)),
    [
      'var/lib/dpkg/status',
      'var/lib/dpkg/status.d/libc6',
      'var/lib/dpkg/info/curl.list',
      'var/lib/dpkg/info/libc6:amd64.list',
      'usr/share/doc/curl/copyright',
    ],
  );
});
