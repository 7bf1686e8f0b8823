import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messages, UserError } from '../errors.js';

/** Layout version of `<db>/meta.json` and the index files; a mismatch means "rebuild". */
export const DB_FORMAT = 1;

/** One imported bulk archive (`<base>/<archive>/all.zip`, a local zip or a folder). */
export interface ArchiveMeta {
  /** Where it came from: URL or absolute path. */
  source: string;
  /** Folder under `<db>/osv/` holding `records.jsonl` + `index.json`. */
  dir: string;
  records: number;
  /** Records per ecosystem string (`Debian:11`, `Debian:12`, …). */
  ecosystems: Record<string, number>;
  /** sha256 of the archive bytes (local sources skip unchanged archives by it). */
  sha256?: string;
  /** HTTP validators, sent back as If-None-Match / If-Modified-Since. */
  etag?: string;
  lastModified?: string;
  /** When the content was last imported. */
  importedAt: string;
  /** When it was last confirmed current (an import, or a 304 / same-hash check). */
  checkedAt: string;
}

/** An enrichment feed (KEV catalog or EPSS scores) stored next to the advisories. */
export interface FeedMeta {
  source: string;
  file: string;
  etag?: string;
  lastModified?: string;
  /** KEV `catalogVersion`, EPSS `score_date`. */
  version?: string;
  entries: number;
  checkedAt: string;
}

/** `<db>/meta.json`: the one file whose atomic replacement commits an update. */
export interface DbMeta {
  format: number;
  archives: Record<string, ArchiveMeta>;
  kev?: FeedMeta;
  epss?: FeedMeta;
}

/** Reads `<db>/meta.json`; `undefined` when there is no DB yet. A damaged file is a UserError (exit 2). */
export async function readMeta(dir: string): Promise<DbMeta | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, 'meta.json'), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const meta = JSON.parse(text) as DbMeta;
    if (meta.format !== DB_FORMAT || typeof meta.archives !== 'object')
      throw new Error(`format ${String(meta.format)}`);
    return meta;
  } catch (err) {
    throw new UserError(messages.dbCorrupt(`meta.json: ${(err as Error).message}`), {
      file: join(dir, 'meta.json'),
    });
  }
}

/** Writes `<db>/meta.json` atomically (temporary sibling, then rename: POSIX rename(2) is atomic). */
export async function writeMeta(dir: string, meta: DbMeta): Promise<void> {
  await mkdir(dir, { recursive: true });
  const tmp = join(dir, `meta.json.${randomBytes(6).toString('hex')}.tmp`);
  await writeFile(tmp, `${JSON.stringify(meta, null, 1)}\n`);
  await rename(tmp, join(dir, 'meta.json'));
}

/** An empty DB description. */
export function emptyMeta(): DbMeta {
  return { format: DB_FORMAT, archives: {} };
}

/** The oldest `checkedAt` of all archives: how old the DB is as a whole. */
export function oldestCheck(meta: DbMeta): string | undefined {
  const times = Object.values(meta.archives).map((a) => a.checkedAt);
  return times.length ? times.sort()[0] : undefined;
}
