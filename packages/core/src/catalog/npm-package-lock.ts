import { messages } from '../errors.js';
import type { CatalogOutput, ViewCataloger } from './cataloger.js';
import { emptyOutput } from './cataloger.js';
import { baseNameOf, fileIssue, LIMITS, utf8Text, viewFiles, type ViewFile } from './input.js';
import { lockDrafts, nameFromInstallPath, outsideNodeModules, type LockEntry } from './node-project.js';
import { withDevVariant } from './options.js';
import type { FsView } from '../image/fs-view.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** `package-lock.json` and `npm-shrinkwrap.json` (same format), outside `node_modules`. */
export function isPackageLock(path: string): boolean {
  const base = baseNameOf(path);
  return (base === 'package-lock.json' || base === 'npm-shrinkwrap.json') && outsideNodeModules(path);
}

/**
 * lockfileVersion 2 and 3 (docs.npmjs.com/cli/configuring-npm/package-lock-json): `packages`
 * maps install paths to entries; `""` is the project itself. `link: true` entries point at
 * workspace folders (the target is listed under its own key); keys without `node_modules/`
 * are workspace packages, the project's own code, so neither is a dependency.
 */
export function packagesEntries(packages: Json): LockEntry[] {
  const root = isObj(packages['']) ? packages[''] : {};
  const direct = new Set<string>();
  for (const k of ['dependencies', 'optionalDependencies', 'devDependencies', 'peerDependencies']) {
    if (isObj(root[k])) for (const n of Object.keys(root[k])) direct.add(n);
  }
  const out: LockEntry[] = [];
  for (const [key, v] of Object.entries(packages)) {
    if (!isObj(v) || v.link === true || !key.includes('node_modules/')) continue;
    const installed = nameFromInstallPath(key);
    const name = str(v.name) ?? installed;
    const license = str(v.license);
    out.push({
      name,
      version: str(v.version) ?? '',
      dev: v.dev === true,
      installPath: key,
      ...(license ? { licenses: [license] } : {}),
      relationship: key === `node_modules/${installed}` && direct.has(installed) ? 'direct' : 'indirect',
    });
  }
  return out;
}

/**
 * lockfileVersion 1: `dependencies` nested as installed (`a.dependencies.b` is
 * `node_modules/a/node_modules/b`). Aliases (`npm:real@1.0.0`) report the real package;
 * `bundled` entries ship inside their parent's tarball and are installed all the same.
 */
export function dependencyEntries(deps: Json, parent = ''): LockEntry[] {
  const out: LockEntry[] = [];
  for (const [key, v] of Object.entries(deps)) {
    if (!isObj(v)) continue;
    const path = `${parent}node_modules/${key}`;
    let [name, version] = [key, str(v.version) ?? ''];
    const alias = /^npm:((?:@[^/@]+\/)?[^@]+)@(.+)$/.exec(version);
    if (alias) [name, version] = [alias[1]!, alias[2]!];
    out.push({ name, version, dev: v.dev === true, installPath: path });
    if (isObj(v.dependencies)) out.push(...dependencyEntries(v.dependencies, `${path}/`));
  }
  return out;
}

/** Versions that are not registry versions (git, file, tarball URLs) are kept as written. */
function parseLock(
  file: ViewFile,
  by: string,
): { entries: LockEntry[]; issue?: ReturnType<typeof fileIssue> } {
  const text = utf8Text(file.bytes);
  const fail = (detail: string) => ({
    entries: [],
    issue: fileIssue(
      by,
      file.path,
      messages.catalogUnparsable('package-lock.json', detail),
      file.layer.digest,
    ),
  });
  if (text === undefined) return fail('not UTF-8 text');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return fail((err as Error).message);
  }
  if (!isObj(doc)) return fail('not a JSON object');
  if (isObj(doc.packages)) return { entries: packagesEntries(doc.packages) };
  if (isObj(doc.dependencies)) return { entries: dependencyEntries(doc.dependencies) };
  return { entries: [] };
}

function catalogLocks(by: string, includeDev: boolean) {
  return async (view: FsView): Promise<CatalogOutput> => {
    const out = emptyOutput();
    const { files, issues } = await viewFiles(view, isPackageLock, LIMITS.lockfile, by);
    out.issues.push(...issues);
    for (const f of files) {
      const { entries, issue } = parseLock(f, by);
      if (issue) out.issues.push(issue);
      out.packages.push(...lockDrafts(view, f, entries, includeDev));
    }
    return out;
  };
}

/** npm lockfiles (v1, v2, v3) shipped in images, deferring to installed manifests (see `node-project.ts`). */
export const npmPackageLock = withDevVariant<ViewCataloger>('npm-package-lock', (id, includeDev) => ({
  version: 1,
  kind: 'view',
  wants: (path, meta) => meta.size <= LIMITS.lockfile && isPackageLock(path),
  catalog: catalogLocks(id, includeDev),
}));
