/**
 * A loopback HTTP server laid out like OSV's bulk bucket (`/<ecosystem>/all.zip`), for tests
 * only: it serves real files from a folder with ETag / Last-Modified and answers conditional
 * requests with 304, and can be told to fail, truncate or replace files to exercise
 * `db update`'s error paths. Binds 127.0.0.1 only.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** How the server treats one path; consulted on every request. */
export interface PathBehaviour {
  /** Answer this many requests with 503 before serving normally. */
  failTimes?: number;
  /** Send only this many bytes of the body while announcing the full Content-Length. */
  cutAt?: number;
  /** Serve these bytes instead of the file (a corrupt or replaced archive). */
  body?: Buffer;
  /** Answer 404. */
  missing?: boolean;
}

export interface OsvServer {
  url: string;
  /** Requests per path, with the conditional headers they carried. */
  log: { path: string; status: number; ifNoneMatch?: string }[];
  behave: Map<string, PathBehaviour>;
  close(): Promise<void>;
}

async function content(
  root: string,
  path: string,
  b: PathBehaviour | undefined,
): Promise<{ bytes: Buffer; mtime: Date } | undefined> {
  if (b?.body) return { bytes: b.body, mtime: new Date('2024-01-01T00:00:00Z') };
  const file = join(
    root,
    ...decodeURIComponent(path)
      .split('/')
      .filter((p) => p && p !== '..'),
  );
  const st = await stat(file).catch(() => undefined);
  return st?.isFile() ? { bytes: await readFile(file), mtime: st.mtime } : undefined;
}

function handler(root: string, server: Omit<OsvServer, 'url' | 'close'>) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const b = server.behave.get(path);
    const send = (status: number, headers: Record<string, string | number> = {}, body?: Buffer) => {
      const inm = req.headers['if-none-match'];
      server.log.push({ path, status, ...(typeof inm === 'string' ? { ifNoneMatch: inm } : {}) });
      res.writeHead(status, headers);
      res.end(body);
    };
    if (b?.failTimes) {
      b.failTimes--;
      return send(503);
    }
    const c = b?.missing ? undefined : await content(root, path, b);
    if (!c) return send(404);
    const etag = `"${createHash('sha256').update(c.bytes).digest('hex').slice(0, 32)}"`;
    if (req.headers['if-none-match'] === etag) return send(304, { etag });
    const headers = {
      etag,
      'last-modified': c.mtime.toUTCString(),
      'content-length': c.bytes.length,
      'content-type': 'application/zip',
    };
    if (b?.cutAt === undefined) return send(200, headers, c.bytes);
    server.log.push({ path, status: 200 });
    res.writeHead(200, headers);
    res.write(c.bytes.subarray(0, b.cutAt));
    res.destroy();
  };
}

/** Starts the server on 127.0.0.1 with a free port. */
export async function startOsvServer(root: string): Promise<OsvServer> {
  const state = { log: [] as OsvServer['log'], behave: new Map<string, PathBehaviour>() };
  const srv = createServer((req, res) => void handler(root, state)(req, res));
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  return {
    ...state,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => srv.close(() => r())),
  };
}
