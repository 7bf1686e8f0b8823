import { parse } from 'yaml';
import type { FsView } from '../image/fs-view.js';
import type { CatalogOutput, ViewCataloger } from './cataloger.js';
import { reachable } from './dev-walk.js';
import { baseNameOf, catalogLockFiles, LIMITS } from './input.js';
import { lockDrafts, outsideNodeModules, type LockEntry } from './node-project.js';
import { withDevVariant } from './options.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `pnpm-lock.yaml` outside `node_modules` (see `node-project.ts`, rule 4). */
export function isPnpmLock(path: string): boolean {
  return baseNameOf(path) === 'pnpm-lock.yaml' && outsideNodeModules(path);
}

/**
 * A `packages` key → name and version, for every lockfileVersion pnpm has written
 * (github.com/pnpm/spec, lockfile/): 5.x `/@s/name/1.0.0_peer@2`, 6.x `/@s/name@1.0.0(peer@2)`,
 * 9.x `@s/name@1.0.0(peer@2)`. Peer suffixes are not part of the version.
 */
export function parsePnpmKey(key: string, major: number): { name: string; version: string } | undefined {
  let k = key.replace(/^\//, '').replace(/\(.*$/, '');
  if (major < 6) {
    k = k.replace(/_[^/]*$/, '');
    const i = k.lastIndexOf('/');
    return i > 0 ? { name: k.slice(0, i), version: k.slice(i + 1) } : undefined;
  }
  const i = k.lastIndexOf('@');
  return i > 0 ? { name: k.slice(0, i), version: k.slice(i + 1) } : undefined;
}

/** Direct dependencies of every importer (workspace project): name → the version written (`1.0.0`, `1.0.0(peer)`, `link:…`). */
function importerDeps(doc: Json): { prod: [string, string][]; all: Set<string> } {
  const importers = isObj(doc.importers) ? Object.values(doc.importers).filter(isObj) : [doc];
  const prod: [string, string][] = [];
  const all = new Set<string>();
  for (const imp of importers) {
    for (const k of ['dependencies', 'optionalDependencies', 'devDependencies']) {
      if (!isObj(imp[k])) continue;
      for (const [n, v] of Object.entries(imp[k])) {
        all.add(n);
        const version = isObj(v) ? String(v.version ?? '') : String(v);
        if (k !== 'devDependencies') prod.push([n, version]);
      }
    }
  }
  return { prod, all };
}

/** v9 keeps no `dev` flag: production = reachable from the importers' runtime deps through `snapshots`. */
function prodKeysV9(doc: Json): Set<string> {
  const snaps = isObj(doc.snapshots) ? doc.snapshots : {};
  const nodes = Object.entries(snaps).map(([key, v]) => {
    const deps = isObj(v)
      ? {
          ...(isObj(v.dependencies) ? v.dependencies : {}),
          ...(isObj(v.optionalDependencies) ? v.optionalDependencies : {}),
        }
      : {};
    return { key, keys: [key], edges: Object.entries(deps).map(([n, ver]) => `${n}@${String(ver)}`) };
  });
  const roots = importerDeps(doc).prod.map(([n, v]) => `${n}@${v}`);
  return new Set([...reachable(nodes, roots)].map((n) => n.key.replace(/\(.*$/, '')));
}

/** Lock entries of a parsed pnpm-lock.yaml. */
export function pnpmEntries(doc: Json): LockEntry[] {
  const major = Number.parseFloat(String(doc.lockfileVersion ?? '0'));
  const pkgs = isObj(doc.packages) ? doc.packages : {};
  const prodV9 = major >= 9 ? prodKeysV9(doc) : undefined;
  const direct = importerDeps(doc).all;
  const out: LockEntry[] = [];
  for (const [key, v] of Object.entries(pkgs)) {
    const parsed = parsePnpmKey(key, major);
    const meta = isObj(v) ? v : {};
    const name = typeof meta.name === 'string' ? meta.name : parsed?.name;
    const version = typeof meta.version === 'string' ? meta.version : parsed?.version;
    if (!name || !version) continue;
    const dev = prodV9 ? !prodV9.has(key.replace(/\(.*$/, '')) : meta.dev === true;
    out.push({ name, version, dev, relationship: direct.has(name) ? 'direct' : 'indirect' });
  }
  return out;
}

function catalogPnpm(by: string, includeDev: boolean) {
  return async (view: FsView): Promise<CatalogOutput> => {
    return catalogLockFiles(view, by, 'pnpm-lock.yaml', isPnpmLock, (f, text) => {
      const doc: unknown = parse(text, { maxAliasCount: 100 });
      if (!isObj(doc) || doc.lockfileVersion === undefined) throw new Error('no lockfileVersion');
      return lockDrafts(view, f, pnpmEntries(doc), includeDev);
    });
  };
}

/**
 * pnpm-lock.yaml (lockfileVersion 5.x, 6.x, 9.x). YAML is parsed with the `yaml` package:
 * pnpm writes full YAML (flow maps, quoting), which no ad-hoc reader handles safely.
 */
export const pnpmLock = withDevVariant<ViewCataloger>('pnpm-lock', (id, includeDev) => ({
  version: 1,
  kind: 'view',
  wants: (path, meta) => meta.size <= LIMITS.lockfile && isPnpmLock(path),
  catalog: catalogPnpm(id, includeDev),
}));
