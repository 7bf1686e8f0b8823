// A fresh machine (issue 14): every program a test calls is installed by scripts/install-deps.sh,
// and a test can only skip for a missing one through requireTool, which fails instead in CI.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { requireTool } from '../helpers/tools.js';

test('fresh machine: with CI=true a missing program fails the test instead of skipping it', async () => {
  const saved = process.env.CI;
  const skips: string[] = [];
  const t = { skip: (m: string) => void skips.push(m) };
  try {
    process.env.CI = 'true';
    await assert.rejects(
      requireTool(t, 'tidegate-no-such-program', 'nothing', 'for this test'),
      /missing in CI/,
    );
    delete process.env.CI;
    assert.equal(await requireTool(t, 'tidegate-no-such-program', 'nothing', 'for this test'), false);
    assert.match(skips[0]!, /needs tidegate-no-such-program \(Debian package nothing/);
    assert.equal(await requireTool(t, 'sh', 'dash', 'for this test'), true);
  } finally {
    if (saved === undefined) delete process.env.CI;
    else process.env.CI = saved;
  }
});

test('fresh machine: no test skips for a missing program except through requireTool', () => {
  const dirs = [join(repoRoot(), 'test', 'e2e'), join(repoRoot(), 'test', 'helpers')];
  const bad: string[] = [];
  for (const dir of dirs)
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      for (const m of text.matchAll(/t\.skip\(([^)]*)\)/g))
        if (!/not a git checkout/.test(m[1]!) && !['tools.ts', 'fresh-machine.itest.ts'].includes(f))
          bad.push(`${f}: t.skip(${m[1]})`);
    }
  assert.deepEqual(bad, []);
});

test('fresh machine: install-deps.sh installs the programs the tests call', () => {
  const script = readFileSync(join(repoRoot(), 'scripts', 'install-deps.sh'), 'utf8');
  for (const pkg of [
    'sqlite3',
    'db5.3-util',
    'buildah',
    'shellcheck',
    'groovy',
    'libxml2-utils',
    'skopeo',
    'umoci',
    'curl',
  ])
    assert.match(script, new RegExp(`\\b${pkg.replace('.', '\\.')}\\b`), `${pkg} is installed`);
});
