import type { FsView } from '../../image/fs-view.js';
import type { CatalogOutput } from '../cataloger.js';
import { manifestDeps, reachable } from '../dev-walk.js';
import { catalogLockFiles, dirOf, joinPath, type ViewFile } from '../input.js';
import { lockDrafts, outsideNodeModules, type LockEntry } from '../node-project.js';
import { parseBerry } from './parse-berry.js';
import { parseClassic, type YarnEntry } from './parse-classic.js';

/** `yarn.lock` outside `node_modules` (see `node-project.ts`, rule 4). */
export function isYarnLock(path: string): boolean {
  return (path === 'yarn.lock' || path.endsWith('/yarn.lock')) && outsideNodeModules(path);
}

/** A project manifest beside a lockfile: `package.json` outside `node_modules`. */
export function isProjectManifest(path: string): boolean {
  return (path === 'package.json' || path.endsWith('/package.json')) && outsideNodeModules(path);
}

/** Berry when it has `__metadata`; classic otherwise (yarn's own detection in `Project.setupResolutions`). */
export function parseYarnLock(text: string): YarnEntry[] {
  return /^__metadata:/m.test(text) ? parseBerry(text) : parseClassic(text);
}

/**
 * Entries classed by the project's package.json beside the lockfile: reachable from its runtime
 * dependencies = production. Without a package.json (or with workspaces) nothing is dev.
 */
async function classify(view: FsView, file: ViewFile, entries: YarnEntry[]): Promise<LockEntry[]> {
  const raw = await view.read(joinPath(dirOf(file.path), 'package.json'));
  let deps: ReturnType<typeof manifestDeps>;
  try {
    deps = raw ? manifestDeps(JSON.parse(raw.toString('utf8'))) : undefined;
  } catch {
    deps = undefined;
  }
  const nodes = entries.filter((e) => !e.local).map((e) => ({ e, keys: e.specs, edges: e.deps }));
  const rootSpecs = (pairs: [string, string][]) => pairs.flatMap(([n, r]) => [`${n}@${r}`, `${n}@npm:${r}`]);
  const prod = deps ? reachable(nodes, rootSpecs(deps.prod)) : undefined;
  const directNames = deps ? new Set([...deps.prod, ...deps.dev].map(([n]) => n)) : undefined;
  return nodes.map(({ e }, i) => ({
    name: e.name,
    version: e.version,
    dev: prod ? !prod.has(nodes[i]!) : false,
    ...(directNames
      ? { relationship: e.specs.some((s) => directSpec(s, deps!)) ? 'direct' : 'indirect' }
      : {}),
  })) as LockEntry[];
}

function directSpec(spec: string, deps: NonNullable<ReturnType<typeof manifestDeps>>): boolean {
  return [...deps.prod, ...deps.dev].some(([n, r]) => spec === `${n}@${r}` || spec === `${n}@npm:${r}`);
}

/** Catalogs every yarn.lock of the view (see `node-project.ts` for what is reported). */
export function catalogYarn(by: string, includeDev: boolean) {
  return async (view: FsView): Promise<CatalogOutput> => {
    return catalogLockFiles(view, by, 'yarn.lock', isYarnLock, async (f, text) =>
      lockDrafts(view, f, await classify(view, f, parseYarnLock(text)), includeDev),
    );
  };
}
