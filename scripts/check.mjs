#!/usr/bin/env node
// Static checks the test command runs after the build: lint, format, generated-docs freshness.
// (Type checking happens in the build: `tsc -b` fails on any type error.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const steps = [
  ['lint', bin('eslint'), ['--max-warnings=0', '.']],
  ['format', bin('prettier'), ['--check', '--log-level=warn', '.']],
];
if (existsSync(join(root, 'scripts', 'gen-docs.mjs')))
  steps.push(['docs', process.execPath, [join(root, 'scripts', 'gen-docs.mjs'), '--check']]);

let failed = false;
for (const [name, cmd, args] of steps) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`check: ${name} failed`);
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
