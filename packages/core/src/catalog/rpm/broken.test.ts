import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../testing/index.js';
import { catalogLayers } from '../../testing/view.js';
import { dpkgCataloger } from '../dpkg/index.js';
import { osReleaseCataloger } from '../os-release.js';
import { rpmCataloger } from './index.js';

const SQLITE = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
const BDB = readFileSync(testdata('rpmdb/bdb-libuuid/Packages'));
const MARINER = 'ID=mariner\nVERSION_ID=2.0\n';
const UBI8 = 'ID="rhel"\nVERSION_ID="8.8"\n';

/** The first leaf page of table Packages: a table leaf (0x0d) whose rows are kilobyte-sized header blobs. */
function firstPackagesLeaf(): number {
  for (let pgno = 2; pgno * 4096 <= SQLITE.length; pgno++) {
    const at = (pgno - 1) * 4096;
    if (
      SQLITE[at] === 0x0d &&
      SQLITE.readUInt16BE(at + 3) > 0 &&
      SQLITE[at + SQLITE.readUInt16BE(at + 8)]! >= 0x84
    )
      return pgno;
  }
  throw new Error('no Packages leaf');
}

const flip = (b: Buffer, at: number, len = 64) => {
  const c = Buffer.from(b);
  for (let i = at; i < at + len && i < c.length; i++) c[i] = c[i]! ^ 0x5a;
  return c;
};

/**
 * Broken databases in an image: each must give an OS-database issue naming the file and the
 * layer it comes from, keep every package that can still be read, and let the rest of the scan
 * (here the dpkg cataloger in the same image) go on.
 */
const cases: {
  name: string;
  osRelease: string;
  path: string;
  bytes: Buffer;
  extra?: Record<string, Buffer>;
  want: RegExp;
  minPackages: number;
  maxPackages: number;
}[] = [
  {
    name: 'an SQLite database cut in half',
    osRelease: MARINER,
    path: 'var/lib/rpm/rpmdb.sqlite',
    bytes: SQLITE.subarray(0, SQLITE.length / 2),
    want: /^rpm sqlite database is damaged: .*past the end of the file \(truncated\?\)/,
    minPackages: 1,
    maxPackages: 128,
  },
  {
    name: 'an SQLite database with a garbled leaf page',
    osRelease: MARINER,
    path: 'var/lib/rpm/rpmdb.sqlite',
    bytes: flip(SQLITE, 4096 * (firstPackagesLeaf() - 1), 4096),
    want: /^(rpm sqlite database is damaged|rpmdb: damaged header)/,
    minPackages: 100,
    maxPackages: 129,
  },
  {
    name: 'binary garbage named rpmdb.sqlite',
    osRelease: MARINER,
    path: 'var/lib/rpm/rpmdb.sqlite',
    bytes: Buffer.alloc(8192, 0xa5),
    want: /^cannot read the rpm sqlite database: not an SQLite database \(bad header magic\)$/,
    minPackages: 0,
    maxPackages: 0,
  },
  {
    name: 'an empty Packages file',
    osRelease: UBI8,
    path: 'var/lib/rpm/Packages',
    bytes: Buffer.alloc(0),
    want: /^cannot read the rpm bdb database: not a Berkeley DB file/,
    minPackages: 0,
    maxPackages: 0,
  },
  {
    name: 'a Berkeley DB cut inside its overflow pages',
    osRelease: UBI8,
    path: 'var/lib/rpm/Packages',
    bytes: BDB.subarray(0, 4096 * 12),
    want: /^rpm bdb database is damaged: bucket \d+: overflow item of \d+ bytes is larger than the file \(truncated\?\)$/,
    minPackages: 0,
    maxPackages: 0,
  },
  {
    name: 'a Berkeley DB whose header blob is garbage',
    osRelease: UBI8,
    path: 'var/lib/rpm/Packages',
    bytes: flip(BDB, 4096 * 3 + 26, 16),
    want: /^rpmdb: damaged header #\d+ retrieved -- skipping \((hdr|blob|region|tag)/,
    minPackages: 0,
    maxPackages: 0,
  },
  {
    name: 'garbage named Packages.db on openSUSE',
    osRelease: 'ID="opensuse-leap"\nVERSION_ID="15.5"\n',
    path: 'var/lib/rpm/Packages.db',
    bytes: Buffer.from('not a database'),
    want: /^cannot read the rpm ndb database: not an rpm ndb database \(bad magic\)$/,
    minPackages: 0,
    maxPackages: 0,
  },
];

const dpkgStatus = 'Package: base-files\nStatus: install ok installed\nVersion: 12.4\n';

for (const c of cases) {
  test(`rpm: sad path: ${c.name} is an OS-database issue naming file and layer; the scan goes on`, async () => {
    const { packages, issues, view } = await catalogLayers(
      [
        { 'etc/os-release': c.osRelease, 'var/lib/dpkg/status': dpkgStatus },
        { [c.path]: c.bytes, ...c.extra },
      ],
      [osReleaseCataloger, dpkgCataloger, rpmCataloger],
    );
    const rpmIssues = issues.filter((i) => i.by === 'rpm');
    assert.ok(rpmIssues.length > 0, 'no rpm issue');
    assert.ok(
      rpmIssues.some((i) => c.want.test(i.message)),
      rpmIssues.map((i) => i.message).join('\n'),
    );
    for (const i of rpmIssues)
      assert.deepEqual([i.path, i.layer, i.osDatabase], [c.path, view.layers[1]!.digest, true]);
    const rpm = packages.filter((p) => p.type === 'rpm').length;
    assert.ok(rpm >= c.minPackages && rpm <= c.maxPackages, `${rpm} rpm packages`);
    assert.deepEqual(
      packages.filter((p) => p.type === 'deb').map((p) => p.name),
      ['base-files'],
    );
  });
}

test('rpm: a garbage WAL is ignored as SQLite ignores it: every package, no issue', async () => {
  const { packages, issues } = await catalogLayers(
    [
      {
        'etc/os-release': MARINER,
        'var/lib/rpm/rpmdb.sqlite': SQLITE,
        'var/lib/rpm/rpmdb.sqlite-wal': Buffer.alloc(40000, 0x77),
      },
    ],
    [osReleaseCataloger, rpmCataloger],
  );
  assert.deepEqual(issues, []);
  assert.equal(packages.length, 129);
});

test('rpm: a database over the read limit is reported by the walk, never half-read', async () => {
  const { packages, issues } = await catalogLayers(
    [{ 'var/lib/rpm/Packages': Buffer.alloc(70 << 20) }],
    [rpmCataloger],
  );
  assert.deepEqual(packages, []);
  assert.ok(
    issues.some((i) => i.path === 'var/lib/rpm/Packages' && /over the \d+-byte read limit/.test(i.message)),
  );
});
