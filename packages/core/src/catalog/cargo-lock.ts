import { parse } from 'smol-toml';
import type { FsView } from '../image/fs-view.js';
import type { PackageDraft, ViewCataloger } from './cataloger.js';
import { reachable } from './dev-walk.js';
import { catalogLockFiles, dirOf, joinPath, LIMITS, utf8Text, type ViewFile } from './input.js';
import { withDevVariant } from './options.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Cargo.lock / Cargo.toml of a project: not the copies under `.cargo/registry` or `vendor/` (dependencies' sources). */
export function isCargoProjectFile(path: string, base: 'Cargo.lock' | 'Cargo.toml'): boolean {
  return (path === base || path.endsWith(`/${base}`)) && !/(^|\/)(\.cargo|vendor|target)\//.test(path);
}

interface Node {
  name: string;
  version: string;
  local: boolean;
  keys: string[];
  edges: string[];
}

/**
 * Nodes of a Cargo.lock (doc.rust-lang.org/cargo/guide/cargo-toml-vs-cargo-lock; format v1-v4):
 * `[[package]]` with name, version, `source` (absent for the workspace's own crates) and
 * `dependencies` written `name`, `name version` or `name version (source)`.
 */
function lockNodes(doc: Json): Node[] {
  const list = Array.isArray(doc.package) ? doc.package.filter(isObj) : [];
  return list
    .filter((p) => typeof p.name === 'string' && typeof p.version === 'string')
    .map((p) => ({
      name: p.name as string,
      version: p.version as string,
      local: p.source === undefined,
      keys: [`${String(p.name)} ${String(p.version)}`, String(p.name)],
      edges: (Array.isArray(p.dependencies) ? p.dependencies : []).map((d) =>
        String(d).replace(/ \(.*\)$/, ''),
      ),
    }));
}

/** Names in Cargo.toml's dev-dependencies (top-level and per-target) that are not also normal or build dependencies. */
function devOnlyNames(manifest: Json): Set<string> {
  const tables = (k: string) => [
    manifest[k],
    ...Object.values(isObj(manifest.target) ? manifest.target : {}).map((t) => (isObj(t) ? t[k] : undefined)),
  ];
  const names = (k: string) => new Set(tables(k).flatMap((t) => (isObj(t) ? Object.keys(t) : [])));
  const prod = new Set([...names('dependencies'), ...names('build-dependencies')]);
  return new Set([...names('dev-dependencies')].filter((n) => !prod.has(n)));
}

async function lockPackages(view: FsView, f: ViewFile, includeDev: boolean): Promise<PackageDraft[]> {
  const nodes = lockNodes(parse(utf8Text(f.bytes) ?? '') as Json);
  const tomlBytes = await view.read(joinPath(dirOf(f.path), 'Cargo.toml'));
  let manifest: Json | undefined;
  try {
    manifest = tomlBytes ? (parse(tomlBytes.toString('utf8')) as Json) : undefined;
  } catch {
    manifest = undefined;
  }
  const rootName = manifest && isObj(manifest.package) ? String(manifest.package.name) : undefined;
  const roots = nodes.filter((n) => n.local && (rootName === undefined || n.name === rootName));
  const devOnly = manifest ? devOnlyNames(manifest) : new Set<string>();
  const directEdges = roots.flatMap((r) => r.edges.filter((e) => !devOnly.has(e.split(' ')[0]!)));
  const prod = reachable(nodes, directEdges);
  const byKey = new Map(nodes.flatMap((n) => n.keys.map((k) => [k, n] as const)));
  const direct = new Set(directEdges.map((e) => byKey.get(e)));
  return nodes
    .filter((n) => roots.includes(n) || includeDev || !manifest || prod.has(n))
    .map((n) => ({
      name: n.name,
      version: n.version,
      type: 'cargo' as const,
      ecosystem: languageEcosystem('cargo'),
      purl: languagePurl('cargo', n.name, n.version),
      licenses: [],
      locations: [f.path],
      layer: f.layer,
      relationship: roots.includes(n)
        ? ('root' as const)
        : direct.has(n)
          ? ('direct' as const)
          : ('indirect' as const),
    }));
}

/**
 * Cargo.lock, with the Cargo.toml beside it when there is one: crates reachable only through
 * `[dev-dependencies]` are development-only and left out by default; the workspace's own crate
 * is reported as `root` (it is what the image builds, and may itself be a published crate).
 */
export const cargoLock = withDevVariant<ViewCataloger>('cargo-lock', (id, includeDev) => ({
  version: 1,
  kind: 'view',
  wants: (path, meta) =>
    meta.size <= LIMITS.lockfile &&
    (isCargoProjectFile(path, 'Cargo.lock') ||
      (meta.size <= LIMITS.manifest && isCargoProjectFile(path, 'Cargo.toml'))),
  catalog: (view) =>
    catalogLockFiles(
      view,
      id,
      'Cargo.lock',
      (p) => isCargoProjectFile(p, 'Cargo.lock'),
      (f) => lockPackages(view, f, includeDev),
    ),
}));
