import { constants } from 'node:fs';
import { lstat, open, opendir, readlink, stat } from 'node:fs/promises';
import { arch } from 'node:os';
import { join, resolve } from 'node:path';
import { messages, UserError } from '../../errors.js';
import { MEDIATYPE_OCI_LAYER_TAR } from '../../types/oci/media-types.js';
import type { FileMeta } from '../file-meta.js';
import type { RawEntry } from '../layer-walk.js';
import type { ImageSourceKind, OpenedImage } from '../source.js';

const ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ppc64: 'ppc64le',
  s390x: 's390x',
};

/**
 * Reads a regular file without following a symlink swapped in after the walk saw it
 * (`O_NOFOLLOW`), and without blocking on a FIFO (`O_NONBLOCK`, and only regular files are read).
 */
async function readRegular(path: string, limit: number): Promise<Buffer> {
  const fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error(`${path} is no longer a regular file`);
    if (st.size > limit) throw new RangeError(`more than ${limit} bytes`);
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < buf.length) {
      const { bytesRead } = await fh.read(buf, at, buf.length - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return buf.subarray(0, at);
  } finally {
    await fh.close();
  }
}

function typeOf(st: {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}): FileMeta['type'] {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'dir';
  return st.isSymbolicLink() ? 'symlink' : 'other';
}

/**
 * Every entry under `root`, depth first, as a layer would hold them. Symlinks are recorded with
 * their target and never followed (the merged view resolves them inside the image root), so the
 * walk cannot leave `root`; devices, FIFOs and sockets are recorded and never opened.
 */
export async function* dirEntries(root: string, rel = ''): AsyncGenerator<RawEntry> {
  const dir = await opendir(join(root, rel));
  for await (const d of dir) {
    const path = rel ? `${rel}/${d.name}` : d.name;
    const full = join(root, path);
    const st = await lstat(full).catch(() => undefined);
    if (!st) continue; // removed while we walked
    const type = typeOf(st);
    yield {
      name: path,
      type,
      mode: st.mode & 0o7777,
      size: type === 'file' ? st.size : 0,
      uid: st.uid,
      gid: st.gid,
      ...(type === 'symlink' ? { linkname: await readlink(full) } : {}),
      read: (limit) => readRegular(full, limit),
    };
    if (type === 'dir') yield* dirEntries(root, path);
  }
}

/**
 * A plain root filesystem directory (`dir:PATH`), e.g. a `debootstrap` target or an unpacked
 * image, walked as a single layer. There is no config, so the image is described as the host's
 * platform with no history; the layer is neither verified nor cached, since nothing
 * content-addresses it.
 */
export const rootfsDirSource: ImageSourceKind = {
  kind: 'dir',
  description: 'a root filesystem directory, walked as one layer (dir:PATH)',
  open: async (location) => {
    const root = resolve(location);
    const st = await stat(root).catch(() => undefined);
    if (!st) throw new UserError(messages.fileNotFound(location), { file: location });
    if (!st.isDirectory()) throw new UserError(messages.notADirectory(location), { file: location });
    return dirImage(root);
  },
};

function dirImage(root: string): OpenedImage {
  const id = `dir:${root}`;
  return {
    source: 'dir',
    manifest: { schemaVersion: 2, config: { mediaType: '', digest: id, size: 0 }, layers: [] },
    config: { architecture: ARCH[arch()] ?? arch(), os: 'linux', rootfs: { type: 'layers', diff_ids: [id] } },
    configDigest: '',
    noConfig: true,
    repoTags: [],
    layers: [
      {
        digest: id,
        diffId: id,
        mediaType: MEDIATYPE_OCI_LAYER_TAR,
        verifiesDigest: false,
        cacheable: false,
        open: () => Promise.reject(new Error('a dir: layer has no tar stream')),
        entries: () => dirEntries(root),
      },
    ],
    close: async () => {},
  };
}
