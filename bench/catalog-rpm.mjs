#!/usr/bin/env node
// rpm cataloger speed on the real rpm databases in ../shared/testdata/rpmdb (issue #4 "Speed"),
// plus an ndb Packages.db laid out from the SQLite fixture's header blobs (as ndb.test.ts does).
// Per database, median of BENCH_RUNS, all in this process:
//   read:    readFileSync of the database (the file from the page cache)
//   gunzip:  gunzipSync of the database gzip-compressed (what a layer walk pays for its bytes)
//   blobs:   the backend reader alone (SQLite b-tree + WAL / Berkeley DB hash / ndb slots)
//   headers: blobs, then every header parsed and checked and its package fields read
//   catalog: the rpm cataloger on a merged view holding the file (backend choice, headers,
//            packages, purls, layer of origin)
// Reported as ratios measured in this run (never absolute timings, never asserted in tests).
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { silentLogger } from '@tidegate/core';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const core = (...p) => import(join(root, 'packages', 'core', 'build', ...p));
const { readDatabase } = await core('catalog', 'rpm', 'database.js');
const { parseHeader } = await core('catalog', 'rpm', 'header.js');
const { rpmInfo } = await core('catalog', 'rpm', 'package.js');
const { rpmCataloger } = await core('catalog', 'rpm', 'index.js');
const { osReleaseCataloger } = await core('catalog', 'os-release.js');
const { walkLayers } = await core('testing', 'view.js');
const { runViewCatalogers } = await core('catalog', 'run.js');

const runs = Number(process.env.BENCH_RUNS ?? 7);
const shared = join(root, '..', 'shared', 'testdata', 'rpmdb');

/** An ndb Packages.db holding `blobs`, as rpm's rpmpkg.c lays one out (adler32 left 0: rpm -qa does not check it). */
function ndbOf(blobs) {
  const u32 = (...xs) => Buffer.from(new Uint32Array(xs).buffer);
  const magic = (s) => Buffer.from(s, 'latin1').readUInt32LE(0);
  const slots = Buffer.alloc(4096);
  for (let at = 0; at < slots.length; at += 16) slots.writeUInt32LE(magic('Slot'), at);
  u32(magic('RpmP'), 0, 1, 1, blobs.length + 1).copy(slots, 0);
  const data = [];
  let blkoff = 256;
  blobs.forEach((blob, i) => {
    const blkcnt = Math.ceil((28 + blob.length) / 16);
    const pad = Buffer.alloc(blkcnt * 16 - 28 - blob.length);
    data.push(u32(magic('BlbS'), i + 1, 0, blob.length), blob, pad, u32(0, blob.length, magic('BlbE')));
    u32(magic('Slot'), i + 1, blkoff, blkcnt).copy(slots, 32 + 16 * i);
    blkoff += blkcnt;
  });
  return Buffer.concat([slots, ...data]);
}

const sqlite = readFileSync(join(shared, 'sqlite-cbl-mariner-2.0', 'rpmdb.sqlite'));
const cases = [
  {
    name: 'sqlite (CBL-Mariner 2.0)',
    backend: 'sqlite',
    path: 'var/lib/rpm/rpmdb.sqlite',
    bytes: sqlite,
    os: 'ID=mariner\nVERSION_ID=2.0\n',
  },
  {
    name: 'bdb (UBI 8 libuuid)',
    backend: 'bdb',
    path: 'var/lib/rpm/Packages',
    bytes: readFileSync(join(shared, 'bdb-libuuid', 'Packages')),
    os: 'ID=rhel\nVERSION_ID=8.8\n',
  },
  {
    name: 'ndb (from the sqlite blobs)',
    backend: 'ndb',
    path: 'var/lib/rpm/Packages.db',
    bytes: ndbOf(readDatabase('sqlite', sqlite).headers.map((h) => h.blob)),
    os: 'ID=sles\nVERSION_ID=15.5\n',
  },
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(fn) {
  const t0 = performance.now();
  const out = fn();
  return [performance.now() - t0, out];
}
async function timeAsync(fn) {
  const t0 = performance.now();
  const out = await fn();
  return [performance.now() - t0, out];
}

const rows = [];
for (const c of cases) {
  const gz = gzipSync(c.bytes);
  const file = join(root, '.cache', 'bench', `rpmdb-${c.backend}`);
  mkdirSync(join(root, '.cache', 'bench'), { recursive: true });
  writeFileSync(file, c.bytes);
  const { view } = await walkLayers(
    [{ 'etc/os-release': c.os, [c.path]: c.bytes }],
    [osReleaseCataloger, rpmCataloger],
  );
  const t = { read: [], gunzip: [], blobs: [], headers: [], catalog: [] };
  let packages = 0;
  for (let i = 0; i < runs; i++) {
    t.read.push(time(() => readFileSync(file))[0]);
    t.gunzip.push(time(() => gunzipSync(gz))[0]);
    t.blobs.push(time(() => readDatabase(c.backend, c.bytes))[0]);
    t.headers.push(
      time(() => readDatabase(c.backend, c.bytes).headers.map((h) => rpmInfo(parseHeader(h.blob))))[0],
    );
    const [ms, out] = await timeAsync(() =>
      runViewCatalogers(view, [osReleaseCataloger, rpmCataloger], silentLogger),
    );
    t.catalog.push(ms);
    packages = out.packages.length;
  }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
  rows.push({
    database: c.name,
    bytes: c.bytes.length,
    packages,
    ms: Object.fromEntries(Object.entries(m).map(([k, v]) => [k, Number(v.toFixed(2))])),
    catalogOverRead: Number((m.catalog / m.read).toFixed(1)),
    catalogOverGunzip: Number((m.catalog / m.gunzip).toFixed(2)),
    headersOverGunzip: Number((m.headers / m.gunzip).toFixed(2)),
  });
}

console.log(`rpm databases, median of ${runs} runs (ms are this machine's; the ratios are the figures)`);
console.log(
  'database                        bytes  pkgs   read  gunzip   blobs  headers  catalog  cat/read  cat/gunzip',
);
for (const r of rows)
  console.log(
    `${r.database.padEnd(28)} ${String(r.bytes).padStart(8)} ${String(r.packages).padStart(5)} ${[r.ms.read, r.ms.gunzip, r.ms.blobs, r.ms.headers, r.ms.catalog].map((x) => x.toFixed(2).padStart(7)).join(' ')}  ${String(r.catalogOverRead).padStart(8)}  ${String(r.catalogOverGunzip).padStart(10)}`,
  );
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'catalog-rpm.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, rows }, null, 2)}\n`,
);
