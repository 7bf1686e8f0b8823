#!/usr/bin/env node
// Scan-speed benchmark: for each image source, our scan time divided by the time plain
// `gzip -dc` needs for the same layers, both measured in this run on this machine (ratios,
// never absolute timings). Peak RSS of the scanning process is reported beside it.
// Sources: docker-archive, OCI layout, a loopback docker-registry (pushed with skopeo) and the
// Docker Engine API of a podman service (image loaded with podman load).
// Targets (issue #3): at most 1.3x gunzip and at most 150 MB RSS.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startPodmanService } from '../test/build/helpers/daemon.js';
import { pushImage, startRegistry } from '../test/build/helpers/registry.js';
import { prepareBenchImage } from './image.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const runs = Number(process.env.BENCH_RUNS ?? 3);
const img = prepareBenchImage();

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

/** Wall-clock and CPU (user + system, from bash's `time`) milliseconds of `gzip -dc` over the layers. */
function gunzip(blobs) {
  const script = `TIMEFORMAT='%3U %3S'; time (for b in "$@"; do gzip -dc < "$b" > /dev/null; done)`;
  const t0 = performance.now();
  const r = spawnSync('bash', ['-c', script, 'gunzip', ...blobs], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`gzip -dc failed: ${r.stderr}`);
  const [user, sys] = r.stderr.trim().split(/\s+/).slice(-2).map(Number);
  return { ms, cpuMs: (user + sys) * 1000 };
}

function scanOnce(reference, options) {
  const args = [join(root, 'bench', 'scan-child.mjs'), reference, img.osv, JSON.stringify(options)];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: root });
  if (r.status !== 0) throw new Error(`scan of ${reference} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function measure(name, ref, options, blobs) {
  const gz = [];
  const scans = [];
  for (let i = 0; i < runs; i++) {
    gz.push(gunzip(blobs));
    scans.push(scanOnce(ref, options));
  }
  const g = median(gz.map((x) => x.ms));
  const s = median(scans.map((x) => x.ms));
  const gCpu = median(gz.map((x) => x.cpuMs));
  const sCpu = median(scans.map((x) => x.cpuMs));
  return {
    source: name,
    gunzipMs: Math.round(g),
    scanMs: Math.round(s),
    ratio: Number((s / g).toFixed(2)),
    gunzipCpuMs: Math.round(gCpu),
    scanCpuMs: Math.round(sCpu),
    cpuRatio: Number((sCpu / gCpu).toFixed(2)),
    maxRssMiB: Math.round(Math.max(...scans.map((x) => x.maxRssMiB))),
    packages: scans[0].packages,
  };
}

const blobs = layerBlobs(img.oci);
const registry = await startRegistry('none');
const daemon = await startPodmanService();
const rows = [];
try {
  await pushImage(`oci:${img.oci}:latest`, registry, 'bench/app:1');
  await daemon.load(img.archive);
  const sources = [
    ['docker-archive', `docker-archive:${img.archive}`, {}],
    ['oci', `oci:${img.oci}:latest`, {}],
    ['registry', `registry:${registry.host}/bench/app:1`, { registry: { insecure: ['127.0.0.1'] } }],
    [
      'podman socket',
      'docker-daemon:bench/app:1',
      { env: { ...process.env, DOCKER_HOST: daemon.dockerHost } },
    ],
  ];
  for (const [name, ref, options] of sources) rows.push(measure(name, ref, options, blobs));
  // the per-layer cache: one cold scan fills a private cache dir, the measured ones hit it
  const cacheDir = mkdtempSync(join(tmpdir(), 'tidegate-bench-cache-'));
  try {
    const warm = { cache: true, cacheDir };
    scanOnce(`oci:${img.oci}:latest`, warm);
    rows.push(measure('oci, warm cache', `oci:${img.oci}:latest`, warm, blobs));
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
} finally {
  await daemon.stop();
  await registry.stop();
}

console.log(`image: debian 12 minbase + npm app layer (express, webpack, jest); runs per source: ${runs}`);
console.log(
  `load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} on ${availableParallelism()} cores`,
);
const cols = [
  'source',
  'gunzip ms',
  'scan ms',
  'wall ratio',
  'gunzip cpu',
  'scan cpu',
  'cpu ratio',
  'peak RSS MiB',
  'packages',
];
console.log(cols.map((c, i) => (i ? c.padStart(14) : c.padEnd(16))).join(''));
for (const r of rows) {
  const cells = [
    r.gunzipMs,
    r.scanMs,
    r.ratio,
    r.gunzipCpuMs,
    r.scanCpuMs,
    r.cpuRatio,
    r.maxRssMiB,
    r.packages,
  ];
  console.log(r.source.padEnd(16) + cells.map((c) => String(c).padStart(14)).join(''));
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const result = {
  date: new Date().toISOString(),
  node: process.version,
  runs,
  loadAverage: loadavg(),
  targets: { ratio: 1.3, maxRssMiB: 150 },
  rows,
};
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
