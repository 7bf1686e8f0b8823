#!/usr/bin/env node
// Language-cataloger speed on a real node_modules tree (issue #4 "Speed"): a few hundred npm
// packages installed once into .cache/bench/node-tree (npm registry, --ignore-scripts), packed
// as one uncompressed layer tar, then walked three ways in this process, median of BENCH_RUNS:
//   skip:    the walk alone, every file's content skipped (tar parsing, entry bookkeeping)
//   read:    every regular file's bytes read by a no-op layer visitor
//   catalog: every registered cataloger (file catalogers on the stream, view catalogers after)
// Reported as ratios measured in this run (never absolute timings, never asserted in tests).
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { catalogers, silentLogger } from '@tidegate/core';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const core = join(root, 'packages', 'core', 'build');
const { walkLayer } = await import(join(core, 'image', 'layer-walk.js'));
const { catalogVisitors, runViewCatalogers, survivingPackages } = await import(
  join(core, 'catalog', 'run.js')
);
const { FsView } = await import(join(core, 'image', 'fs-view.js'));

const runs = Number(process.env.BENCH_RUNS ?? 5);
const dir = join(root, '.cache', 'bench', 'node-tree');
const tar = join(root, '.cache', 'bench', 'node-tree.tar');
const DEPS = { eslint: '10.15.0', webpack: '5.113.0', express: '5.3.0', jest: '30.5.2' };

if (!existsSync(join(dir, 'node_modules'))) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'bench-tree', private: true, dependencies: DEPS }),
  );
  execFileSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: dir,
    stdio: 'inherit',
  });
}
if (!existsSync(tar)) execFileSync('tar', ['-cf', tar, '-C', dir, '--transform', 's,^\\.,app,', '.']);

const origin = { index: 0, digest: 'sha256:bench', diffId: 'sha256:bench' };
const ref = {
  digest: origin.digest,
  diffId: origin.diffId,
  mediaType: 'tar',
  verifiesDigest: true,
  open: async () => createReadStream(tar),
};
const limits = { maxLayerBytes: 1 << 30, maxFileBytes: 256 << 20 };
const readAll = {
  id: 'read-all',
  wants: () => true,
  visit: async ({ read }) => (await read(), {}),
};

async function once(visitors, withViews) {
  const t0 = performance.now();
  const result = await walkLayer(ref, origin, visitors, limits, silentLogger);
  let packages = result.packages.length;
  if (withViews) {
    const view = FsView.merge([result]);
    const out = await runViewCatalogers(view, catalogers, silentLogger);
    packages = out.packages.length + survivingPackages([result], view).length;
  }
  return { ms: performance.now() - t0, files: result.entries.size, packages };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const modes = {
  skip: () => once([], false),
  read: () => once([readAll], false),
  catalog: () => once(catalogVisitors(catalogers, silentLogger), true),
};
const results = {};
for (let i = 0; i < runs; i++)
  for (const [name, fn] of Object.entries(modes)) (results[name] ??= []).push(await fn());
const ms = Object.fromEntries(Object.entries(results).map(([k, v]) => [k, median(v.map((r) => r.ms))]));
const row = {
  entries: results.catalog[0].files,
  packages: results.catalog[0].packages,
  skipMs: Math.round(ms.skip),
  readMs: Math.round(ms.read),
  catalogMs: Math.round(ms.catalog),
  catalogOverRead: Number((ms.catalog / ms.read).toFixed(2)),
  catalogWorkOverRead: Number(((ms.catalog - ms.skip) / ms.read).toFixed(2)),
};
console.log(
  `node_modules tree (${Object.keys(DEPS).join(', ')}): ${row.entries} tar entries, ${row.packages} packages; runs: ${runs}`,
);
console.log('skip ms  read ms  catalog ms  catalog/read  (catalog-skip)/read');
console.log(
  `${String(row.skipMs).padStart(7)}  ${String(row.readMs).padStart(7)}  ${String(row.catalogMs).padStart(10)}  ${String(row.catalogOverRead).padStart(12)}  ${String(row.catalogWorkOverRead).padStart(19)}`,
);
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(
  join(root, 'bench', 'results', 'catalog-lang.json'),
  `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, row }, null, 2)}\n`,
);
