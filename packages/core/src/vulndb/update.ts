import { readdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatErrorChain, messages, UserError } from '../errors.js';
import { silentLogger, type Logger } from '../logger.js';
import {
  archiveNameOfZip,
  locate,
  updateArchive,
  type ArchiveSource,
  type UpdateContext,
} from './archive-update.js';
import { isUnreachable, type DownloadOptions } from './download.js';
import { autoEcosystems, checkEcosystemNames } from './ecosystem-names.js';
import { updateFeed } from './feeds.js';
import { emptyMeta, readMeta, writeMeta, type DbMeta } from './meta.js';

/** OSV's public bucket: `<base>/<ecosystem>/all.zip` (https://google.github.io/osv.dev/data/). */
export const DEFAULT_OSV_BASE_URL = 'https://osv-vulnerabilities.storage.googleapis.com';

/** Options of `tidegate db update`. */
export interface UpdateOptions {
  /** `<cache>/db`. */
  dir: string;
  /** OSV archive names (`Debian`, `npm`, …) or `auto` (see `autoEcosystems`). */
  ecosystems: readonly string[] | 'auto';
  /** Base URL, local mirror folder or single zip. Default {@link DEFAULT_OSV_BASE_URL}. */
  source?: string;
  /** Refuse anything that needs the network. */
  offline?: boolean;
  /**
   * What an archive the source does not publish does: `fail` (default for an explicit list) or
   * `skip` with a note (default for `auto`, and what a scan that prepares its own DB wants).
   */
  missing?: 'fail' | 'skip';
  /** KEV / EPSS URL or local path; `false` skips the feed. */
  kev?: string | false;
  epss?: string | false;
  download?: Omit<DownloadOptions, 'etag' | 'lastModified' | 'onProgress'>;
  onProgress?: (what: string, received: number, total: number | undefined) => void;
  logger?: Logger;
  now?: Date;
}

/** What one update did, archive by archive. */
export interface UpdateReport {
  imported: { name: string; records: number }[];
  unchanged: string[];
  skipped: { name: string; reason: string }[];
  feeds: { kind: 'kev' | 'epss'; entries: number; version?: string }[];
}

const isUrl = (s: string) => /^https?:\/\//i.test(s);

/** The archives to update and where each comes from. */
async function plan(
  o: UpdateOptions,
  meta: DbMeta,
  source: string,
): Promise<{ name: string; src?: ArchiveSource }[]> {
  const st = isUrl(source) ? undefined : await stat(source).catch(() => undefined);
  if (!isUrl(source) && !st) throw new UserError(messages.dbNotFound(source), { file: source });
  if (st?.isFile()) {
    const name = archiveNameOfZip(source);
    if (o.ecosystems !== 'auto' && !o.ecosystems.includes(name))
      throw new UserError(`--source ${source} holds the '${name}' archive, not ${o.ecosystems.join(', ')}`);
    return [{ name, src: { kind: 'zip', path: source } }];
  }
  const names =
    o.ecosystems === 'auto'
      ? await autoEcosystems(o.dir, Object.keys(meta.archives))
      : checkEcosystemNames(o.ecosystems);
  return Promise.all(names.map(async (name) => ({ name, src: await locate(source, name) })));
}

/** Deletes archive folders and temporary files no longer named by `meta`. */
async function sweep(dir: string, meta: DbMeta): Promise<void> {
  const live = new Set(Object.values(meta.archives).map((a) => a.dir));
  for (const d of await readdir(join(dir, 'osv')).catch(() => []))
    if (!live.has(d)) await rm(join(dir, 'osv', d), { recursive: true, force: true });
  await rm(join(dir, 'tmp'), { recursive: true, force: true });
}

/** One-line failures, in order; `unreachable` once a host could not be reached at all. */
type Failures = string[] & { unreachable: boolean };

