import { stat } from 'node:fs/promises';
import { formatErrorChain, messages, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { OsvRecord } from '../types/osv/record.js';
import { archiveOf, type AdvisoryDb, type PackageQuery } from './db.js';
import type { DownloadOptions } from './download.js';
import { OSV_ECOSYSTEMS } from './ecosystem-names.js';
import { cachedEnricher, type Enricher } from './enrich.js';
import type { IndexedDb } from './indexed-db.js';
import { oldestCheck, readMeta, type DbMeta } from './meta.js';
import { openCachedDb } from './open-cached.js';
import { DEFAULT_OSV_BASE_URL, updateDb } from './update.js';

/** How a CI run gets its advisories when no `--db` is given. */
export interface PrepareOptions {
  /** `<cache>/db`: kept between runs by the CI's cache. */
  dir: string;
  /** Base URL, local mirror folder or single zip (`--db-source`). Default OSV's public bucket. */
  source?: string;
  /** Never touch the network: scan with what the cache holds. */
  offline?: boolean;
  /** `--max-db-age`: exit 2 when the DB was last confirmed current longer ago. */
  maxAge?: { ms: number; text: string };
  /** KEV / EPSS URL or local path; `false` skips the feed. */
  kev?: string | false;
  epss?: string | false;
  download?: Omit<DownloadOptions, 'etag' | 'lastModified' | 'onProgress'>;
  logger: Logger;
  now?: Date;
}

/** How long the reachability check waits for the source to answer at all. */
const PROBE_TIMEOUT_MS = 5_000;

const isUrl = (s: string) => /^https?:\/\//i.test(s);

async function hasArchives(dir: string): Promise<DbMeta | undefined> {
  const meta = await readMeta(dir).catch(() => undefined);
  return meta && Object.keys(meta.archives).length ? meta : undefined;
}

/**
 * Fails fast, with one line that says what to do, when there is no cached DB and the source
 * cannot be reached: before the image is read, in seconds, instead of after a long scan and a
 * long series of retries. A source that answers at all (any HTTP status) is reachable.
 */
export async function checkDbReachable(o: PrepareOptions): Promise<void> {
  if (await hasArchives(o.dir)) return;
  const source = o.source ?? DEFAULT_OSV_BASE_URL;
  if (o.offline && isUrl(source))
    throw new UserError(messages.dbUnavailable(o.dir, source, 'offline (--offline)'));
  if (!isUrl(source)) {
    if (!(await stat(source).catch(() => undefined)))
      throw new UserError(messages.dbNotFound(source), { file: source });
    return;
  }
  try {
    const res = await fetch(`${source.replace(/\/+$/, '')}/`, {
      method: 'HEAD',
      redirect: 'manual',
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
      headers: { 'user-agent': 'tidegate' },
    });
    await res.body?.cancel();
  } catch (err) {
    const e = err as Error;
    const detail =
      e.name === 'TimeoutError'
        ? `no answer within ${PROBE_TIMEOUT_MS / 1000} s`
        : ((e.cause as Error | undefined)?.message ?? e.message);
    throw new UserError(messages.dbUnavailable(o.dir, source, detail));
  }
}

/** The OSV archives a set of lookups needs (`Debian:12` → `Debian`), known to OSV only. */
function archivesOf(queries: readonly PackageQuery[]): string[] {
  const names = new Set(queries.map((q) => archiveOf(q.ecosystem)));
  return [...names].filter((n) => OSV_ECOSYSTEMS.includes(n)).sort();
}

/**
 * The cached DB, brought up to date for exactly the ecosystems the image needs, on first use:
 * the matcher hands every lookup to `prefetch` before the first one, so the archives are known
 * only once the image is catalogued, and a Debian image downloads Debian's advisories and no
 * others. An update that fails with a cached DB in place warns and scans with the cache (which
 * `--max-db-age` still bounds); without one it is exit 2 with what to do.
 */
export class PreparedDb implements AdvisoryDb {
  readonly location: string;
  private inner?: IndexedDb;
  private ready?: Promise<void>;
  /** The DB's metadata once it is open (for the KEV/EPSS enricher). */
  meta?: DbMeta;

  constructor(private readonly o: PrepareOptions) {
    this.location = o.dir;
  }

  async prefetch(queries: readonly PackageQuery[]): Promise<void> {
    this.ready ??= this.prepare(archivesOf(queries));
    await this.ready;
  }

  private async prepare(needed: string[]): Promise<void> {
    const local = !isUrl(this.o.source ?? DEFAULT_OSV_BASE_URL);
    if (needed.length && (local || !this.o.offline)) await this.update(needed);
    if (!needed.length && !(await hasArchives(this.o.dir))) return;
    const { db, meta } = await openCachedDb(this.o.dir, this.o.maxAge, this.o.now);
    this.inner = db;
    this.meta = meta;
  }

  private async update(needed: string[]): Promise<void> {
    const source = this.o.source ?? DEFAULT_OSV_BASE_URL;
    const single = !isUrl(source) && (await stat(source).catch(() => undefined))?.isFile();
    this.o.logger.info(`updating the vulnerability DB for ${needed.join(', ')} from ${source}`);
    try {
      const report = await updateDb({
        dir: this.o.dir,
        ecosystems: single ? 'auto' : needed,
        missing: 'skip',
        source,
        ...(this.o.kev !== undefined ? { kev: this.o.kev } : {}),
        ...(this.o.epss !== undefined ? { epss: this.o.epss } : {}),
        ...(this.o.download ? { download: this.o.download } : {}),
        logger: this.o.logger,
        ...(this.o.now ? { now: this.o.now } : {}),
      });
      for (const s of report.skipped) this.o.logger.warn(`${s.name} skipped: ${s.reason}`);
    } catch (err) {
      const cached = await hasArchives(this.o.dir);
      if (!cached)
        throw new UserError(
          messages.dbUnavailable(this.o.dir, source, formatErrorChain(err)),
          {},
          { cause: err },
        );
      this.o.logger.warn(
        `the vulnerability DB could not be updated (${formatErrorChain(err)}); scanning with the cached DB, last confirmed current ${oldestCheck(cached) ?? 'at an unknown time'}`,
      );
    }
  }

  async lookup(ecosystem: string, name: string): Promise<OsvRecord[]> {
    await this.prefetch([{ ecosystem, name, version: '' }]);
    return this.inner ? this.inner.lookup(ecosystem, name) : [];
  }

  covers(ecosystem: string): boolean {
    return this.inner?.covers(ecosystem) ?? false;
  }

  async stats(): Promise<{ ecosystems: Record<string, number>; records: number }> {
    return this.inner ? this.inner.stats() : { ecosystems: {}, records: 0 };
  }

  async close(): Promise<void> {
    await this.inner?.close();
  }
}

/** KEV/EPSS from the prepared DB's feeds, once it is open (nothing before). */
export function preparedEnricher(db: PreparedDb): Enricher {
  return {
    annotate: async (findings) => {
      if (db.meta) await cachedEnricher(db.location, db.meta).annotate(findings);
    },
  };
}
