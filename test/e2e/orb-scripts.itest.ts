// Runs the orb's bats tests (orbs/tidegate/src/tests, Debian's bats) and shellcheck (Debian's) on
// every orb script, so `npm test` covers the scripts the way CircleCI runs them (STYLE rule 26).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { orbSrc } from '../helpers/orb.js';

function run(cmd: string, args: string[]): { code: number; out: string } {
  const r = spawnSync(cmd, args, {
    cwd: repoRoot(),
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: 600_000,
  });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

test('orb scripts: shellcheck finds nothing in the scripts, the bats tests and their helpers', () => {
  const files = [
    ...readdirSync(orbSrc('scripts')).map((f) => orbSrc('scripts', f)),
    ...readdirSync(orbSrc('tests'))
      .filter((f) => /\.(bats|bash)$/.test(f))
      .map((f) => orbSrc('tests', f)),
    orbSrc('tests', 'bin', 'circleci'),
  ];
  const r = run('shellcheck', ['-x', ...files]);
  assert.equal(r.code, 0, r.out);
});

test('orb scripts: every bats test passes (install, scan, gate, junit, comment, db-cache, registry)', () => {
  const r = run('bats', ['--tap', orbSrc('tests')]);
  const plan = /^1\.\.(\d+)$/m.exec(r.out);
  const failed = r.out.split('\n').filter((l) => l.startsWith('not ok'));
  assert.equal(r.code, 0, r.out);
  assert.ok(plan && Number(plan[1]) >= 30, `expected the full bats suite, got:\n${r.out}`);
  assert.deepEqual(failed, []);
  const skipped = r.out.split('\n').filter((l) => / # skip/.test(l));
  console.log(`bats: all ${Number(plan[1])} tests ran, ${skipped.length} of them skipped`);
  for (const s of skipped) console.log(`  ${s}`);
});
