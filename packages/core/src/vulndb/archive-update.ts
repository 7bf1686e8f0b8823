import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { messages, UserError } from '../errors.js';
import { download, HttpStatusError, type DownloadOptions } from './download.js';
import { buildArchiveIndex } from './index-file.js';
import type { ArchiveMeta } from './meta.js';

/** Where one archive comes from: a URL, a local zip, or a local folder of OSV JSON. */
export type ArchiveSource =
  { kind: 'url'; url: string } | { kind: 'zip'; path: string } | { kind: 'dir'; path: string };

/** Shared state of one `db update` run. */
export interface UpdateContext {
  dir: string;
  now: string;
  download: Omit<DownloadOptions, 'etag' | 'lastModified' | 'onProgress'>;
  onProgress?: (archive: string, received: number, total: number | undefined) => void;
}

/** The outcome for one archive; `meta` is what `meta.json` should now say about it. */
export type ArchiveOutcome =
  | { kind: 'imported'; meta: ArchiveMeta }
  | { kind: 'unchanged'; meta: ArchiveMeta }
  | { kind: 'missing'; error: UserError };

const safe = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');
const rand = () => randomBytes(6).toString('hex');

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/** Indexes `from` into a temporary folder, then renames it into `<db>/osv/` (never over live data). */
async function importInto(
  name: string,
  from: string,
  ctx: UpdateContext,
  id: string,
): Promise<Omit<ArchiveMeta, 'source'>> {
  const tmp = join(ctx.dir, 'tmp', `${safe(name)}-${rand()}`);
  const dirName = `${safe(name)}-${id.slice(0, 12)}`;
  try {
    const index = await buildArchiveIndex(from, tmp);
    await mkdir(join(ctx.dir, 'osv'), { recursive: true });
    await rm(join(ctx.dir, 'osv', dirName), { recursive: true, force: true });
    await rename(tmp, join(ctx.dir, 'osv', dirName));
    return {
      dir: dirName,
      records: index.records,
      ecosystems: index.ecosystems,
      importedAt: ctx.now,
      checkedAt: ctx.now,
    };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

async function fromUrl(
  name: string,
  url: string,
  prev: ArchiveMeta | undefined,
  ctx: UpdateContext,
): Promise<ArchiveOutcome> {
  await mkdir(join(ctx.dir, 'tmp'), { recursive: true });
  const zip = join(ctx.dir, 'tmp', `${safe(name)}-${rand()}.zip`);
  try {
    const same = prev?.source === url;
    const res = await download(url, zip, {
      ...ctx.download,
      ...(same && prev.etag ? { etag: prev.etag } : {}),
      ...(same && prev.lastModified ? { lastModified: prev.lastModified } : {}),
      onProgress: (r, t) => ctx.onProgress?.(name, r, t),
    }).catch((err: unknown) => {
      if (err instanceof HttpStatusError && err.status === 404) return { kind: 'missing' as const };
      throw err;
    });
    if (res.kind === 'missing')
      return { kind: 'missing', error: new UserError(messages.ecosystemNotPublished(name, url)) };
    if (prev && (res.kind === 'not-modified' || (same && res.sha256 === prev.sha256)))
      return { kind: 'unchanged', meta: { ...prev, checkedAt: ctx.now } };
    if (res.kind === 'not-modified')
      throw new UserError(messages.downloadFailed(url, 'HTTP 304 without a cached copy'));
    const meta = await importInto(name, zip, ctx, res.sha256);
    const validators = {
      ...(res.etag ? { etag: res.etag } : {}),
      ...(res.lastModified ? { lastModified: res.lastModified } : {}),
    };
    return { kind: 'imported', meta: { source: url, sha256: res.sha256, ...validators, ...meta } };
  } finally {
    await rm(zip, { force: true });
  }
}

async function fromLocal(
  name: string,
  src: { kind: 'zip' | 'dir'; path: string },
  prev: ArchiveMeta | undefined,
  ctx: UpdateContext,
): Promise<ArchiveOutcome> {
  const sha = src.kind === 'zip' ? await sha256File(src.path) : undefined;
  if (prev && sha && prev.sha256 === sha && prev.source === src.path)
    return { kind: 'unchanged', meta: { ...prev, checkedAt: ctx.now } };
  const meta = await importInto(name, src.path, ctx, sha ?? rand());
  return { kind: 'imported', meta: { source: src.path, ...(sha ? { sha256: sha } : {}), ...meta } };
}

/**
 * Brings one archive up to date. Any failure (HTTP error, truncated download, corrupt zip,
 * invalid record) throws with the live DB untouched; only the caller's `meta.json` swap
 * commits the new folder.
 */
export async function updateArchive(
  name: string,
  src: ArchiveSource,
  prev: ArchiveMeta | undefined,
  ctx: UpdateContext,
): Promise<ArchiveOutcome> {
  try {
    return src.kind === 'url'
      ? await fromUrl(name, src.url, prev, ctx)
      : await fromLocal(name, src, prev, ctx);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new UserError(messages.dbUpdateFailed(name, detail), err instanceof UserError ? err.where : {}, {
      cause: err,
    });
  }
}

/**
 * Where archive `name` is found under a `--source`: `<base>/<name>/all.zip` for a URL, the
 * same path or a `<dir>/<name>/` folder of JSON records for a local mirror. `undefined` when
 * a local mirror has no such archive.
 */
export async function locate(source: string, name: string): Promise<ArchiveSource | undefined> {
  if (/^https?:\/\//i.test(source))
    return { kind: 'url', url: `${source.replace(/\/+$/, '')}/${encodeURIComponent(name)}/all.zip` };
  const zip = join(source, name, 'all.zip');
  if ((await stat(zip).catch(() => undefined))?.isFile()) return { kind: 'zip', path: zip };
  if ((await stat(join(source, name)).catch(() => undefined))?.isDirectory())
    return { kind: 'dir', path: join(source, name) };
  return undefined;
}

/** The archive name of a single zip given as `--source`: `PyPI/all.zip` → `PyPI`, `npm.zip` → `npm`. */
export function archiveNameOfZip(path: string): string {
  const base = basename(path);
  return base === 'all.zip' ? basename(dirname(path)) : base.replace(/\.zip$/i, '');
}
