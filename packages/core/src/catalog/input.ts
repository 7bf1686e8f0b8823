import { messages } from '../errors.js';
import type { FsView } from '../image/fs-view.js';
import type { CatalogIssue, LayerOrigin } from '../types/model.js';
import { emptyOutput, type CatalogOutput, type PackageDraft } from './cataloger.js';

/**
 * Per-kind size caps for language files (bytes). Real files sit far below them; above them a
 * file is skipped with an issue rather than parsed, so one hostile file cannot exhaust memory
 * (JSON.parse of a 100 MB manifest needs several times that). The layer walker's own cap
 * (`DEFAULT_MAX_FILE_BYTES`) still bounds what is read at all.
 */
export const LIMITS = {
  /** package.json, METADATA, PKG-INFO, gemspecs, installed.json, deps.json. */
  manifest: 8 * 1024 ** 2,
  /** Lockfiles: big monorepo package-lock.json files reach ~30 MB. */
  lockfile: 64 * 1024 ** 2,
  /** Executables scanned for Go build info or cargo-auditable data. */
  executable: 256 * 1024 ** 2,
  /** jar/war/ear files (fat jars of ~200 MB exist). */
  archive: 256 * 1024 ** 2,
} as const;

/** An issue for a file a cataloger could not use; the layer is filled in by the runner when absent. */
export function fileIssue(by: string, path: string, message: string, layer?: string): CatalogIssue {
  return { by, message, path, ...(layer ? { layer } : {}) };
}

/** The issue for a file over `limit`, or `undefined` when it fits. */
export function overLimit(by: string, path: string, size: number, limit: number): CatalogIssue | undefined {
  return size > limit
    ? fileIssue(by, path, messages.catalogTooLarge(baseNameOf(path), size, limit))
    : undefined;
}

/** Decodes UTF-8 text, refusing bytes that are not (NUL bytes or invalid sequences: binary garbage). */
export function utf8Text(bytes: Buffer): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * A JSON manifest or lock file, read the one way every file cataloger reads one: over `limit` is
 * an issue; so is text that is not UTF-8, is not JSON, or fails `check` (which throws naming
 * what is missing). `label` names the file kind in the issue (`Pipfile.lock`).
 */
export function readJsonFile(
  by: string,
  { path, bytes }: { path: string; bytes: Buffer },
  limit: number,
  label: string,
  check: (doc: unknown) => void = () => {},
): { doc: unknown } | { issue: CatalogIssue } {
  const big = overLimit(by, path, bytes.length, limit);
  if (big) return { issue: big };
  try {
    const text = utf8Text(bytes);
    if (text === undefined) throw new Error('not UTF-8 text');
    const doc: unknown = JSON.parse(text);
    check(doc);
    return { doc };
  } catch (err) {
    return { issue: fileIssue(by, path, messages.catalogUnparsable(label, (err as Error).message)) };
  }
}

/** `a/b/c.json` → `c.json`. */
export function baseNameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** `a/b/c.json` → `a/b`; `c.json` → `''`. */
export function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `dir` + `rel`, for image paths where the root is `''`. */
export function joinPath(dir: string, rel: string): string {
  return dir ? `${dir}/${rel}` : rel;
}

/** One file a view cataloger reads: its bytes and the layer it comes from in the merged view. */
export interface ViewFile {
  path: string;
  bytes: Buffer;
  layer: LayerOrigin;
}

/**
 * The files of the merged view that `isCandidate` names, for view catalogers. Candidates over
 * `limit` were not kept by the walker (the cataloger's `wants` refuses them, so memory stays
 * bounded); they are reported here as issues naming the file and its layer.
 */
export async function viewFiles(
  view: FsView,
  isCandidate: (path: string) => boolean,
  limit: number,
  by: string,
): Promise<{ files: ViewFile[]; issues: CatalogIssue[] }> {
  const files: ViewFile[] = [];
  const issues: CatalogIssue[] = [];
  for (const [path, e] of view.walk()) {
    if ((e.type !== 'file' && e.type !== 'hardlink') || !isCandidate(path)) continue;
    const layer = view.layers[e.layerIndex]!;
    const big = overLimit(by, path, e.size, limit);
    const bytes = big ? undefined : await view.read(path);
    if (big) issues.push({ ...big, layer: layer.digest });
    else if (bytes) files.push({ path, bytes, layer });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, issues };
}

/**
 * The loop of every lockfile view cataloger: each file `isCandidate` names is decoded as UTF-8
 * and handed to `parse`; a file over the lockfile cap, not UTF-8, or that `parse` throws on
 * becomes an issue naming `label` and the file's layer, and the scan goes on.
 */
export async function catalogLockFiles(
  view: FsView,
  by: string,
  label: string,
  isCandidate: (path: string) => boolean,
  parse: (f: ViewFile, text: string) => Promise<PackageDraft[]> | PackageDraft[],
): Promise<CatalogOutput> {
  const out = emptyOutput();
  const { files, issues } = await viewFiles(view, isCandidate, LIMITS.lockfile, by);
  out.issues.push(...issues);
  for (const f of files) {
    try {
      const text = utf8Text(f.bytes);
      if (text === undefined) throw new Error('not UTF-8 text');
      out.packages.push(...(await parse(f, text)));
    } catch (err) {
      out.issues.push(
        fileIssue(by, f.path, messages.catalogUnparsable(label, (err as Error).message), f.layer.digest),
      );
    }
  }
  return out;
}
