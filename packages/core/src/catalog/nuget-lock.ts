import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput, PackageDraft } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { isObj, nugetDraft } from './nuget.js';

/**
 * `packages.lock.json` (NuGet lock file, learn.microsoft.com "Enable repeatable package
 * restores"): `dependencies` per target framework, each package with `type` Direct,
 * Transitive or CentralTransitive and a `resolved` version; `Project` entries are project
 * references (the solution's own code). A package locked for several frameworks is reported once.
 */
function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('nuget-lock', path, bytes.length, LIMITS.lockfile);
  if (big) return { packages: [], issues: [big] };
  let doc: unknown;
  try {
    const text = utf8Text(bytes);
    if (text === undefined) throw new Error('not UTF-8 text');
    doc = JSON.parse(text);
    if (!isObj(doc) || !isObj(doc.dependencies)) throw new Error('no dependencies object');
  } catch (err) {
    return {
      packages: [],
      issues: [
        fileIssue(
          'nuget-lock',
          path,
          messages.catalogUnparsable('packages.lock.json', (err as Error).message),
        ),
      ],
    };
  }
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
