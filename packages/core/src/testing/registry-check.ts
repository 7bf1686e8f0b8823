import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { coreSrc } from './index.js';

/**
 * Asserts a registry lists plugins with unique ids, and that every plugin module in `folder`
 * (a `.ts` file, or a sub-folder's `index.ts`) is imported by the registry file (STYLE rule 4).
 */
export function checkRegistry(folder: string, ids: readonly string[], notPlugins: readonly string[]): void {
  assert.equal(new Set(ids).size, ids.length, `duplicate ids in ${folder}: ${ids.join(', ')}`);
  const dir = coreSrc(folder);
  const registry = readFileSync(join(dir, 'registry.ts'), 'utf8');
  const modules = readdirSync(dir)
    .filter(
      (f) => !f.endsWith('.test.ts') && !f.endsWith('.itest.ts') && f !== 'registry.ts' && f !== 'testdata',
    )
    .filter((f) => !notPlugins.includes(f))
    .map((f) =>
      statSync(join(dir, f)).isDirectory() ? `./${f}/index.js` : `./${f.replace(/\.ts$/, '.js')}`,
    );
  for (const m of modules) assert.ok(registry.includes(`'${m}'`), `${folder}/registry.ts does not list ${m}`);
}
