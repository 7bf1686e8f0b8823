import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { tool } from './tools.js';

/** Files for a build context: path → content, or `{ mode, content }`. */
export type Files = Record<string, string | Buffer | { mode: number; content: string }>;

/** A private podman/buildah image store under a test's work dir (vfs: no overlay mounts needed). */
export interface ImageStore {
  work: string;
  /** Global flags that point podman and buildah at the store. */
  flags: string[];
}

export function imageStore(work: string): ImageStore {
  return {
    work,
    flags: ['--root', join(work, 'storage'), '--runroot', join(work, 'run'), '--storage-driver', 'vfs'],
  };
}

export async function writeFiles(dir: string, files: Files): Promise<void> {
  for (const [path, v] of Object.entries(files)) {
    const full = join(dir, path);
    await mkdir(dirname(full), { recursive: true });
    await writeFile(full, typeof v === 'string' || Buffer.isBuffer(v) ? v : v.content);
    await chmod(full, typeof v === 'object' && 'mode' in v ? v.mode : 0o644);
  }
}

/**
 * `podman build --format docker` (only Docker's format keeps HEALTHCHECK) of a Dockerfile given
 * as lines, then `podman save` to a docker-archive; returns the archive's path.
 */
export async function podmanBuild(
  store: ImageStore,
  name: string,
  dockerfile: string[],
  files: Files,
  tag = `localhost/tg-${name}:1`,
): Promise<string> {
  const ctx = join(store.work, 'ctx', name);
  await writeFiles(ctx, files);
  await writeFile(join(ctx, 'Dockerfile'), `${dockerfile.join('\n')}\n`);
  await tool('podman', [...store.flags, 'build', '--quiet', '--format', 'docker', '-t', tag, ctx]);
  const archive = join(store.work, `${name}.tar`);
  await tool('podman', [...store.flags, 'save', '--quiet', '--format', 'docker-archive', '-o', archive, tag]);
  return archive;
}

/**
 * An image whose history says what a Dockerfile without RUN cannot: buildah copies `files` into
 * an empty root, applies `config` (`buildah config` flags) with `createdBy` as the step's
 * history line, and commits in Docker format. Paths in `remove` are then deleted in a second
 * commit on top, so the first layer keeps them and the second holds their whiteouts.
 */
export async function buildahCommit(
  store: ImageStore,
  name: string,
  opts: { createdBy: string; files: Files; config?: string[]; remove?: string[] },
): Promise<string> {
  const b = (...args: string[]) => tool('buildah', [...store.flags, ...args]).then((out) => out.trim());
  const ctx = join(store.work, 'ctx', name);
  await writeFiles(ctx, opts.files);
  const tag = `localhost/tg-${name}:1`;
  const c = await b('from', 'scratch');
  await b('copy', c, ctx, '/');
  await b('config', ...(opts.config ?? []), '--created-by', opts.createdBy, c);
  await b('commit', '--quiet', '--format', 'docker', c, tag);
  if (opts.remove?.length) {
    // a new container on top of the commit, so the deletion becomes a layer of whiteouts
    const c2 = await b('from', tag);
    const root = await b('mount', c2);
    for (const p of opts.remove) await rm(join(root, p), { recursive: true, force: true });
    await b('umount', c2);
    await b('config', '--created-by', `RUN /bin/sh -c rm -rf ${opts.remove.join(' ')} # buildkit`, c2);
    await b('commit', '--quiet', '--format', 'docker', c2, tag);
  }
  const archive = join(store.work, `${name}.tar`);
  await b('push', '--quiet', tag, `docker-archive:${archive}:${tag}`);
  return archive;
}
