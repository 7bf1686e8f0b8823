#!/usr/bin/env node
// Scan-speed benchmark: for each image source, our scan time divided by the time plain
// `gzip -dc` needs for the same layers, both measured in this run on this machine (ratios,
// never absolute timings). Peak RSS of the scanning process is reported beside it.
// Targets (issue #3): at most 1.3x gunzip and at most 150 MB RSS.
// Secret scanning (issue #10): the same image scanned with and without the content checks, in
// alternating runs; the ratio of the medians must stay under 2 (it must not double the scan).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { prepareDebian12 } from '../test/fixtures/prepare.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const fx = prepareDebian12();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function layerBlobs(layout) {
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8'));
  const blob = (d) => join(layout, 'blobs', ...d.split(':'));
  const manifest = JSON.parse(readFileSync(blob(index.manifests[0].digest), 'utf8'));
  return manifest.layers.map((l) => blob(l.digest));
}

function gunzipMs(blobs) {
  const t0 = performance.now();
  for (const b of blobs) execFileSync('sh', ['-c', `gzip -dc < "${b}" > /dev/null`]);
  return performance.now() - t0;
}

function scanOnce(reference, checks = 'all') {
  const r = spawnSync(
    process.execPath,
    [join(root, 'bench', 'scan-child.mjs'), reference, join(root, 'examples', 'osv'), checks],
    {
      encoding: 'utf8',
      cwd: root,
    },
  );
  if (r.status !== 0) throw new Error(`scan of ${reference} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

const blobs = layerBlobs(fx.oci);
const sources = [
  ['docker-archive', `docker-archive:${fx.archive}`],
  ['oci', `oci:${fx.oci}:latest`],
];
const rows = [];
for (const [name, ref] of sources) {
  const gz = [];
  const scans = [];
  for (let i = 0; i < runs; i++) {
    gz.push(gunzipMs(blobs));
    scans.push(scanOnce(ref));
  }
  const g = median(gz);
  const s = median(scans.map((x) => x.ms));
  rows.push({
    source: name,
    gunzipMs: Math.round(g),
    scanMs: Math.round(s),
    ratio: Number((s / g).toFixed(2)),
    maxRssMiB: Math.round(Math.max(...scans.map((x) => x.maxRssMiB))),
    packages: scans[0].packages,
  });
}

console.log('image: debian 12 minbase (debootstrap), one layer; runs per source:', runs);
console.log('source           gunzip ms   scan ms   scan/gunzip   peak RSS MiB   packages');
for (const r of rows)
  console.log(
    `${r.source.padEnd(16)} ${String(r.gunzipMs).padStart(9)} ${String(r.scanMs).padStart(9)} ${String(r.ratio).padStart(13)} ${String(r.maxRssMiB).padStart(14)} ${String(r.packages).padStart(10)}`,
  );

/** Scan time and peak RSS with and without the content (secret) checks, runs alternating. */
function secretScanCost(reference) {
  const without = [];
  const withContent = [];
  for (let i = 0; i < Math.max(runs, 5); i++) {
    without.push(scanOnce(reference, 'no-content'));
    withContent.push(scanOnce(reference, 'all'));
  }
  const off = median(without.map((x) => x.ms));
  const on = median(withContent.map((x) => x.ms));
  return {
    reference: reference.replace(root, '.'),
    runs: without.length,
    withoutMs: Math.round(off),
    withMs: Math.round(on),
    ratio: Number((on / off).toFixed(2)),
    withoutMaxRssMiB: Math.round(Math.max(...without.map((x) => x.maxRssMiB))),
    withMaxRssMiB: Math.round(Math.max(...withContent.map((x) => x.maxRssMiB))),
    read: withContent[0].secretScan,
  };
}

const secretScan = secretScanCost(`docker-archive:${fx.archive}`);
console.log('');
console.log(
  `secret scanning, same image (docker-archive), median of ${secretScan.runs} alternating runs each:`,
);
console.log('checks                       scan ms   peak RSS MiB');
console.log(
  `without content checks ${String(secretScan.withoutMs).padStart(12)} ${String(secretScan.withoutMaxRssMiB).padStart(14)}`,
);
console.log(
  `with content checks    ${String(secretScan.withMs).padStart(12)} ${String(secretScan.withMaxRssMiB).padStart(14)}`,
);
console.log(`with/without: ${secretScan.ratio} (must stay under 2); ${secretScan.read}`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'latest.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, rows, secretScan }, null, 2)}\n`,
);
