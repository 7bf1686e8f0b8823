import type { FsView } from '../image/fs-view.js';
import type { PackageDraft, ViewCataloger } from './cataloger.js';
import { composerDraft, isObj } from './composer.js';
import { catalogLockFiles, dirOf, joinPath, LIMITS, type ViewFile } from './input.js';
import { withDevVariant } from './options.js';

/** composer.lock / composer.json of a project, not those of installed packages under `vendor/`. */
function projectFile(path: string, base: string): boolean {
  return (path === base || path.endsWith(`/${base}`)) && !/(^|\/)vendor\//.test(path);
}

/**
 * The packages of one composer.lock (getcomposer.org/doc/01-basic-usage.md#composer-lock-the-lock-file):
 * `packages` and, when configured, `packages-dev`. Direct = named in the sibling composer.json's
 * `require`/`require-dev`. As with npm (node-project.ts), installed metadata wins: when
 * `vendor/composer/installed.json` exists beside the lockfile, it lists exactly what is
 * installed and the lockfile is not reported.
 */
async function lockPackages(
  view: FsView,
  f: ViewFile,
  text: string,
  includeDev: boolean,
): Promise<PackageDraft[]> {
  const dir = dirOf(f.path);
  if (view.entry(joinPath(dir, 'vendor/composer/installed.json'))) return [];
  const doc: unknown = JSON.parse(text);
  if (!isObj(doc)) throw new Error('not a JSON object');
  const raw = await view.read(joinPath(dir, 'composer.json'));
  let manifest: unknown;
  try {
    manifest = raw ? JSON.parse(raw.toString('utf8')) : undefined;
  } catch {
    manifest = undefined;
  }
  const direct = new Set<string>();
  if (isObj(manifest))
    for (const k of ['require', 'require-dev'])
      if (isObj(manifest[k])) Object.keys(manifest[k]).forEach((n) => direct.add(n));
  const lists = [doc.packages, ...(includeDev ? [doc['packages-dev']] : [])].filter(Array.isArray).flat();
  return lists
    .map((p) => composerDraft(f.path, p))
    .filter((p): p is PackageDraft => p !== undefined)
    .map((p) => ({
      ...p,
      layer: f.layer,
      ...(isObj(manifest) ? { relationship: direct.has(p.name) ? 'direct' : 'indirect' } : {}),
    }));
}

/** composer.lock with its composer.json, deferring to vendor/composer/installed.json. */
export const composerLock = withDevVariant<ViewCataloger>('composer-lock', (id, includeDev) => ({
  version: 1,
  kind: 'view',
  wants: (path, meta) =>
    meta.size <= LIMITS.lockfile &&
    (projectFile(path, 'composer.lock') ||
      (meta.size <= LIMITS.manifest && projectFile(path, 'composer.json'))),
  catalog: (view) =>
    catalogLockFiles(
      view,
      id,
      'composer.lock',
      (p) => projectFile(p, 'composer.lock'),
      (f, text) => lockPackages(view, f, text, includeDev),
    ),
}));
