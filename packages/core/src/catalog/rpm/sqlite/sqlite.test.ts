import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../../testing/index.js';
import { catalogLayers } from '../../../testing/view.js';
import { osReleaseCataloger } from '../../os-release.js';
import { rpmCataloger } from '../index.js';
import { parseHeader } from '../header.js';
import { readSqlite } from '../parse-sqlite.js';
import { rpmInfo } from '../package.js';
import { localPayload } from './btree.js';
import { readVarint } from './record.js';
import { readWal, walChecksum } from './wal.js';

const DB = readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite'));
const PAGE = DB.readUInt16BE(16);

const names = (db: Buffer, wal?: Buffer) =>
  readSqlite(db, wal)
    .headers.map((h) => rpmInfo(parseHeader(h.blob))!.name)
    .sort();
const ALL = names(DB);

/** Page number and cell index of the leaf cell holding `rowid` in table `Packages` (the only table whose rows are kilobytes). */
function findLeafCell(db: Buffer, rowid: number): { pgno: number; cell: number } {
  for (let pgno = 2; pgno * PAGE <= db.length; pgno++) {
    const page = db.subarray((pgno - 1) * PAGE, pgno * PAGE);
    if (page[0] !== 0x0d) continue;
    for (let cell = 0; cell < page.readUInt16BE(3); cell++) {
      const ptr = page.readUInt16BE(8 + 2 * cell);
      const [size, n] = readVarint(page, ptr);
      if (size > 500 && readVarint(page, ptr + n)[0] === rowid) return { pgno, cell };
    }
  }
  throw new Error(`row ${rowid} not found`);
}

/** A copy of a leaf page without one cell: what SQLite's DELETE leaves (the cell's bytes become free space). */
function withoutCell(db: Buffer, pgno: number, cell: number): Buffer {
  const page = Buffer.from(db.subarray((pgno - 1) * PAGE, pgno * PAGE));
  const n = page.readUInt16BE(3);
  page.copy(page, 8 + 2 * cell, 8 + 2 * (cell + 1), 8 + 2 * n);
  page.writeUInt16BE(n - 1, 3);
  return page;
}

interface Frame {
  pgno: number;
  data: Buffer;
  commit?: number;
  salt?: number;
  badChecksum?: boolean;
}

/** A WAL file as SQLite writes one (fileformat2 §4.1, §4.2), checksums chained from the header. */
function buildWal(frames: Frame[], opts: { bigEndian?: boolean; pageSize?: number } = {}): Buffer {
  const be = opts.bigEndian ?? false;
  const head = Buffer.alloc(32);
  head.writeUInt32BE(be ? 0x377f0683 : 0x377f0682, 0);
  head.writeUInt32BE(3007000, 4);
  head.writeUInt32BE(opts.pageSize ?? PAGE, 8);
  head.writeUInt32BE(0x1234, 16);
  head.writeUInt32BE(0x5678, 20);
  let sum = walChecksum(head.subarray(0, 24), be);
  head.writeUInt32BE(sum[0], 24);
  head.writeUInt32BE(sum[1], 28);
  const parts: Buffer[] = [head];
  for (const f of frames) {
    const fh = Buffer.alloc(24);
    fh.writeUInt32BE(f.pgno, 0);
    fh.writeUInt32BE(f.commit ?? 0, 4);
    fh.writeUInt32BE(f.salt ?? 0x1234, 8);
    fh.writeUInt32BE(0x5678, 12);
    sum = walChecksum(f.data, be, walChecksum(fh.subarray(0, 8), be, sum));
    fh.writeUInt32BE(f.badChecksum ? sum[0] ^ 1 : sum[0], 16);
    fh.writeUInt32BE(sum[1], 20);
    parts.push(fh, f.data);
  }
  return Buffer.concat(parts);
}

