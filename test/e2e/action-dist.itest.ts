import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isBuiltin } from 'node:module';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { actionDir } from '../helpers/action.js';

// STYLE rule 33: the committed bundle is what GitHub runs, so it must be exactly what the
// sources build to, one file, with no dependency outside Node itself.

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}

/** The Action's build (build.mjs), in memory. */
async function build(): Promise<{ files: Record<string, string>; metafile: Metafile }> {
  const { bundle } = (await import(pathToFileURL(actionDir('build.mjs')).href)) as {
    bundle(): Promise<{ files: Record<string, string>; metafile: Metafile }>;
  };
  return bundle();
}

test('dist: rebuilding gives the files on disk byte for byte (a deterministic build)', async () => {
  const { files } = await build();
  // only what GitHub runs: no source map, no metafile (issue 14)
  assert.deepEqual(Object.keys(files).sort(), ['dist/index.js', 'dist/licenses.txt']);
  for (const [rel, text] of Object.entries(files))
    assert.ok((await readFile(actionDir(rel), 'utf8')) === text, `${rel} differs from a fresh build`);
});

test('dist: the committed bundle is the one the sources build (npm run build leaves git clean)', (t) => {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repoRoot(), encoding: 'utf8' });
  if (git('rev-parse', '--git-dir').status !== 0) return t.skip('not a git checkout');
  // `npm test` rebuilt dist/ before the tests ran; any difference from git's copy means the
  // committed bundle is stale. Uncommitted work counts once it is staged (git add).
  const r = git('status', '--porcelain', '--', 'packages/github-action/dist');
  const unstaged = r.stdout.split('\n').filter((l) => l && l[1] !== ' ');
  assert.deepEqual(unstaged, [], 'dist/ is stale: run npm run build and commit packages/github-action/dist');
});

test('dist: one file that imports nothing but Node built-ins, and no native addon', async () => {
  const meta = (await build()).metafile;
  const external = meta.outputs['dist/index.js']!.imports.filter((i) => i.external).map((i) => i.path);
  assert.deepEqual(
    external.filter((p) => !isBuiltin(p)),
    [],
  );
  assert.deepEqual(
    Object.keys(meta.inputs).filter((p) => p.endsWith('.node')),
    [],
  );
  assert.deepEqual(Object.keys(meta.outputs).sort(), ['dist/index.js']);
  const licences = await readFile(actionDir('dist', 'licenses.txt'), 'utf8');
  for (const pkg of ['@actions/core', 'tar-stream', 'yauzl'])
    assert.match(licences, new RegExp(`^${pkg}@\\d`, 'm'), `${pkg} is listed in licenses.txt`);
});
