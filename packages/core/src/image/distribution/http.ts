import {
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { messages, UserError } from '../../errors.js';

/** One HTTP response with its body still unread. */
export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
  /** The URL that answered (after redirects). */
  url: URL;
}

/** Options of one request. */
export interface HttpOptions {
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Fail when the socket is idle for this long, in milliseconds. Default 60 s. */
  idleTimeoutMs?: number;
  /** Unix socket to connect to instead of the URL's host (the Docker Engine API). */
  socketPath?: string;
  /** Redirects followed at most (registries redirect blobs to object storage). Default 5. */
  maxRedirects?: number;
}

const DEFAULT_IDLE_TIMEOUT_MS = 60_000;
// Keep-alive agents: one TCP/TLS connection per parallel layer, reused for the manifest,
// config and every blob. 64 KiB socket reads match the zlib chunk size downstream.
const agents = {
  http: new HttpAgent({ keepAlive: true, maxSockets: 16 }),
  https: new HttpsAgent({ keepAlive: true, maxSockets: 16 }),
};

/** Error codes of a connection that broke and may work when tried again. */
export const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ECONNABORTED',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

function once(url: URL, opts: HttpOptions): Promise<HttpResponse> {
  const isHttps = url.protocol === 'https:';
  const send = isHttps ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: opts.method ?? 'GET',
        headers: { 'user-agent': 'tidegate', ...opts.headers },
        ...(opts.socketPath
          ? { socketPath: opts.socketPath }
          : { agent: isHttps ? agents.https : agents.http }),
      },
      (res) => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res, url }),
    );
    req.setTimeout(opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS, () => {
      req.destroy(
        Object.assign(new Error(`no data for ${opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS} ms`), {
          code: 'ETIMEDOUT',
        }),
      );
    });
    req.once('error', reject);
    req.end(opts.body);
  });
}

/** `https://host/path?query` → `https://host/path`: query strings of redirects carry signatures. */
export function redactUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * Sends one request and follows redirects. The `Authorization` header is dropped when a redirect
 * leaves the origin (registries redirect blobs to pre-signed object-storage URLs, which must not
 * see the registry token), and a redirect from HTTPS to plain HTTP is refused.
 */
export async function request(url: URL, opts: HttpOptions = {}): Promise<HttpResponse> {
  let current = url;
  let headers = { ...opts.headers };
  for (let hop = 0; ; hop++) {
    const res = await once(current, { ...opts, headers });
    if (![301, 302, 303, 307, 308].includes(res.status) || !res.headers.location) return res;
    res.body.resume();
    if (hop >= (opts.maxRedirects ?? 5))
      throw new UserError(messages.registryRedirectRefused(`more than ${hop} redirects`));
    const next = new URL(res.headers.location, current);
    if (current.protocol === 'https:' && next.protocol !== 'https:')
      throw new UserError(messages.registryRedirectRefused(`HTTPS to ${next.protocol} ${redactUrl(next)}`));
    if (next.origin !== current.origin) {
      const { authorization: _dropped, ...rest } = headers;
      headers = rest;
    }
    current = next;
  }
}

/** Reads a response body fully (manifests, tokens, error bodies), refusing more than `limit` bytes. */
export async function readBody(res: HttpResponse, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body) {
    size += (chunk as Buffer).length;
    if (size > limit) {
      res.body.destroy();
      throw new UserError(`response from ${redactUrl(res.url)} is larger than ${limit} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, size);
}

/** The short text of an error body: the first OCI error's `message`, else up to 200 characters. */
export async function errorDetail(res: HttpResponse): Promise<string> {
  const text = (await readBody(res, 64 << 10).catch(() => Buffer.alloc(0))).toString('utf8');
  try {
    // OCI distribution spec, "Error Codes": {"errors":[{"code","message","detail"}]}
    const j = JSON.parse(text) as { errors?: { code?: string; message?: string }[] };
    const e = j.errors?.[0];
    if (e) return [e.code, e.message].filter(Boolean).join(': ');
  } catch {
    // not JSON: fall through to plain text
  }
  return text.replace(/\s+/g, ' ').trim().slice(0, 200);
}
