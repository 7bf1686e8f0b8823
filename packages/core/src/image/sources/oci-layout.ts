import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { messages, UserError, type Where } from '../../errors.js';
import { OCI_BLOBS_DIR, OCI_INDEX_FILE, OCI_LAYOUT_FILE } from '../../types/oci/layout.js';
import { openOciImage, type BlobStore } from '../oci-image.js';
import type { ImageSourceKind } from '../source.js';

/**
 * An OCI image layout directory (OCI `image-layout.md`): `oci-layout`, `index.json` and
 * `blobs/<alg>/<hex>`, as written by skopeo, umoci, buildah and `docker buildx --output type=oci`.
 * `oci:DIR:TAG` picks the manifest whose `org.opencontainers.image.ref.name` is TAG.
 */
export const ociLayoutSource: ImageSourceKind = {
  kind: 'oci',
  description: 'an OCI image layout directory (oci:DIR or oci:DIR:TAG)',
  async sniff(path) {
    return (await stat(join(path, OCI_LAYOUT_FILE)).catch(() => undefined))?.isFile() ?? false;
  },
  open: async (location, ctx) => {
    const { path, tag } = splitLocation(location);
    if (!(await stat(path).catch(() => undefined))?.isDirectory())
      throw new UserError(messages.fileNotFound(path), { file: path });
    return openOciImage(dirStore(path), tag, ctx, 'oci');
  },
};

/** `PATH:TAG` unless what follows the last colon contains a `/` (then it is all a path). */
export function splitLocation(location: string): { path: string; tag?: string } {
  const i = location.lastIndexOf(':');
  if (i <= 0 || location.slice(i + 1).includes('/')) return { path: location };
  return { path: location.slice(0, i), tag: location.slice(i + 1) };
}

/** Path of a blob in a layout directory; refuses digests that would escape `blobs/`. */
export function blobPath(dir: string, digest: string, where: Where): string {
  const m = /^([a-z0-9]+):([a-zA-Z0-9=_-]+)$/.exec(digest);
  if (!m)
    throw new UserError(messages.fieldInvalid('descriptor', 'digest', 'a digest like sha256:<hex>'), where);
  return join(dir, OCI_BLOBS_DIR, m[1]!, m[2]!);
}

function dirStore(dir: string): BlobStore {
  return {
    location: dir,
    readIndex: () => readFile(join(dir, OCI_INDEX_FILE)).catch(() => undefined),
    describe: (digest) => blobPath(dir, digest, { file: dir }),
    async open(digest) {
      const path = blobPath(dir, digest, { file: dir });
      if (!(await stat(path).catch(() => undefined))?.isFile()) return undefined;
      return createReadStream(path, { highWaterMark: 1 << 20 });
    },
  };
}
