// The bundle sizes the READMEs state are measured, not guessed (issue 14): each "about N KiB"
// must be within 15% of the file the build writes, so a README that drifts fails here.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';

const cases = [
  { readme: 'packages/github-action/README.md', bundle: 'packages/github-action/dist/index.js' },
  { readme: 'packages/cli/README.md', bundle: 'packages/cli/dist/tidegate.mjs' },
  { readme: 'README.md', bundle: 'packages/cli/dist/tidegate.mjs' },
];

for (const c of cases)
  test(`bundle size: ${c.readme} states the size of ${c.bundle} as built`, () => {
    const text = readFileSync(join(repoRoot(), c.readme), 'utf8');
    const stated = Number(/about (\d+) KiB/.exec(text)?.[1]);
    assert.ok(stated > 0, `${c.readme} states no "about N KiB"`);
    const kib = statSync(join(repoRoot(), c.bundle)).size / 1024;
    assert.ok(
      Math.abs(kib - stated) / kib < 0.15,
      `${c.readme} says about ${stated} KiB; ${c.bundle} is ${kib.toFixed(0)} KiB`,
    );
  });
