import assert from 'node:assert/strict';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CliRun } from './cli.js';

/** Reusable assertions on a CLI run (STYLE rule 25). */
export function expectExit(r: CliRun, code: number): void {
  assert.equal(
    r.code,
    code,
    `exit code ${r.code}, wanted ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`,
  );
}

/** Exactly one line on stderr, starting `tidegate: error:`, matching `re`, and no stack trace. */
export function expectOneLineError(r: CliRun, re: RegExp): void {
  const lines = r.stderr.trimEnd().split('\n');
  const last = lines[lines.length - 1] ?? '';
  assert.match(last, /^tidegate: error: /, `stderr: ${r.stderr}`);
  assert.match(last, re);
  assert.ok(!/\n\s+at /.test(r.stderr), `stack trace printed:\n${r.stderr}`);
  assert.equal(lines.filter((l) => l.startsWith('tidegate: ')).length, 1);
}

/** Lists every file under `dir` (relative paths), for before/after comparisons. */
export async function listTree(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(d: string, prefix: string): Promise<void> {
    for (const e of await readdir(d, { withFileTypes: true }).catch(() => [])) {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(d, e.name), rel);
      else out.push(rel);
    }
  }
  await walk(dir, '');
  return out.sort();
}

/** Asserts that `dir` holds exactly the files it held before plus `allowed` (nothing written outside the work dir). */
export async function expectNoWritesOutside(
  dir: string,
  before: string[],
  allowed: string[] = [],
): Promise<void> {
  const after = await listTree(dir);
  const extra = after.filter((f) => !before.includes(f) && !allowed.includes(f));
  assert.deepEqual(extra, [], `unexpected files written under ${dir}`);
  await stat(dir);
}
