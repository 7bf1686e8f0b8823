import type { FsView } from '../image/fs-view.js';
import type { Package } from '../types/model.js';
import type { PackageDraft } from './cataloger.js';
import type { ViewFile } from './input.js';
import { dirOf, joinPath } from './input.js';
import { spdxLicenses } from './license.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/**
 * Lockfiles in images and the installed tree beside them (the rule every npm-family lockfile
 * cataloger applies; docs/adr/0006-lockfiles-and-installed-trees.md):
 *
 * 1. Installed manifests win. `node_modules/**\/package.json` is what is on disk and runs; the
 *    `npm` cataloger reports it, with the version and licence really installed.
 * 2. A lockfile entry is reported only where no installed manifest exists for it in that
 *    project directory D (the lockfile's directory):
 *    - package-lock.json / npm-shrinkwrap.json record each entry's install path (v2/v3
 *      `packages` keys; v1 nesting of `dependencies`), so the check is exact, per entry:
 *      `D/<install path>/package.json` exists in the merged view → the entry is skipped.
 *    - yarn.lock and pnpm-lock.yaml do not record install paths, so when `D/node_modules`
 *      holds any installed manifest the whole lockfile defers to it (the lockfile cannot say
 *      which of its entries a partial tree lacks: platform-specific optionals, pruned dev deps).
 * 3. Development-only entries are not reported unless `includeDevDependencies` is set: an image
 *    built from a lockfile without `node_modules` (a bundled app) ships only production code.
 * 4. Lockfiles under `node_modules/` are never read: they are a dependency's own development
 *    lockfile (yarn.lock and pnpm-lock.yaml get published), not what the image installed.
 */
export interface LockEntry {
  name: string;
  version: string;
  dev: boolean;
  /** Install path relative to the project directory (`node_modules/a/node_modules/b`), when known. */
  installPath?: string;
  licenses?: string[];
  relationship?: Package['relationship'];
}

/** True for a path that is not inside any `node_modules` directory. */
export function outsideNodeModules(path: string): boolean {
  return !path.startsWith('node_modules/') && !path.includes('/node_modules/');
}

/** True when `dir/node_modules` holds at least one installed package manifest (plain, scoped or pnpm's store). */
export function hasInstalledTree(view: FsView, dir: string): boolean {
  const nm = joinPath(dir, 'node_modules');
  for (const child of view.list(nm)) {
    if (child === '.pnpm' || view.entry(`${nm}/${child}/package.json`)) return true;
    if (
      child.startsWith('@') &&
      view.list(`${nm}/${child}`).some((c) => view.entry(`${nm}/${child}/${c}/package.json`))
    ) {
      return true;
    }
  }
  return false;
}

/**
 * Drafts for the entries of one lockfile `file` that survive the rule above. Identical
 * name@version pairs (the same package installed at several paths) are reported once.
 */
export function lockDrafts(
  view: FsView,
  file: ViewFile,
  entries: readonly LockEntry[],
  includeDev: boolean,
): PackageDraft[] {
  const dir = dirOf(file.path);
  const deferAll = entries.some((e) => e.installPath === undefined) && hasInstalledTree(view, dir);
  const seen = new Set<string>();
  const out: PackageDraft[] = [];
  for (const e of entries) {
    if ((e.dev && !includeDev) || !e.name || !e.version) continue;
    if (e.installPath !== undefined ? view.entry(joinPath(dir, `${e.installPath}/package.json`)) : deferAll)
      continue;
    const key = `${e.name}@${e.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({
      name: e.name,
      version: e.version,
      type: 'npm',
      ecosystem: languageEcosystem('npm'),
      purl: languagePurl('npm', e.name, e.version),
      licenses: spdxLicenses(e.licenses ?? []),
      locations: [file.path],
      layer: file.layer,
      ...(e.relationship ? { relationship: e.relationship } : {}),
    });
  }
  return out;
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`: the package name an install path ends in. */
export function nameFromInstallPath(path: string): string {
  const i = path.lastIndexOf('node_modules/');
  return i < 0 ? '' : path.slice(i + 'node_modules/'.length);
}
