import type { CatalogOutput, FileCataloger, FileInput, PackageDraft } from './cataloger.js';
import { LIMITS, readJsonFile } from './input.js';
import { isObj, nugetDraft } from './nuget.js';

/**
 * `packages.lock.json` (NuGet lock file, learn.microsoft.com "Enable repeatable package
 * restores"): `dependencies` per target framework, each package with `type` Direct,
 * Transitive or CentralTransitive and a `resolved` version; `Project` entries are project
 * references (the solution's own code). A package locked for several frameworks is reported once.
 */
function catalog(file: FileInput): CatalogOutput {
  const path = file.path;
  const read = readJsonFile('nuget-lock', file, LIMITS.lockfile, 'packages.lock.json', (d) => {
    if (!isObj(d) || !isObj(d.dependencies)) throw new Error('no dependencies object');
  });
  if ('issue' in read) return { packages: [], issues: [read.issue] };
  const doc = read.doc as { dependencies: Record<string, unknown> };
  const out = new Map<string, PackageDraft>();
  for (const fw of Object.values(doc.dependencies).filter(isObj)) {
    for (const [name, d] of Object.entries(fw)) {
      if (!isObj(d) || d.type === 'Project' || typeof d.resolved !== 'string') continue;
      const key = `${name.toLowerCase()}@${d.resolved}`;
      const rel = d.type === 'Direct' ? 'direct' : 'indirect';
      if (!out.has(key) || rel === 'direct') out.set(key, nugetDraft(path, name, d.resolved, rel));
    }
  }
  return { packages: [...out.values()], issues: [] };
}

/** NuGet lock files. */
export const nugetLockCataloger: FileCataloger = {
  id: 'nuget-lock',
  version: 1,
  kind: 'file',
  wants: (path) => path === 'packages.lock.json' || path.endsWith('/packages.lock.json'),
  catalog,
};
