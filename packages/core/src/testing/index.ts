/**
 * Helpers for tests, and the only place test support lives (docs/adr/0012-layer-visitors.md):
 * exported as `@tidegate/core/testing` for the other workspaces' tests, left out of the published
 * package (`files`), never imported by library code (`architecture.test.ts` checks both).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the nearest ancestor holding `turbo.json`. */
export function repoRoot(): string {
  if (process.env.TIDEGATE_REPO_ROOT) return process.env.TIDEGATE_REPO_ROOT;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'turbo.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('repository root not found');
    dir = up;
  }
  return dir;
}

/** `../shared` next to the repository (CI has it at the same place). */
export function sharedDir(...parts: string[]): string {
  return resolve(repoRoot(), '..', 'shared', ...parts);
}

/** A path under `../shared/testdata`. */
export function testdata(...parts: string[]): string {
  return sharedDir('testdata', ...parts);
}

/** A path under `../shared/schemas`. */
export function schemaPath(...parts: string[]): string {
  return sharedDir('schemas', ...parts);
}

/** A path in this package's source tree (fixtures live next to the tests, under `src/`). */
export function coreSrc(...parts: string[]): string {
  return join(repoRoot(), 'packages', 'core', 'src', ...parts);
}
export * from './images.js';
export * from './schemas.js';
export * from './secrets.js';
export * from './check-inputs.js';
