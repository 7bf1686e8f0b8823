import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { messages, UserError, type Where } from '../../errors.js';
import type { OciDescriptor } from '../../types/oci/descriptor.js';
import {
  ANNOTATION_REF_NAME,
  OCI_BLOBS_DIR,
  OCI_INDEX_FILE,
  OCI_LAYOUT_FILE,
} from '../../types/oci/layout.js';
import { INDEX_MEDIA_TYPES } from '../../types/oci/media-types.js';
import { asConfig, asIndex, asManifest, parseJson } from '../parse.js';
import { pickManifest } from '../platform.js';
import type { ImageSourceKind, OpenedImage, SourceContext } from '../source.js';
import { digestVerifier, readAll } from '../stream-utils.js';

const MAX_META_BYTES = 64 << 20;

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
  open: (location, ctx) => {
    const { dir, tag } = splitLocation(location);
    return openOciLayout(dir, tag, ctx);
  },
};

/** `DIR:TAG` unless `DIR:TAG` is itself an existing directory name. */
function splitLocation(location: string): { dir: string; tag?: string } {
  const i = location.lastIndexOf(':');
  if (i <= 0 || location.slice(i + 1).includes('/')) return { dir: location };
  return { dir: location.slice(0, i), tag: location.slice(i + 1) };
}

/** Path of a blob in a layout directory; refuses digests that would escape `blobs/`. */
export function blobPath(dir: string, digest: string, where: Where): string {
  const m = /^([a-z0-9]+):([a-zA-Z0-9=_-]+)$/.exec(digest);
  if (!m)
    throw new UserError(messages.fieldInvalid('descriptor', 'digest', 'a digest like sha256:<hex>'), where);
  return join(dir, OCI_BLOBS_DIR, m[1]!, m[2]!);
}

/** Reads a small blob (manifest, index, config) fully and checks its digest. */
export async function readBlob(dir: string, desc: OciDescriptor, where: Where): Promise<Buffer> {
  const path = blobPath(dir, desc.digest, where);
  if (!(await stat(path).catch(() => undefined))?.isFile())
    throw new UserError(messages.blobMissing(desc.digest), where);
  const verified = createReadStream(path).pipe(
    digestVerifier(
      desc.digest,
      (got) => new UserError(messages.digestMismatch(desc.digest, got), { ...where, file: path }),
    ),
  );
  return readAll(verified, MAX_META_BYTES);
}

async function openOciLayout(dir: string, tag: string | undefined, ctx: SourceContext): Promise<OpenedImage> {
  const where: Where = { file: dir };
  if (!(await stat(dir).catch(() => undefined))?.isDirectory())
    throw new UserError(messages.fileNotFound(dir), where);
  const indexFile = join(dir, OCI_INDEX_FILE);
  const indexText = await readFile(indexFile).catch(() => {
    throw new UserError(messages.notAnImage(), where);
  });
  let index = asIndex(parseJson(indexText, 'index.json', { file: indexFile }), { file: indexFile });
  let candidates = index.manifests;
  if (tag) {
    candidates = candidates.filter((m) => m.annotations?.[ANNOTATION_REF_NAME] === tag);
    if (candidates.length === 0) throw new UserError(`no image tagged '${tag}' in ${indexFile}`, where);
  }
  let desc = pickManifest(candidates, ctx.platform, { file: indexFile });
  // An index may point at another index (skopeo writes a manifest list this way).
  for (let depth = 0; INDEX_MEDIA_TYPES.has(desc.mediaType) && depth < 4; depth++) {
    index = asIndex(parseJson(await readBlob(dir, desc, where), 'image index', where), where);
    desc = pickManifest(index.manifests, ctx.platform, where);
  }
  const manifestWhere = { file: blobPath(dir, desc.digest, where) };
  const manifest = asManifest(
    parseJson(await readBlob(dir, desc, where), 'image manifest', manifestWhere),
    manifestWhere,
  );
  const configWhere = { file: blobPath(dir, manifest.config.digest, where) };
  const config = asConfig(
    parseJson(await readBlob(dir, manifest.config, where), 'image config', configWhere),
    configWhere,
  );
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length)
    throw new UserError(messages.layerCountMismatch(manifest.layers.length, diffIds.length), manifestWhere);
  // ref.name is either a full reference (docker.io/library/alpine:3.19) or just a tag; only the
  // former names the image
  const refName = desc.annotations?.[ANNOTATION_REF_NAME];
  const repoTags = refName && /[:/]/.test(refName) ? [refName] : [];
  return {
    source: 'oci',
    manifest,
    manifestDigest: desc.digest,
    config,
    configDigest: manifest.config.digest,
    repoTags,
    layers: manifest.layers.map((l, i) => ({
      digest: l.digest,
      diffId: diffIds[i]!,
      mediaType: l.mediaType,
      size: l.size,
      verifiesDigest: true,
      open: async () => {
        const layerWhere = { file: dir, layer: l.digest };
        const path = blobPath(dir, l.digest, layerWhere);
        if (!(await stat(path).catch(() => undefined))?.isFile())
          throw new UserError(messages.blobMissing(l.digest), layerWhere);
        const raw = createReadStream(path, { highWaterMark: 1 << 16 });
        const verified = raw.pipe(
          digestVerifier(
            l.digest,
            (got) => new UserError(messages.digestMismatch(l.digest, got), layerWhere),
          ),
        );
        raw.once('error', (e) => verified.destroy(e));
        return verified;
      },
    })),
    close: async () => {},
  };
}
