import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { repoRoot } from '@tidegate/core/testing';
import { storedZip } from './zip.js';

/**
 * Writes an OSV mirror in the bucket's layout (`<dir>/<ecosystem>/all.zip`) from the example
 * advisories in examples/osv (Debian and npm: what the demo image needs).
 */
export async function writeExampleMirror(dir: string): Promise<string> {
  for (const [folder, ecosystem] of [
    ['debian', 'Debian'],
    ['npm', 'npm'],
  ] as const) {
    const src = join(repoRoot(), 'examples', 'osv', folder);
    const files: Record<string, Buffer> = {};
    for (const f of await readdir(src)) if (f.endsWith('.json')) files[f] = await readFile(join(src, f));
    await mkdir(join(dir, ecosystem), { recursive: true });
    await writeFile(join(dir, ecosystem, 'all.zip'), storedZip(files));
  }
  return dir;
}

/** A loopback HTTP server for a folder: the OSV bucket's shape for `--db-source URL`. */
export interface StaticServer {
  url: string;
  /** Paths requested, in order, with the status answered. */
  log: { path: string; status: number }[];
  close(): Promise<void>;
}

/** Serves `root` read-only on 127.0.0.1 (GET and HEAD; 404 for anything missing or outside it). */
export async function startStaticServer(root: string): Promise<StaticServer> {
  const log: StaticServer['log'] = [];
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(root, path));
    void stat(file)
      .then((st) => {
        if (!file.startsWith(root) || !st.isFile()) throw new Error('not a file');
        log.push({ path, status: 200 });
        res.writeHead(200, { 'content-length': String(st.size), 'content-type': 'application/zip' });
        if (req.method === 'HEAD') res.end();
        else createReadStream(file).pipe(res);
      })
      .catch(() => {
        log.push({ path, status: 404 });
        res.writeHead(404).end();
      });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A loopback URL nothing listens on: connections are refused at once, as on a runner without network. */
export async function refusedUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}