async function updateArchives(
  o: UpdateOptions,
  meta: DbMeta,
  ctx: UpdateContext,
  report: UpdateReport,
  failures: Failures,
): Promise<void> {
  const strict = (o.missing ?? (o.ecosystems === 'auto' ? 'skip' : 'fail')) === 'fail';
  const source = o.source ?? DEFAULT_OSV_BASE_URL;
  for (const { name, src } of await plan(o, meta, source)) {
    if (!src) {
      if (strict)
        failures.push(messages.dbUpdateFailed(name, `no ${name}/all.zip or ${name}/ folder in ${source}`));
      else report.skipped.push({ name, reason: `not in ${source}` });
      continue;
    }
    try {
      const out = await updateArchive(name, src, meta.archives[name], ctx);
      if (out.kind === 'missing') {
        if (strict) failures.push(out.error.message);
        else report.skipped.push({ name, reason: out.error.message });
        continue;
      }
      meta.archives[name] = out.meta;
      if (out.kind === 'imported') report.imported.push({ name, records: out.meta.records });
      else report.unchanged.push(name);
      o.logger?.info(
        `${name}: ${out.kind === 'imported' ? `${out.meta.records} records imported` : 'unchanged'}`,
      );
    } catch (err) {
      failures.push(formatErrorChain(err));
      // the host is not there: every other archive on it would fail the same way
      if (isUnreachable(err)) {
        failures.unreachable = true;
        return;
      }
    }
  }
}

async function updateFeeds(
  o: UpdateOptions,
  meta: DbMeta,
  now: string,
  report: UpdateReport,
  failures: Failures,
): Promise<void> {
  for (const kind of ['kev', 'epss'] as const) {
    const src = o[kind];
    if (!src) continue;
    if (failures.unreachable && isUrl(src)) {
      report.skipped.push({ name: kind, reason: 'not tried: the network is unreachable' });
      continue;
    }
    try {
      meta[kind] = await updateFeed(kind, src, o.dir, meta[kind], now, o.download ?? {});
      report.feeds.push({
        kind,
        entries: meta[kind]!.entries,
        ...(meta[kind]!.version ? { version: meta[kind]!.version } : {}),
      });
    } catch (err) {
      failures.push(formatErrorChain(err));
      if (isUnreachable(err)) failures.unreachable = true;
    }
  }
}

/**
 * `tidegate db update`: brings each archive, then the KEV and EPSS feeds, up to date. Every
 * archive is downloaded to a temporary file, verified and indexed into a new folder; one
 * atomic rename of `meta.json` then commits all that succeeded, so a failed, truncated or
 * corrupt download never harms the data already there. Failures are collected and thrown as
 * one UserError (exit 2) after the successful parts are committed.
 */
export async function updateDb(o: UpdateOptions): Promise<UpdateReport> {
  const source = o.source ?? DEFAULT_OSV_BASE_URL;
  if (o.ecosystems !== 'auto') checkEcosystemNames(o.ecosystems);
  const feedUrls = [o.kev, o.epss].filter((s): s is string => typeof s === 'string' && isUrl(s));
  if (o.offline && (isUrl(source) || feedUrls.length))
    throw new UserError(messages.offlineNetwork(`updating from ${isUrl(source) ? source : feedUrls[0]}`));
  const opts = { ...o, ...(o.source && !isUrl(o.source) ? { source: resolve(o.source) } : {}) };
  const meta = (await readMeta(o.dir).catch(() => undefined)) ?? emptyMeta();
  const now = (o.now ?? new Date()).toISOString();
  const onProgress = o.onProgress;
  const ctx: UpdateContext = {
    dir: o.dir,
    now,
    download: o.download ?? {},
    ...(onProgress ? { onProgress } : {}),
  };
  const report: UpdateReport = { imported: [], unchanged: [], skipped: [], feeds: [] };
  const failures: Failures = Object.assign([], { unreachable: false });
  await updateArchives(opts, meta, ctx, report, failures);
  await updateFeeds(opts, meta, now, report, failures);
  await writeMeta(o.dir, meta);
  await sweep(o.dir, meta);
  (o.logger ?? silentLogger).debug(`db update: ${JSON.stringify(report)}`);
  if (failures.length) throw new UserError(failures.join('; '));
  return report;
}
