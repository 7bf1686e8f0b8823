import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../testing/index.js';
import type { TarEntry } from '../../testing/images.js';
import { catalogLayers } from '../../testing/view.js';
import { osReleaseCataloger } from '../os-release.js';
import { readDatabase, type Backend } from './database.js';
import { parseHeader } from './header.js';
import { rpmCataloger } from './index.js';
import { rpmInfo } from './package.js';

const cats = [osReleaseCataloger, rpmCataloger];
const MARINER =
  'NAME="Common Base Linux Mariner"\nVERSION="2.0.20220226"\nID=mariner\nVERSION_ID=2.0\nPRETTY_NAME="CBL-Mariner/Linux"\n';
const UBI8 =
  'NAME="Red Hat Enterprise Linux"\nVERSION="8.8 (Ootpa)"\nID="rhel"\nVERSION_ID="8.8"\nPRETTY_NAME="Red Hat Enterprise Linux 8.8 (Ootpa)"\n';

const fixtures: {
  name: string;
  backend: Backend;
  dir: string;
  file: string;
  osRelease: string;
  ecosystem: string;
}[] = [
  {
    name: 'SQLite (CBL-Mariner 2.0, with its -wal and -shm)',
    backend: 'sqlite',
    dir: 'sqlite-cbl-mariner-2.0',
    file: 'rpmdb.sqlite',
    osRelease: MARINER,
    ecosystem: 'Azure Linux:2',
  },
  {
    name: 'Berkeley DB (UBI 8 libuuid)',
    backend: 'bdb',
    dir: 'bdb-libuuid',
    file: 'Packages',
    osRelease: UBI8,
    ecosystem: 'Red Hat:enterprise_linux:8',
  },
];

