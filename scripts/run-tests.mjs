#!/usr/bin/env node
// Lists the compiled test files and runs them with Node's own test runner (STYLE rule 27).
// Node 20 takes paths, not globs, so the files are listed here and passed explicitly.
//   node scripts/run-tests.mjs            unit (*.test.js) and integration (*.itest.js) tests
//   node scripts/run-tests.mjs --unit     unit tests only
//   node scripts/run-tests.mjs --itest    integration tests only
//   node scripts/run-tests.mjs FILTER...  only files whose path contains one of the filters
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const itestOnly = args.includes('--itest');
const filters = args.filter((a) => !a.startsWith('--'));

const buildDirs = [
  ...readdirSync(join(root, 'packages')).map((p) => join(root, 'packages', p, 'build')),
  join(root, 'test', 'build'),
];

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* walk(p);
    else yield p;
  }
}

const files = [];
for (const dir of buildDirs) {
  if (!existsSync(dir)) continue;
  for (const f of walk(dir)) {
    const unit = f.endsWith('.test.js');
    const itest = f.endsWith('.itest.js');
    if (!unit && !itest) continue;
    if ((unitOnly && !unit) || (itestOnly && !itest)) continue;
    if (filters.length && !filters.some((x) => f.includes(x))) continue;
    files.push(f);
  }
}
files.sort();
if (files.length === 0) {
  console.error('run-tests: no test files found (did the build run?)');
  process.exit(1);
}
if (files.some((f) => f.endsWith('.itest.js'))) {
  // slow fixtures (debootstrap) are built once per machine and shared by every test file
  const prep = spawnSync(process.execPath, [join(root, 'test', 'fixtures', 'prepare.mjs')], {
    stdio: 'inherit',
  });
  if (prep.status !== 0) {
    console.error('run-tests: preparing the shared fixtures failed');
    process.exit(1);
  }
}
console.error(`run-tests: ${files.length} files`);
const r = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', ...files.map((f) => relative(root, f))],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TIDEGATE_REPO_ROOT: root },
  },
);
process.exit(r.status ?? 1);
