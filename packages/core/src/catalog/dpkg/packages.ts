import { PackageURL } from 'packageurl-js';
import type { FsView } from '../../image/fs-view.js';
import type { CatalogIssue, Distro, LayerOrigin } from '../../types/model.js';
import type { CatalogOutput, PackageDraft, ViewContext } from '../cataloger.js';
import { originsFromVersions } from '../origin.js';
import { copyrightLicenses } from './copyright.js';
import { parseParagraphs, PRESENT_STATES, toEntry, type DpkgEntry } from './parse-status.js';

export const STATUS = 'var/lib/dpkg/status';
export const STATUS_D = 'var/lib/dpkg/status.d/';
export const INFO = 'var/lib/dpkg/info/';
export const DOC = 'usr/share/doc/';

/** Reads the dpkg database of the merged view: `status`, `status.d/*` (distroless), `info/*.list`. */
export async function catalogDpkg(view: FsView, ctx: ViewContext): Promise<CatalogOutput> {
  const out: CatalogOutput = { packages: [], issues: [] };
  const sources: { path: string; entries: DpkgEntry[] }[] = [];
  const status = await view.read(STATUS);
  if (status) sources.push({ path: STATUS, entries: readStatus(status, STATUS, out.issues) });
  for (const name of view.list(STATUS_D.slice(0, -1))) {
    if (name.endsWith('.md5sums')) continue;
    const path = STATUS_D + name;
    const bytes = await view.read(path);
    if (bytes) sources.push({ path, entries: readStatus(bytes, path, out.issues) });
  }
  if (sources.length === 0) return out;
  const origins = originsFromVersions(view, STATUS, (b) => keys(readStatus(b, STATUS, [])));
  const seen = new Set<string>();
  for (const { path, entries } of sources) {
    for (const e of entries) {
      if (!PRESENT_STATES.has(e.state)) continue;
      const key = `${e.name}:${e.arch ?? ''}`;
      if (seen.has(key)) continue; // status.d entries come after status; status wins on duplicates
      seen.add(key);
      const files = await fileList(view, e);
      const layer = originOf(view, e, path, files.listPath, origins);
      out.packages.push(await toPackage(view, e, path, files.files, layer, ctx.distro));
    }
  }
  return out;
}

function readStatus(bytes: Buffer, path: string, issues: CatalogIssue[]): DpkgEntry[] {
  const { paragraphs, errors } = parseParagraphs(bytes.toString('utf8'));
  const entries: DpkgEntry[] = [];
  for (const err of errors) issues.push({ by: 'dpkg', message: err, path, osDatabase: true });
  for (const p of paragraphs) {
    const e = toEntry(p);
    if (typeof e === 'string') issues.push({ by: 'dpkg', message: e, path, osDatabase: true });
    else entries.push(e);
  }
  return entries;
}

function keys(entries: DpkgEntry[]): Set<string> {
  return new Set(
    entries.filter((e) => PRESENT_STATES.has(e.state)).map((e) => `${e.name}:${e.arch ?? ''}@${e.version}`),
  );
}

async function fileList(view: FsView, e: DpkgEntry): Promise<{ files: string[]; listPath?: string }> {
  for (const listPath of [`${INFO}${e.name}:${e.arch}.list`, `${INFO}${e.name}.list`]) {
    const bytes = await view.read(listPath);
    if (!bytes) continue;
    const files = bytes
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim().replace(/^\/+/, ''))
      .filter((l) => l && l !== '.');
    return { files, listPath };
  }
  return { files: [] };
}

/**
 * The layer that installed a package: where its `.list` file comes from (dpkg rewrites it on
 * every install or upgrade), else where its status entry first appeared, else the layer of
 * the status file itself.
 */
function originOf(
  view: FsView,
  e: DpkgEntry,
  path: string,
  listPath: string | undefined,
  origins: Map<string, LayerOrigin>,
): LayerOrigin | undefined {
  const fromList = listPath ? view.entry(listPath) : undefined;
  if (fromList) return view.layers[fromList.layerIndex];
  if (path === STATUS) {
    const o = origins.get(`${e.name}:${e.arch ?? ''}@${e.version}`);
    if (o) return o;
  }
  const own = view.entry(path);
  return own ? view.layers[own.layerIndex] : undefined;
}

async function toPackage(
  view: FsView,
  e: DpkgEntry,
  path: string,
  files: string[],
  layer: LayerOrigin | undefined,
  distro: Distro | undefined,
): Promise<PackageDraft> {
  const copyright = await view.read(`${DOC}${e.name}/copyright`);
  const namespace = distro?.id === 'ubuntu' ? 'ubuntu' : 'debian';
  const qualifiers: Record<string, string> = {};
  if (e.arch) qualifiers.arch = e.arch;
  if (distro?.versionId) qualifiers.distro = `${distro.id}-${distro.versionId}`;
  if (e.sourceName !== e.name) qualifiers.upstream = e.sourceName;
  return {
    name: e.name,
    version: e.version,
    type: 'deb',
    ecosystem: distro?.ecosystem ?? '',
    purl: new PackageURL('deb', namespace, e.name, e.version, qualifiers, undefined).toString(),
    source: { name: e.sourceName, version: e.sourceVersion },
    ...(e.arch ? { arch: e.arch } : {}),
    licenses: copyright ? copyrightLicenses(copyright.toString('utf8')) : [],
    locations: [path],
    files,
    ...(layer ? { layer } : {}),
  };
}