/** `expected.tsv`: what rpm 4.18 reads (`rpm -qa --qf` NAME EPOCHNUM VERSION RELEASE ARCH SOURCERPM LICENSE MODULARITYLABEL). */
function expected(dir: string): string[][] {
  return readFileSync(testdata('rpmdb', dir, 'expected.tsv'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.split('\t'));
}

const none = (v: string | number | undefined) => (v === undefined ? '(none)' : String(v));

for (const f of fixtures) {
  test(`rpm: the ${f.name} header reader lists exactly what rpm 4.18 lists, field by field`, () => {
    const db = readFileSync(testdata('rpmdb', f.dir, f.file));
    const wal = f.backend === 'sqlite' ? readFileSync(testdata('rpmdb', f.dir, `${f.file}-wal`)) : undefined;
    const read = readDatabase(f.backend, db, wal);
    assert.deepEqual(read.problems, []);
    const got = read.headers.map(({ blob }) => {
      const i = rpmInfo(parseHeader(blob))!;
      return [
        i.name,
        String(i.epoch ?? 0),
        i.version,
        i.release,
        none(i.arch),
        none(i.sourceRpm),
        none(i.license),
        none(i.modularityLabel),
      ];
    });
    const want = expected(f.dir);
    assert.equal(got.length, want.length);
    assert.deepEqual(got.map((r) => r.join('\t')).sort(), want.map((r) => r.join('\t')).sort());
  });

  test(`rpm: the cataloger reports every package of the ${f.name} with OSV's version form, source package and ecosystem`, async () => {
    const db = readFileSync(testdata('rpmdb', f.dir, f.file));
    const { packages, issues, distro } = await catalogLayers(
      [{ 'etc/os-release': f.osRelease, [`var/lib/rpm/${f.file}`]: db }],
      cats,
    );
    assert.deepEqual(issues, []);
    assert.equal(distro?.ecosystem, f.ecosystem);
    // The one intended difference from expected.tsv: MODULARITYLABEL has no field in tidegate's
    // Package (module streams show in the release string, which OSV's ranges compare).
    const want = expected(f.dir).map(([name, epoch, version, release, arch, srpm, license]) => {
      const evr = `${epoch === '0' ? '' : `${epoch}:`}${version}-${release}`;
      const src = /^(.+)-([^-]+)-([^-]+)\.src\.rpm$/.exec(srpm!)!;
      const srcVersion = `${epoch === '0' ? '' : `${epoch}:`}${src[2]}-${src[3]}`;
      return `${name} ${evr} ${arch} ${src[1]} ${srcVersion} ${license}`;
    });
    const got = packages.map(
      (p) => `${p.name} ${p.version} ${p.arch} ${p.source?.name} ${p.source?.version} ${p.licenses.join()}`,
    );
    assert.deepEqual(got.sort(), want.sort());
    assert.ok(packages.every((p) => p.type === 'rpm' && p.ecosystem === f.ecosystem && p.foundBy === 'rpm'));
  });
}

test('rpm: purl, epoch, files and layer of a real package', async () => {
  const db = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
  const { packages } = await catalogLayers(
    [{ 'etc/os-release': MARINER, 'var/lib/rpm/rpmdb.sqlite': db }],
    cats,
  );
  const ca = packages.find((p) => p.name === 'ca-certificates-base')!;
  assert.equal(ca.version, '1:2.0.0-1.cm2');
  assert.equal(
    ca.purl,
    'pkg:rpm/mariner/ca-certificates-base@2.0.0-1.cm2?arch=noarch&distro=mariner-2.0&epoch=1&upstream=ca-certificates',
  );
  assert.deepEqual(ca.source, { name: 'ca-certificates', version: '1:2.0.0-1.cm2' });
  const bash = packages.find((p) => p.name === 'bash')!;
  assert.equal(bash.purl, 'pkg:rpm/mariner/bash@5.1.8-1.cm2?arch=x86_64&distro=mariner-2.0');
  assert.ok(
    bash.files?.includes('bin/bash'),
    'file list from BASENAMES/DIRNAMES/DIRINDEXES, no leading slash',
  );
  assert.deepEqual(bash.locations, ['var/lib/rpm/rpmdb.sqlite']);
  assert.equal(bash.layer.index, 0);
});

test('rpm: the UBI 8 purl uses the redhat namespace and a RHEL distro qualifier', async () => {
  const db = readFileSync(testdata('rpmdb/bdb-libuuid/Packages'));
  const { packages } = await catalogLayers([{ 'etc/os-release': UBI8, 'var/lib/rpm/Packages': db }], cats);
  assert.equal(
    packages[0]!.purl,
    'pkg:rpm/redhat/libuuid@2.32.1-42.el8_8?arch=x86_64&distro=rhel-8.8&upstream=util-linux',
  );
});

test('rpm: /var/lib/rpm as a symlink to /usr/lib/sysimage/rpm (Fedora ≥ 36, openSUSE) is read once', async () => {
  const db = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
  const layer: TarEntry[] = [
    { name: 'etc/os-release', content: 'ID=fedora\nVERSION_ID=40\n' },
    { name: 'usr/lib/sysimage/rpm/rpmdb.sqlite', content: db },
    { name: 'var/lib/rpm', type: 'symlink', linkname: '../../usr/lib/sysimage/rpm' },
  ];
  const { packages, issues } = await catalogLayers([layer], cats);
  assert.equal(packages.length, 129);
  assert.ok(packages.every((p) => p.locations[0] === 'usr/lib/sysimage/rpm/rpmdb.sqlite'));
  assert.ok(packages.every((p) => p.ecosystem === ''));
  // Fedora has no OSV ecosystem: said once, not silently skipped, and not an OS-database failure.
  assert.deepEqual(issues, [
    {
      by: 'rpm',
      message: 'no OSV ecosystem publishes advisories for fedora 40: its packages are listed but not matched',
    },
  ]);
});

test('rpm: with two backends in one directory, the distro’s configured one wins (rpm’s dbDetectBackend)', async () => {
  const sqlite = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
  const bdb = readFileSync(testdata('rpmdb/bdb-libuuid/Packages'));
  const files = { 'var/lib/rpm/rpmdb.sqlite': sqlite, 'var/lib/rpm/Packages': bdb };
  const el8 = await catalogLayers([{ ...files, 'etc/os-release': UBI8 }], cats);
  assert.deepEqual(
    el8.packages.map((p) => p.name),
    ['libuuid'],
  );
  const mariner = await catalogLayers([{ ...files, 'etc/os-release': MARINER }], cats);
  assert.equal(mariner.packages.length, 129);
});

test('rpm: the layer of origin is the layer whose database first lists the package', async () => {
  const bdb = readFileSync(testdata('rpmdb/bdb-libuuid/Packages'));
  const sqlite = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
  const { packages } = await catalogLayers(
    [
      { 'etc/os-release': UBI8, 'var/lib/rpm/rpmdb.sqlite': sqlite },
      { 'var/lib/rpm/Packages': bdb },
      { 'usr/bin/app': 'x' },
    ],
    cats,
  );
  // RHEL 8 is configured for Berkeley DB: layer 1's Packages is the database rpm reads.
  assert.deepEqual(
    packages.map((p) => [p.name, p.layer.index, p.layer.createdBy]),
    [['libuuid', 1, 'step 2']],
  );
});

test('rpm: gpg-pubkey entries are signing keys, not packages, and are left out', async () => {
  const { packages } = await catalogLayers(
    [{ 'var/lib/rpm/Packages': readFileSync(testdata('rpmdb/bdb-libuuid/Packages')) }],
    cats,
  );
  assert.deepEqual(
    packages.map((p) => p.name),
    ['libuuid'],
  ); // the e2e test checks this against a real imported key
});

test('rpm: reads only the database files (lock-down, STYLE rule 21)', () => {
  const paths = [
    'var/lib/rpm/rpmdb.sqlite',
    'var/lib/rpm/rpmdb.sqlite-wal',
    'var/lib/rpm/rpmdb.sqlite-shm',
    'var/lib/rpm/Packages',
    'var/lib/rpm/Packages.db',
    'var/lib/rpm/Index.db',
    'var/lib/rpm/Name',
    'var/lib/rpm/Basenames',
    'var/lib/rpm/__db.001',
    'var/lib/rpm/.rpm.lock',
    'var/lib/rpm/sub/Packages',
    'usr/lib/sysimage/rpm/rpmdb.sqlite',
    'usr/lib/sysimage/rpm/rpmdb.sqlite-wal',
    'usr/lib/sysimage/rpm/Packages.db',
    'usr/lib/sysimage/rpm/Packages',
    'usr/share/rpm/rpmdb.sqlite',
    'usr/share/rpm/Packages',
    'home/user/var/lib/rpm/Packages',
    'root/.rpmdb/rpmdb.sqlite',
    'etc/os-release',
    'Packages',
  ];
  const meta = { type: 'file' as const, mode: 0o644, size: 1, uid: 0, gid: 0 };
  const want = [
    'var/lib/rpm/rpmdb.sqlite',
    'var/lib/rpm/rpmdb.sqlite-wal',
    'var/lib/rpm/Packages',
    'var/lib/rpm/Packages.db',
    'usr/lib/sysimage/rpm/rpmdb.sqlite',
    'usr/lib/sysimage/rpm/rpmdb.sqlite-wal',
    'usr/lib/sysimage/rpm/Packages.db',
    'usr/lib/sysimage/rpm/Packages',
    'usr/share/rpm/rpmdb.sqlite',
    'usr/share/rpm/Packages',
  ];
  assert.deepEqual(
    paths.filter((p) => rpmCataloger.wants(p, meta)),
    want,
  );
  assert.deepEqual(
    paths.filter((p) => rpmCataloger.staticPaths!.includes(p)),
    want,
  );
  assert.equal(rpmCataloger.staticPaths!.length, 12);
});
