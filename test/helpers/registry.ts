import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTokenServer, type TokenServer } from './token-server.js';
import { tool } from './tools.js';

/** A Debian `docker-registry` (distribution 2.8) running on 127.0.0.1 for one test file. */
export interface TestRegistry {
  /** `127.0.0.1:PORT`, as used in image names. */
  host: string;
  auth: 'none' | 'basic' | 'token';
  /** The token server, for `auth: 'token'`. */
  tokens?: TokenServer;
  /** What the registry printed (for failing tests). */
  log(): string;
  stop(): Promise<void>;
}

/** Users accepted by the Basic and token set-ups. */
export const TEST_USERS: Record<string, string> = { alice: 'wonderland-s3cret' };

/** A free TCP port on 127.0.0.1 (bound, read, released). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

function configYaml(dir: string, port: number, auth: string): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n');
}

async function authSection(
  dir: string,
  kind: TestRegistry['auth'],
): Promise<{ yaml: string; tokens?: TokenServer }> {
  if (kind === 'none') return { yaml: '' };
  if (kind === 'basic') {
    const lines = await Promise.all(
      Object.entries(TEST_USERS).map(([u, p]) => tool('htpasswd', ['-Bbn', u, p])),
    );
    await writeFile(join(dir, 'htpasswd'), lines.join(''));
    return {
      yaml: ['auth:', '  htpasswd:', '    realm: tidegate-test', `    path: ${join(dir, 'htpasswd')}`].join(
        '\n',
      ),
    };
  }
  const tokens = await startTokenServer(dir, TEST_USERS);
  const yaml = [
    'auth:',
    '  token:',
    `    realm: ${tokens.realm}`,
    `    service: ${tokens.service}`,
    `    issuer: ${tokens.issuer}`,
    `    rootcertbundle: ${tokens.certFile}`,
  ].join('\n');
  return { yaml, tokens };
}

async function waitUntilUp(host: string, child: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    const ok = await fetch(`http://${host}/v2/`).then(
      (r) => r.status === 200 || r.status === 401,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`docker-registry did not come up on ${host}: ${log()}`);
}

/**
 * Starts `docker-registry serve` on a free loopback port with storage in a fresh temporary
 * directory and (a) no auth, (b) htpasswd Basic auth or (c) token auth backed by a token server
 * run in this process. `stop()` kills it, stops the token server and deletes everything.
 */
export async function startRegistry(auth: TestRegistry['auth'] = 'none'): Promise<TestRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const section = await authSection(dir, auth);
  await writeFile(join(dir, 'config.yml'), configYaml(dir, port, section.yaml));
  const child = spawn('/usr/bin/docker-registry', ['serve', join(dir, 'config.yml')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await section.tokens?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(host, child, () => out);
  } catch (err) {
    await stop();
    throw err;
  }
  return { host, auth, ...(section.tokens ? { tokens: section.tokens } : {}), log: () => out, stop };
}

/**
 * Pushes an image to a test registry with skopeo over plain HTTP. `all` copies every manifest
 * of an index (`skopeo copy --all`).
 */
export async function pushImage(
  from: string,
  reg: TestRegistry,
  name: string,
  opts: { all?: boolean; format?: 'oci' | 'v2s2'; compress?: 'gzip' | 'zstd' } = {},
): Promise<string> {
  const creds = reg.auth === 'none' ? [] : ['--dest-creds', `alice:${TEST_USERS.alice}`];
  const args = ['copy', '--quiet', '--dest-tls-verify=false', ...creds];
  if (opts.all) args.push('--all');
  if (opts.format) args.push('--format', opts.format);
  if (opts.compress) args.push('--dest-compress', '--dest-compress-format', opts.compress);
  await tool('skopeo', [...args, from, `docker://${reg.host}/${name}`]);
  return `${reg.host}/${name}`;
}

/** `sha256:<hex>` of some bytes. */
export function sha256Digest(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/**
 * Uploads a blob to a test registry without auth (distribution-spec "Pushing blobs": POST an
 * upload session, then PUT the bytes with `?digest=`). Returns its descriptor fields.
 */
export async function pushBlob(
  reg: TestRegistry,
  repo: string,
  bytes: Buffer,
): Promise<{ digest: string; size: number }> {
  const digest = sha256Digest(bytes);
  const start = await fetch(`http://${reg.host}/v2/${repo}/blobs/uploads/`, { method: 'POST' });
  if (start.status !== 202) throw new Error(`blob upload start: ${start.status} ${await start.text()}`);
  const loc = new URL(start.headers.get('location')!, `http://${reg.host}`);
  loc.searchParams.set('digest', digest);
  const put = await fetch(loc, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  if (put.status !== 201) throw new Error(`blob upload: ${put.status} ${await put.text()}`);
  return { digest, size: bytes.length };
}

/** Puts a manifest or index under a tag or digest; returns the digest of the exact bytes sent. */
export async function putManifest(
  reg: TestRegistry,
  repo: string,
  ref: string,
  json: unknown,
): Promise<string> {
  const bytes = Buffer.from(JSON.stringify(json));
  const mediaType = (json as { mediaType: string }).mediaType;
  const res = await fetch(`http://${reg.host}/v2/${repo}/manifests/${ref}`, {
    method: 'PUT',
    headers: { 'content-type': mediaType },
    body: bytes,
  });
  if (res.status !== 201) throw new Error(`manifest put ${ref}: ${res.status} ${await res.text()}`);
  return sha256Digest(bytes);
}

/** The digest a tag points at (HEAD with the OCI/Docker accept types). */
export async function manifestDigest(reg: TestRegistry, repo: string, tag: string): Promise<string> {
  const res = await fetch(`http://${reg.host}/v2/${repo}/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept:
        'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  const d = res.headers.get('docker-content-digest');
  if (res.status !== 200 || !d) throw new Error(`no digest for ${repo}:${tag}: ${res.status}`);
  return d;
}