const read = readSqlite(DB);
const bash = read.headers.find((h) => rpmInfo(parseHeader(h.blob))!.name === 'bash')!.key;
const zlib = read.headers.find((h) => rpmInfo(parseHeader(h.blob))!.name === 'zlib')!.key;
const pages = DB.length / PAGE;
const delBash = (() => {
  const at = findLeafCell(DB, bash);
  return { pgno: at.pgno, data: withoutCell(DB, at.pgno, at.cell) };
})();
const delZlib = (() => {
  const at = findLeafCell(DB, zlib);
  // applied after delBash when both live on one page
  const base =
    at.pgno === delBash.pgno
      ? Buffer.concat([DB.subarray(0, (at.pgno - 1) * PAGE), delBash.data, DB.subarray(at.pgno * PAGE)])
      : DB;
  return { pgno: at.pgno, data: withoutCell(base, at.pgno, findLeafCell(base, zlib).cell) };
})();
const without = (...gone: string[]) => ALL.filter((n) => !gone.includes(n));

const walCases: { name: string; wal: () => Buffer; want: string[] }[] = [
  {
    name: 'an empty WAL (the fixture’s own) changes nothing',
    wal: () => readFileSync(testdata('rpmdb/sqlite-cbl-mariner-2.0/rpmdb.sqlite-wal')),
    want: ALL,
  },
  {
    name: 'a committed frame replaces its page',
    wal: () => buildWal([{ ...delBash, commit: pages }]),
    want: without('bash'),
  },
  {
    name: 'big-endian checksums (magic 0x377f0683) are read too',
    wal: () => buildWal([{ ...delBash, commit: pages }], { bigEndian: true }),
    want: without('bash'),
  },
  {
    name: 'frames after the last commit frame are not applied',
    wal: () => buildWal([{ ...delBash, commit: pages }, { ...delZlib }]),
    want: without('bash'),
  },
  {
    name: 'two transactions: the later copy of a page wins',
    wal: () =>
      buildWal([
        { ...delBash, commit: pages },
        { ...delZlib, commit: pages },
      ]),
    want: without('bash', 'zlib'),
  },
  {
    name: 'a frame with another salt ends the log (an old, overwritten frame)',
    wal: () =>
      buildWal([
        { ...delBash, commit: pages },
        { ...delZlib, commit: pages, salt: 9 },
      ]),
    want: without('bash'),
  },
  {
    name: 'a frame whose checksum breaks the chain ends the log (a torn write)',
    wal: () =>
      buildWal([
        { ...delBash, commit: pages, badChecksum: true },
        { ...delZlib, commit: pages },
      ]),
    want: ALL,
  },
  {
    name: 'a WAL with a bad header is empty, as SQLite treats it',
    wal: () => {
      const w = buildWal([{ ...delBash, commit: pages }]);
      w[25] ^= 1;
      return w;
    },
    want: ALL,
  },
  {
    name: 'a WAL cut mid-frame keeps its complete frames',
    wal: () =>
      buildWal([
        { ...delBash, commit: pages },
        { ...delZlib, commit: pages },
      ]).subarray(0, 32 + 2 * (24 + PAGE) - 100),
    want: without('bash'),
  },
];

for (const c of walCases) {
  test(`sqlite WAL: ${c.name}`, () => {
    assert.deepEqual(names(DB, c.wal()), c.want);
  });
}

test('sqlite WAL in an image: each layer’s database + WAL state dates the packages (layer of origin)', async () => {
  const z = findLeafCell(DB, zlib);
  const zlibOnly = { pgno: z.pgno, data: withoutCell(DB, z.pgno, z.cell) };
  const { packages, issues } = await catalogLayers(
    [
      {
        'etc/os-release': 'ID=mariner\nVERSION_ID=2.0\n',
        'var/lib/rpm/rpmdb.sqlite': DB,
        'var/lib/rpm/rpmdb.sqlite-wal': buildWal([{ ...delBash, commit: pages }]),
      },
      { 'var/lib/rpm/rpmdb.sqlite-wal': buildWal([{ ...zlibOnly, commit: pages }]) },
    ],
    [osReleaseCataloger, rpmCataloger],
  );
  assert.deepEqual(issues, []);
  // Layer 0's state lacks bash, layer 1's lacks zlib (applied to the file, not to layer 0's WAL).
  const layer = Object.fromEntries(packages.map((p) => [p.name, p.layer.index]));
  assert.deepEqual([layer.bash, layer.zlib, layer.glibc, packages.length], [1, undefined, 0, 128]);
});

