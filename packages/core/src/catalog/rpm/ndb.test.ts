import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../testing/index.js';
import { catalogLayers } from '../../testing/view.js';
import { osReleaseCataloger } from '../os-release.js';
import { rpmCataloger } from './index.js';
import { readNdb } from './parse-ndb.js';
import { readSqlite } from './parse-sqlite.js';

/**
 * There is no ndb oracle here (Debian's rpm is built without the ndb backend), so these tests
 * write `Packages.db` files the way rpm's `lib/backend/ndb/rpmpkg.c` does — `rpmpkgInit`,
 * `rpmpkgWriteEmptySlotpage`, `rpmpkgWriteBlob`, `rpmpkgWriteslot` — holding the real header
 * blobs of the CBL-Mariner fixture, and check that the same 129 packages come back.
 */
const PAGE = 4096;
const BLK = 16;

/** RFC 1950 adler32, as `update_adler32()` computes it. */
function adler32(buf: Buffer, start = 1): number {
  let a = start & 0xffff;
  let b = (start >>> 16) & 0xffff;
  for (const x of buf) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function u32s(...xs: number[]): Buffer {
  const b = Buffer.alloc(4 * xs.length);
  xs.forEach((x, i) => b.writeUInt32LE(x >>> 0, 4 * i));
  return b;
}

const magic = (s: string) => Buffer.from(s, 'latin1').readUInt32LE(0);

/** `rpmpkgWriteBlob`: head, blob, zero padding to whole blocks, tail with the adler32 of it all. */
function blobBlocks(pkgidx: number, blob: Buffer): Buffer {
  const head = u32s(magic('BlbS'), pkgidx, 1700000000, blob.length);
  const blkcnt = Math.ceil((16 + blob.length + 12) / BLK);
  const pad = Buffer.alloc(blkcnt * BLK - (16 + blob.length + 12));
  const sum = adler32(Buffer.concat([head, blob, pad]));
  return Buffer.concat([head, blob, pad, u32s(sum, blob.length, magic('BlbE'))]);
}

/** A `Packages.db` with one slot per blob (pkgidx = position + 1), after `freeSlots` empty slots. */
function buildNdb(blobs: Buffer[], opts: { slotPages?: number; freeSlots?: number } = {}): Buffer {
  const slotPages = opts.slotPages ?? 1;
  const slots = Buffer.alloc(slotPages * PAGE);
  for (let at = 0; at < slots.length; at += 16) slots.writeUInt32LE(magic('Slot'), at);
  u32s(magic('RpmP'), 0, blobs.length, slotPages, blobs.length + 1).copy(slots, 0);
  const data: Buffer[] = [];
  let blkoff = (slotPages * PAGE) / BLK;
  blobs.forEach((blob, i) => {
    const blocks = blobBlocks(i + 1, blob);
    u32s(magic('Slot'), i + 1, blkoff, blocks.length / BLK).copy(
      slots,
      32 + 16 * ((opts.freeSlots ?? 0) + i),
    );
    data.push(blocks);
    blkoff += blocks.length / BLK;
  });
  return Buffer.concat([slots, ...data]);
}

const blobs = readSqlite(readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'))).headers.map(
  (h) => h.blob,
);
const SUSE =
  'NAME="openSUSE Leap"\nID="opensuse-leap"\nVERSION_ID="15.5"\nPRETTY_NAME="openSUSE Leap 15.5"\n';

test('ndb: a Packages.db laid out as rpmpkg.c writes it gives back every header blob', () => {
  const r = readNdb(buildNdb(blobs));
  assert.deepEqual(r.problems, []);
  assert.equal(r.headers.length, 129);
  assert.ok(r.headers.every((h, i) => h.key === i + 1 && h.blob.equals(blobs[i]!)));
});

test('ndb: free slots and a second slot page are read through', () => {
  const r = readNdb(buildNdb(blobs.slice(0, 300), { slotPages: 2, freeSlots: 200 }));
  assert.deepEqual(r.problems, []);
  assert.equal(r.headers.length, 129);
});

test('ndb: the cataloger reads /usr/lib/sysimage/rpm/Packages.db on openSUSE (ndb configured)', async () => {
  const { packages, issues, distro } = await catalogLayers(
    [{ 'etc/os-release': SUSE, 'usr/lib/sysimage/rpm/Packages.db': buildNdb(blobs) }],
    [osReleaseCataloger, rpmCataloger],
  );
  assert.deepEqual(issues, []);
  assert.equal(distro?.ecosystem, 'openSUSE:Leap 15.5');
  assert.equal(packages.length, 129);
  assert.equal(
    packages.find((p) => p.name === 'bash')!.purl,
    'pkg:rpm/opensuse/bash@5.1.8-1.cm2?arch=x86_64&distro=opensuse-leap-15.5',
  );
});

const sad: { name: string; db: () => Buffer; want: RegExp; read?: number }[] = [
  {
    name: 'a file cut inside its blobs',
    db: () => buildNdb(blobs).subarray(0, 200_000),
    want: /lies past the end of the file \(truncated database\)/,
  },
  {
    name: 'a slot with a bad magic',
    db: () => {
      const b = buildNdb(blobs);
      b.write('Xlot', 32 + 16 * 5, 'latin1');
      return b;
    },
    want: /^slot 7: bad slot magic$/,
    read: 128,
  },
  {
    name: 'a slot pointing into the slot pages',
    db: () => {
      const b = buildNdb(blobs);
      b.writeUInt32LE(3, 32 + 8);
      return b;
    },
    want: /^slot 2: bad entry \(package 1, block 3/,
    read: 128,
  },
  {
    name: 'a blob that belongs to another package',
    db: () => {
      const b = buildNdb(blobs);
      b.writeUInt32LE(999, PAGE + 4);
      return b;
    },
    want: /^slot 2, package 1: blob belongs to package 999$/,
    read: 128,
  },
  {
    name: 'a blob whose tail magic is gone',
    db: () => {
      const b = buildNdb(blobs);
      const first = blobBlocks(1, blobs[0]!);
      b.write('XXXX', PAGE + first.length - 4, 'latin1');
      return b;
    },
    want: /^slot 2, package 1: bad blob tail magic$/,
    read: 128,
  },
  {
    name: 'slot pages past the end of the file',
    db: () => {
      const b = buildNdb(blobs);
      b.writeUInt32LE(5000, 12);
      return b;
    },
    want: /5000 slot pages do not fit/,
  },
];

for (const c of sad) {
  test(`ndb: sad path: ${c.name} is reported and the rest is read`, () => {
    const r = readNdb(c.db());
    assert.ok(
      r.problems.some((p) => c.want.test(p)),
      r.problems.join('\n'),
    );
    if (c.read !== undefined) assert.equal(r.headers.length, c.read);
  });
}

const refused: { name: string; db: Buffer; want: RegExp }[] = [
  {
    name: 'not an ndb file',
    db: Buffer.from('SQLite format 3\0'.padEnd(64, '\0')),
    want: /not an rpm ndb database/,
  },
  {
    name: 'a newer ndb version',
    db: Buffer.concat([u32s(magic('RpmP'), 1, 0, 1, 1), Buffer.alloc(PAGE)]),
    want: /Version mismatch\. Expected version: 0\. Found version: 1/,
  },
];

for (const c of refused) {
  test(`ndb: sad path: ${c.name} is refused`, () => {
    assert.throws(() => readNdb(c.db), c.want);
  });
}
