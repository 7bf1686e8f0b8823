import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { OCI_INDEX_FILE, OCI_LAYOUT_FILE } from '../../types/oci/layout.js';
import { indexArchive, indexIfPlainTar, resolveMember, type IndexedArchive } from '../archive-file.js';
import { openOciImage, type BlobStore } from '../oci-image.js';
import type { ImageSourceKind } from '../source.js';
import { readAll } from '../stream-utils.js';
import { splitLocation } from './oci-layout.js';

/**
 * A tarball of an OCI image layout (`oci-archive:PATH[:TAG]`), as written by `skopeo copy
 * oci-archive:`, `buildah push oci-archive:` and `docker buildx --output type=oci`. Like
 * docker-archive, the tar is indexed by its headers and blobs are read by offset, so nothing is
 * unpacked; a compressed tarball is decompressed once into the scan's temporary directory.
 */
export const ociArchiveSource: ImageSourceKind = {
  kind: 'oci-archive',
  description: 'a tarball of an OCI image layout (oci-archive:PATH or oci-archive:PATH:TAG)',
  async sniff(path) {
    try {
      const members = await indexIfPlainTar(path);
      return (members?.has(OCI_LAYOUT_FILE) && members.has(OCI_INDEX_FILE)) ?? false;
    } catch {
      return false;
    }
  },
  open: async (location, ctx) => {
    const { path, tag } = splitLocation(location);
    const archive = await indexArchive(path, ctx.tmpDir, 'oci-archive');
    return openOciImage(tarStore(path, archive), tag, ctx, 'oci-archive');
  },
};

function member(archive: IndexedArchive, name: string): Readable | undefined {
  const m = resolveMember(archive.members, name);
  if (!m) return undefined;
  if (m.size === 0) return Readable.from([]);
  return createReadStream(archive.tarPath, {
    start: m.offset,
    end: m.offset + m.size - 1,
    highWaterMark: 1 << 20,
  });
}

function tarStore(location: string, archive: IndexedArchive): BlobStore {
  const blobName = (digest: string) => `blobs/${digest.replace(':', '/')}`;
  return {
    location,
    describe: (digest) => `${location}:${blobName(digest)}`,
    readIndex: async () => {
      const s = member(archive, OCI_INDEX_FILE);
      return s ? readAll(s, 64 << 20) : undefined;
    },
    open: async (digest) =>
      /^[a-z0-9]+:[a-zA-Z0-9=_-]+$/.test(digest) ? member(archive, blobName(digest)) : undefined,
  };
}
