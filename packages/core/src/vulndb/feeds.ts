import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { messages, UserError } from '../errors.js';
import { download, type DownloadOptions } from './download.js';
import { parseEpss } from './epss.js';
import { parseKev } from './kev.js';
import type { FeedMeta } from './meta.js';

/** CISA's published catalog (https://www.cisa.gov/known-exploited-vulnerabilities-catalog). */
export const DEFAULT_KEV_URL =
  'https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json';
/** FIRST's daily EPSS scores for every CVE (https://www.first.org/epss/data_stats). */
export const DEFAULT_EPSS_URL = 'https://epss.empiricalsecurity.com/epss_scores-current.csv.gz';

/** The two enrichment feeds; each is stored as one file in `<db>/`. */
export type FeedKind = 'kev' | 'epss';

const FILE: Record<FeedKind, string> = { kev: 'kev.json', epss: 'epss.csv.gz' };

/** Checks a feed's bytes and returns its version and entry count; a bad file is a UserError. */
function validate(kind: FeedKind, bytes: Buffer): { version?: string; entries: number } {
  if (kind === 'kev') {
    const k = parseKev(bytes.toString('utf8'));
    return { version: k.version, entries: k.entries.size };
  }
  const e = parseEpss(bytes, new Set());
  return { ...(e.date ? { version: e.date } : {}), entries: e.count };
}

interface Fetched {
  bytes: Buffer;
  etag?: string;
  lastModified?: string;
}

async function fetchBytes(
  src: string,
  tmp: string,
  prev: FeedMeta | undefined,
  dl: DownloadOptions,
): Promise<Fetched | 'unchanged'> {
  if (!/^https?:\/\//i.test(src)) return { bytes: await readFile(resolve(src)) };
  const same = prev?.source === src;
  const res = await download(src, tmp, {
    ...dl,
    ...(same && prev.etag ? { etag: prev.etag } : {}),
    ...(same && prev.lastModified ? { lastModified: prev.lastModified } : {}),
  });
  if (res.kind === 'not-modified') return 'unchanged';
  return {
    bytes: await readFile(tmp),
    ...(res.etag ? { etag: res.etag } : {}),
    ...(res.lastModified ? { lastModified: res.lastModified } : {}),
  };
}

/**
 * Downloads (or copies, for a local path) one feed into `<db>/`, validated first and swapped in
 * by rename, conditionally on the previous validators (If-None-Match / If-Modified-Since). A
 * failure leaves the previous file in place.
 */
export async function updateFeed(
  kind: FeedKind,
  src: string,
  dir: string,
  prev: FeedMeta | undefined,
  now: string,
  dl: DownloadOptions,
): Promise<FeedMeta> {
  await mkdir(join(dir, 'tmp'), { recursive: true });
  const tmp = join(dir, 'tmp', `${kind}-${randomBytes(6).toString('hex')}`);
  try {
    const got = await fetchBytes(src, tmp, prev, dl);
    if (got === 'unchanged' && prev) return { ...prev, checkedAt: now };
    if (got === 'unchanged')
      throw new UserError(messages.downloadFailed(src, 'HTTP 304 without a cached copy'));
    const { version, entries } = validate(kind, got.bytes);
    await writeFile(tmp, got.bytes);
    await rename(tmp, join(dir, FILE[kind]));
    const validators = {
      ...(got.etag ? { etag: got.etag } : {}),
      ...(got.lastModified ? { lastModified: got.lastModified } : {}),
    };
    return {
      source: src,
      file: FILE[kind],
      ...(version ? { version } : {}),
      entries,
      checkedAt: now,
      ...validators,
    };
  } catch (err) {
    throw new UserError(`${kind}: ${err instanceof Error ? err.message : String(err)}`, {}, { cause: err });
  } finally {
    await rm(tmp, { force: true });
  }
}
