import type { Readable } from 'node:stream';
import { messages, UserError, type Where } from '../errors.js';
import type { OciDescriptor } from '../types/oci/descriptor.js';
import type { OciManifest } from '../types/oci/manifest.js';
import { ANNOTATION_REF_NAME } from '../types/oci/layout.js';
import { INDEX_MEDIA_TYPES } from '../types/oci/media-types.js';
import { asConfig, asIndex, asManifest, parseJson } from './parse.js';
import { pickManifest } from './platform.js';
import type { LayerRef, OpenedImage, SourceContext } from './source.js';
import { digestVerifier, readAll } from './stream-utils.js';

const MAX_META_BYTES = 64 << 20;
const MAX_INDEX_DEPTH = 4;

/** Where the blobs of an OCI image layout live: a directory (`oci:`) or a tarball (`oci-archive:`). */
export interface BlobStore {
  /** The layout directory or archive, for messages. */
  location: string;
  /** The bytes of `index.json`, or `undefined` when there is none. */
  readIndex(): Promise<Buffer | undefined>;
  /** The raw bytes of a blob, or `undefined` when the layout lacks it. */
  open(digest: string): Promise<Readable | undefined>;
  /** Where a blob is, for messages (`DIR/blobs/sha256/…`). */
  describe(digest: string): string;
}

/** Opens a blob and verifies it while it streams; a missing blob is a `UserError` naming it. */
export async function openVerified(store: BlobStore, digest: string, where: Where): Promise<Readable> {
  const raw = await store.open(digest);
  if (!raw) throw new UserError(messages.blobMissing(digest), where);
  const verified = raw.pipe(
    digestVerifier(
      digest,
      (got) =>
        new UserError(messages.digestMismatch(digest, got), { ...where, file: store.describe(digest) }),
    ),
  );
  raw.once('error', (e) => verified.destroy(e));
  return verified;
}

async function readJsonBlob(store: BlobStore, desc: OciDescriptor, what: string): Promise<unknown> {
  const where = { file: store.describe(desc.digest) };
  return parseJson(await readAll(await openVerified(store, desc.digest, where), MAX_META_BYTES), what, where);
}

/** `index.json` → (tag) → nested indexes → the manifest for `platform` (OCI `image-layout.md`). */
async function resolveManifest(
  store: BlobStore,
  tag: string | undefined,
  platform: string,
): Promise<{ desc: OciDescriptor; manifest: OciManifest }> {
  const indexWhere = { file: `${store.location}:index.json` };
  const indexBytes = await store.readIndex();
  if (!indexBytes) throw new UserError(messages.notAnImage(), { file: store.location });
  let index = asIndex(parseJson(indexBytes, 'index.json', indexWhere), indexWhere);
  let candidates = index.manifests;
  if (tag) {
    candidates = candidates.filter((m) => m.annotations?.[ANNOTATION_REF_NAME] === tag);
    if (candidates.length === 0) throw new UserError(`no image tagged '${tag}' in index.json`, indexWhere);
  }
  let desc = pickManifest(candidates, platform, indexWhere);
  // An index may point at another index (skopeo writes a manifest list this way).
  for (let depth = 0; INDEX_MEDIA_TYPES.has(desc.mediaType); depth++) {
    if (depth >= MAX_INDEX_DEPTH)
      throw new UserError(`image index nests deeper than ${MAX_INDEX_DEPTH} levels`, indexWhere);
    index = asIndex(await readJsonBlob(store, desc, 'image index'), { file: store.describe(desc.digest) });
    desc = pickManifest(index.manifests, platform, { file: store.describe(desc.digest) });
  }
  const manifest = asManifest(await readJsonBlob(store, desc, 'image manifest'), {
    file: store.describe(desc.digest),
  });
  return { desc, manifest };
}

/**
 * Opens the image of an OCI layout held in `store`: picks the manifest (by tag and platform),
 * reads and checks the config, and returns layers that are verified against their digests
 * while they stream.
 */
export async function openOciImage(
  store: BlobStore,
  tag: string | undefined,
  ctx: SourceContext,
  source: string,
): Promise<OpenedImage> {
  const { desc, manifest } = await resolveManifest(store, tag, ctx.platform);
  const config = asConfig(await readJsonBlob(store, manifest.config, 'image config'), {
    file: store.describe(manifest.config.digest),
  });
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length)
    throw new UserError(messages.layerCountMismatch(manifest.layers.length, diffIds.length), {
      file: store.describe(desc.digest),
    });
  const layers: LayerRef[] = manifest.layers.map((l, i) => ({
    digest: l.digest,
    diffId: diffIds[i]!,
    mediaType: l.mediaType,
    size: l.size,
    verifiesDigest: true,
    open: () => openVerified(store, l.digest, { file: store.location, layer: l.digest }),
  }));
  return {
    source,
    manifest,
    manifestDigest: desc.digest,
    config,
    configDigest: manifest.config.digest,
    // ref.name is either a full reference (docker.io/library/alpine:3.19) or just a tag; only the
    // former names the image
    repoTags: /[:/]/.test(desc.annotations?.[ANNOTATION_REF_NAME] ?? '')
      ? [desc.annotations![ANNOTATION_REF_NAME]!]
      : [],
    layers,
    close: async () => {},
  };
}
