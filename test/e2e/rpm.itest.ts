import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { requireTool, tool } from '../helpers/tools.js';
import { justDb, makeRpmStates, pick, rpmQa, type RpmStates } from './rpm-fixtures.js';

/**
 * tidegate's rpm database readers against `rpm -qa` itself, on real databases written by
 * Debian's rpm 4.18 (see rpm-fixtures.ts): the sqlite backend (the one rpm writes here; its
 * Berkeley DB backend is read-only in 4.18), the same database with rpm's last transaction
 * still in its WAL, and Berkeley DB hash files written by libdb's own `db5.3_load` from those
 * headers, read back by rpm's `bdb_ro`. Debian's rpm has no ndb backend: ndb is tested against
 * files built from rpmpkg.c's layout (packages/core/src/catalog/rpm/ndb.test.ts).
 *
 * At the reader level nothing differs, `gpg-pubkey` entries included (the cataloger leaves
 * those out; rpm-image.itest.ts checks that).
 */
interface Internals {
  readDatabase(
    backend: string,
    bytes: Buffer,
    wal?: Buffer,
  ): { headers: { key: number; blob: Buffer }[]; problems: string[] };
  parseHeader(blob: Buffer): unknown;
  rpmInfo(h: unknown): {
    name: string;
    epoch?: number;
    version: string;
    release: string;
    arch?: string;
    sourceRpm?: string;
    license?: string;
    modularityLabel?: string;
    files: string[];
  };
}

let states: RpmStates;
let rpm: Internals;

/** The compiled reader modules, loaded by path: they are internals, not @tidegate/core's API. */
const core = (p: string) =>
  import(pathToFileURL(join(repoRoot(), 'packages/core/build/catalog/rpm', p)).href);

/** tidegate's reader, as rows in rpmQa's form. */
function ours(backend: string, db: Buffer, wal?: Buffer): string[] {
  const read = rpm.readDatabase(backend, db, wal);
  assert.deepEqual(read.problems, []);
  const none = (v: unknown) => (v === undefined ? '(none)' : String(v));
  return read.headers
    .map(({ blob }) => rpm.rpmInfo(rpm.parseHeader(blob)))
    .map((i) =>
      [
        i.name,
        i.epoch ?? 0,
        i.version,
        i.release,
        none(i.arch),
        none(i.sourceRpm),
        none(i.license),
        none(i.modularityLabel),
        [...i.files].sort().join('|'),
      ].join('\t'),
    )
    .sort();
}

before(async () => {
  rpm = {
    ...(await core('database.js')),
    ...(await core('header.js')),
    ...(await core('package.js')),
  } as Internals;
  states = await makeRpmStates();
});
after(() => rm(states.work, { recursive: true, force: true }));

for (const s of ['a', 'b'] as const) {
  test(`rpm 4.18 sqlite database (state ${s.toUpperCase()}): every field and file rpm -qa prints, for every package`, async () => {
    const dir = states[s];
    const want = await rpmQa(states.work, dir);
    assert.ok(want.length >= 27, `${want.length} packages`);
    assert.equal(want.filter((r) => r.startsWith('gpg-pubkey\t')).length, 1, 'one imported signing key');
    assert.deepEqual(ours('sqlite', await readFile(join(dir, 'rpmdb.sqlite'))), want);
  });
}

test('rpm 4.18 sqlite database with rpm’s last transaction still in the WAL: what rpm -qa lists', async (t) => {
  if (!(await requireTool(t, 'sqlite3', 'sqlite3', 'to hold a reader open while rpm writes'))) return;
  const live = join(states.work, 'wal-live');
  const snap = join(states.work, 'wal-snap');
  await cp(states.a, live, { recursive: true });
  await mkdir(snap);
  // A reader holding a read transaction keeps rpm from checkpointing its commit into the file.
  // (rpm then waits out its 10 s busy timeout trying to truncate the WAL: one transaction only.)
  const shell = `.shell rpm -U ${justDb(live).join(' ')} ${pick(states, /^(tg-upgrade-2\.0|tg-later)/).join(' ')} && cp -a ${live}/. ${snap}/`;
  await tool('sqlite3', [
    join(live, 'rpmdb.sqlite'),
    'BEGIN;',
    'SELECT count(*) FROM Packages;',
    shell,
    'COMMIT;',
  ]);
  const db = await readFile(join(snap, 'rpmdb.sqlite'));
  const wal = await readFile(join(snap, 'rpmdb.sqlite-wal'));
  assert.ok(wal.length > 32, 'rpm left committed frames in the WAL');
  const want = await rpmQa(states.work, snap);
  assert.notDeepEqual(ours('sqlite', db), want, 'the database file alone is behind the WAL');
  assert.deepEqual(ours('sqlite', db, wal), want);
});

const bdbVariants = [
  { name: '1 KiB pages, little-endian', options: ['-c', 'db_pagesize=1024', '-c', 'db_lorder=1234'] },
  { name: '4 KiB pages, big-endian', options: ['-c', 'db_pagesize=4096', '-c', 'db_lorder=4321'] },
  { name: '64 KiB pages', options: ['-c', 'db_pagesize=65536'] },
];

for (const v of bdbVariants) {
  test(`Berkeley DB Packages written by libdb (${v.name}): what rpm’s bdb_ro lists`, async (t) => {
    if (!(await requireTool(t, 'db5.3_load', 'db5.3-util', 'to write a Berkeley DB'))) return;
    const headers = rpm.readDatabase('sqlite', await readFile(join(states.b, 'rpmdb.sqlite'))).headers;
    const le = !v.options.includes('db_lorder=4321');
    const key = (n: number) => {
      const b = Buffer.alloc(4);
      if (le) b.writeUInt32LE(n);
      else b.writeUInt32BE(n);
      return b.toString('hex');
    };
    const dump = [
      'VERSION=3',
      'format=bytevalue',
      'type=hash',
      'HEADER=END',
      ...headers.flatMap((h) => [` ${key(h.key)}`, ` ${h.blob.toString('hex')}`]),
      'DATA=END',
      '',
    ];
    const dir = await mkdtemp(join(states.work, 'bdb-'));
    await writeFile(join(dir, 'dump'), dump.join('\n'));
    await tool('db5.3_load', [...v.options, '-f', join(dir, 'dump'), join(dir, 'Packages')]);
    await rm(join(dir, 'dump'));
    const want = await rpmQa(states.work, dir);
    assert.equal(want.length, headers.length);
    assert.deepEqual(ours('bdb', await readFile(join(dir, 'Packages'))), want);
  });
}
