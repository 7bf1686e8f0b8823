#!/usr/bin/env node
// Vulnerability-DB benchmark (issue 5): import the largest OSV archive in ../shared/testdata
// into the on-disk index, then match 10,000 packages against it. Reports records/s,
// matches/s (packages matched per second), the index size and each phase's peak RSS, measured
// in a child process per phase so one phase's heap does not count for the other. Numbers are
// for this machine and this run; they are printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const core = join(root, 'packages', 'core', 'build');
const osvDir = join(root, '..', 'shared', 'testdata', 'osv');
const PACKAGES = Number(process.env.BENCH_PACKAGES ?? 10_000);

function largestArchive() {
  return readdirSync(osvDir)
    .map((name) => ({ name, path: join(osvDir, name, 'all.zip') }))
    .filter((a) => statSync(a.path, { throwIfNoEntry: false })?.isFile())
    .sort((a, b) => statSync(b.path).size - statSync(a.path).size)[0];
}

async function phaseImport(dir, archive) {
  const { updateDb } = await import(join(core, 'vulndb', 'update.js'));
  const t0 = performance.now();
  const r = await updateDb({
    dir,
    ecosystems: [archive.name],
    source: archive.path,
    offline: true,
    kev: false,
    epss: false,
  });
  const ms = performance.now() - t0;
  return { records: r.imported[0].records, ms };
}

/** 10,000 packages named like the archive's own: half at a version below every fix, half above. */
async function packagesFor(db, meta) {
  const { readFile } = await import('node:fs/promises');
  const archive = Object.values(meta.archives)[0];
  const index = JSON.parse(await readFile(join(db.location, 'osv', archive.dir, 'index.json'), 'utf8'));
  const keys = Object.keys(index.keys);
  const layer = { index: 0, digest: 'sha256:bench', diffId: 'sha256:bench' };
  return Array.from({ length: PACKAGES }, (_, i) => {
    const [ecosystem, name] = keys[i % keys.length].split('\0');
    const version = i % 2 ? '0:0.0.1-1.el8' : '99:99.0-1.el9';
    return {
      id: `p${i}`,
      name,
      version,
      type: 'rpm',
      ecosystem,
      purl: `pkg:rpm/${name}`,
      licenses: [],
      locations: [`p${i}`],
      layer,
      foundBy: 'bench',
    };
  });
}

async function phaseMatch(dir) {
  const { openCachedDb } = await import(join(core, 'vulndb', 'open-cached.js'));
  const { matchPackages } = await import(join(core, 'match', 'matcher.js'));
  const { silentLogger } = await import(join(core, 'logger.js'));
  const t = performance.now();
  const { db, meta } = await openCachedDb(dir);
  const packages = await packagesFor(db, meta);
  await db.lookup(packages[0].ecosystem, packages[0].name);
  const firstLookupMs = performance.now() - t;
  const t0 = performance.now();
  const r = await matchPackages(packages, [], db, silentLogger);
  const ms = performance.now() - t0;
  await db.close();
  return {
    packages: packages.length,
    findings: r.findings.length,
    issues: r.issues.length,
    ms,
    firstLookupMs,
  };
}

async function child(phase, dir, archive) {
  const out = phase === 'import' ? await phaseImport(dir, archive) : await phaseMatch(dir);
  process.stdout.write(JSON.stringify({ ...out, maxRssMiB: process.resourceUsage().maxRSS / 1024 }));
}

function run(phase, dir) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--phase', phase, dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`${phase} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function du(dir) {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true }))
    n += e.isDirectory() ? du(join(dir, e.name)) : statSync(join(dir, e.name)).size;
  return n;
}

async function main() {
  const archive = largestArchive();
  if (process.argv[2] === '--phase') return child(process.argv[3], process.argv[4], archive);
  const dir = mkdtempSync(join(tmpdir(), 'tidegate-bench-db-'));
  try {
    const imp = run('import', dir);
    const match = run('match', dir);
    const row = {
      archive: `${archive.name}/all.zip`,
      archiveMiB: +(statSync(archive.path).size / 2 ** 20).toFixed(1),
      records: imp.records,
      importMs: Math.round(imp.ms),
      recordsPerSec: Math.round(imp.records / (imp.ms / 1000)),
      importPeakRssMiB: Math.round(imp.maxRssMiB),
      indexMiB: +(du(dir) / 2 ** 20).toFixed(1),
      packages: match.packages,
      findings: match.findings,
      openAndFirstLookupMs: Math.round(match.firstLookupMs),
      matchMs: Math.round(match.ms),
      matchesPerSec: Math.round(match.packages / (match.ms / 1000)),
      matchPeakRssMiB: Math.round(match.maxRssMiB),
    };
    console.log(`vulnerability DB: ${row.archive} (${row.archiveMiB} MiB, ${row.records} records)`);
    console.log(
      `  import: ${row.importMs} ms, ${row.recordsPerSec} records/s, peak RSS ${row.importPeakRssMiB} MiB, index on disk ${row.indexMiB} MiB`,
    );
    console.log(`  open + first lookup (index parse): ${row.openAndFirstLookupMs} ms`);
    console.log(
      `  match:  ${row.packages} packages in ${row.matchMs} ms, ${row.matchesPerSec} packages/s, ${row.findings} findings, peak RSS ${row.matchPeakRssMiB} MiB`,
    );
    mkdirSync(join(root, 'bench', 'results'), { recursive: true });
    writeFileSync(
      join(root, 'bench', 'results', 'db.json'),
      `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...row }, null, 2)}\n`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
