import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { messages, UserError } from '../errors.js';

/** Options of one conditional, retried download. */
export interface DownloadOptions {
  /** Validators from the last download, sent as If-None-Match / If-Modified-Since (RFC 9110 §13.1). */
  etag?: string;
  lastModified?: string;
  /** Attempts after the first on 5xx, network errors and short bodies. Default 3. */
  retries?: number;
  /** First back-off in ms, doubled each retry. Default 1000. */
  backoffMs?: number;
  /** Whole-request timeout in ms. Default 10 minutes (the largest OSV archives are ~500 MB). */
  timeoutMs?: number;
  /** Called as bytes arrive; `total` from Content-Length when the server sent one. */
  onProgress?: (received: number, total: number | undefined) => void;
}

/** What a download did. */
export type DownloadResult =
  | { kind: 'not-modified' }
  | { kind: 'downloaded'; bytes: number; sha256: string; etag?: string; lastModified?: string };

/** HTTP status that ends the attempt without retry (4xx), carried so callers can name a 404. */
export class HttpStatusError extends UserError {
  constructor(
    readonly url: string,
    readonly status: number,
  ) {
    super(messages.downloadFailed(url, `HTTP ${status}`));
  }
}

class Retryable extends Error {}

/**
 * Error codes that mean the host could not be reached at all: no DNS answer, nothing listening,
 * no route, no connection within undici's connect timeout. Retrying the same host, or the next
 * archive on it, cannot help (an offline runner would otherwise wait through 16 ecosystems × 4
 * attempts), so the download stops at once and `db update` stops with it.
 */
const UNREACHABLE_CODES = new Set([
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'ECONNREFUSED',
  'ENETUNREACH',
  'ENETDOWN',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The host of `url` could not be reached (see {@link UNREACHABLE_CODES}). */
export class UnreachableError extends UserError {
  constructor(
    readonly url: string,
    detail: string,
  ) {
    super(messages.sourceUnreachable(url, detail));
  }
}

/** True when `err`, or an error in its cause chain, is an {@link UnreachableError}. */
export function isUnreachable(err: unknown): boolean {
  for (let cur = err, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++)
    if (cur instanceof UnreachableError) return true;
  return false;
}

/** The system error code of a failed fetch (`ECONNREFUSED`), from its cause chain. */
export function networkCode(err: unknown): string | undefined {
  for (let cur = err, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Whether a failed fetch means the host is unreachable. */
export function unreachableCode(err: unknown): string | undefined {
  const code = networkCode(err);
  return code && UNREACHABLE_CODES.has(code) ? code : undefined;
}

function headers(o: DownloadOptions): Record<string, string> {
  const h: Record<string, string> = { 'user-agent': 'tidegate' };
  if (o.etag) h['if-none-match'] = o.etag;
  if (o.lastModified) h['if-modified-since'] = o.lastModified;
  return h;
}

async function attempt(url: string, dest: string, o: DownloadOptions): Promise<DownloadResult> {
  const res = await fetch(url, {
    headers: headers(o),
    signal: AbortSignal.timeout(o.timeoutMs ?? 600_000),
  }).catch((err: Error) => {
    const detail = (err.cause as Error | undefined)?.message ?? err.message;
    if (unreachableCode(err)) throw new UnreachableError(url, detail);
    throw new Retryable(detail);
  });
  if (res.status === 304) return { kind: 'not-modified' };
  if (res.status >= 500) throw new Retryable(`HTTP ${res.status}`);
  if (res.status !== 200 || !res.body) throw new HttpStatusError(url, res.status);
  const length = res.headers.get('content-encoding')
    ? undefined
    : Number(res.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) ? length : undefined;
  const hash = createHash('sha256');
  let received = 0;
  const body = Readable.fromWeb(res.body as unknown as WebReadableStream<Uint8Array>);
  body.on('data', (c: Buffer) => {
    received += c.length;
    hash.update(c);
    o.onProgress?.(received, total);
  });
  await pipeline(body, createWriteStream(dest)).catch((err: Error) => {
    throw new Retryable(`connection lost after ${received} bytes: ${err.message}`);
  });
  if (total !== undefined && received !== total)
    throw new Retryable(messages.downloadTruncated(url, received, total));
  const etag = res.headers.get('etag') ?? undefined;
  const lastModified = res.headers.get('last-modified') ?? undefined;
  return {
    kind: 'downloaded',
    bytes: received,
    sha256: hash.digest('hex'),
    ...(etag ? { etag } : {}),
    ...(lastModified ? { lastModified } : {}),
  };
}

/**
 * Downloads `url` to `dest` (a temporary file the caller owns), conditionally on the
 * validators given. Retries with exponential back-off on 5xx answers, dropped connections and
 * bodies shorter than their Content-Length; a 4xx is final, and so is a host that cannot be
 * reached at all ({@link UnreachableError}). Never leaves a partial `dest` behind.
 */
export async function download(url: string, dest: string, o: DownloadOptions = {}): Promise<DownloadResult> {
  const retries = o.retries ?? 3;
  for (let i = 0; ; i++) {
    try {
      return await attempt(url, dest, o);
    } catch (err) {
      await rm(dest, { force: true });
      if (!(err instanceof Retryable)) throw err;
      if (i >= retries)
        throw new UserError(messages.downloadFailed(url, `${err.message} (after ${i + 1} attempts)`));
      await new Promise((r) => setTimeout(r, (o.backoffMs ?? 1000) * 2 ** i));
    }
  }
}