test('sqlite WAL: a WAL with another page size does not belong to the database', () => {
  assert.throws(
    () => readWal(buildWal([], { pageSize: 1024 }), PAGE),
    /WAL's page size 1024 differs from the database's 4096/,
  );
});

test('sqlite WAL: the committed state includes the database size of the last commit', () => {
  const idx = readWal(
    buildWal([
      { ...delBash, commit: pages },
      { ...delZlib, commit: pages + 1 },
      { pgno: 1, data: DB.subarray(0, PAGE) },
    ]),
    PAGE,
  )!;
  assert.deepEqual(
    [idx.frames, idx.dbPages, [...idx.pages.keys()].sort()],
    [2, pages + 1, [delBash.pgno, delZlib.pgno].sort()],
  );
});

const varints: { bytes: number[]; want: [number, number] }[] = [
  { bytes: [0x05], want: [5, 1] },
  { bytes: [0x81, 0x00], want: [128, 2] },
  { bytes: [0xff, 0x7f], want: [16383, 2] },
  {
    bytes: [0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x81, 0x01],
    want: [2 ** 57 + 2 ** 50 + 2 ** 43 + 2 ** 36 + 2 ** 29 + 2 ** 22 + 2 ** 15 + 2 ** 8 + 1, 9],
  },
];

for (const c of varints) {
  test(`sqlite record: varint ${Buffer.from(c.bytes).toString('hex')} is ${c.want[0]}`, () => {
    assert.deepEqual(readVarint(Buffer.from(c.bytes), 0), c.want);
  });
}

test('sqlite b-tree: local payload follows fileformat2 §1.6 for a 4096-byte page', () => {
  // X = U-35 = 4061; M = (U-12)*32/255-23 = 489; K = M + (P-M) % (U-4), kept when K <= X, else M
  assert.deepEqual(
    [100, 4061, 4062, 5000, 8000].map((p) => localPayload(p, 4096)),
    [100, 4061, 489, 908, 3908],
  );
});

test('sqlite: a truncated file yields the rows before the cut and says what is missing', () => {
  const r = readSqlite(DB.subarray(0, Math.floor(DB.length / 2)));
  assert.ok(r.headers.length > 0 && r.headers.length < 129, `${r.headers.length} rows`);
  assert.ok(
    r.problems.some((p) => /past the end of the file \(truncated\?\)/.test(p)),
    r.problems.join('\n'),
  );
});

test('sqlite: a b-tree page pointing at itself is a reported loop, not a hang', () => {
  const db = Buffer.from(DB);
  const { pgno } = findLeafCell(DB, bash);
  db[(pgno - 1) * PAGE] = 0x05; // the leaf claims to be an interior page…
  db.writeUInt32BE(pgno, (pgno - 1) * PAGE + 8); // …whose right-most child is itself
  const r = readSqlite(db);
  assert.ok(
    r.problems.some((p) => p.includes(`page ${pgno} is reached twice`)),
    r.problems.join('\n'),
  );
});

const notSqlite: { name: string; db: Buffer; want: RegExp }[] = [
  { name: 'an empty file', db: Buffer.alloc(0), want: /not an SQLite database/ },
  {
    name: 'a Berkeley DB file',
    db: readFileSync(testdata('rpmdb/bdb-libuuid/Packages')),
    want: /not an SQLite database/,
  },
  {
    name: 'a page size that is not a power of two',
    db: (() => {
      const b = Buffer.from(DB);
      b.writeUInt16BE(1000, 16);
      return b;
    })(),
    want: /invalid page size 1000/,
  },
  {
    name: 'an SQLite database without a Packages table',
    db: (() => {
      const b = Buffer.from(DB.subarray(0, PAGE));
      b.writeUInt32BE(1, 28);
      b.writeUInt16BE(0, 103);
      return b;
    })(),
    want: /no Packages table/,
  },
];

for (const c of notSqlite) {
  test(`sqlite: sad path: ${c.name} is refused`, () => {
    assert.throws(() => readSqlite(c.db), c.want);
  });
}
