import { messages, UserError } from '../../errors.js';
import type { OciDescriptor } from '../../types/oci/descriptor.js';
import { openBlobStream } from '../distribution/blob-stream.js';
import { RegistryClient } from '../distribution/client.js';
import { fetchManifest, type FetchedManifest } from '../distribution/manifest.js';
import { DEFAULT_RETRY_POLICY } from '../distribution/retry.js';
import { asConfig, asIndex, asManifest, parseJson } from '../parse.js';
import { formatPlatform, parsePlatform, pickManifest } from '../platform.js';
import { formatImageName, manifestReference, parseImageName, type ImageName } from '../reference.js';
import type { ImageSourceKind, LayerRef, OpenedImage, SourceContext } from '../source.js';
import { readAll } from '../stream-utils.js';

const MAX_CONFIG_BYTES = 64 << 20;
/** Indexes may nest (an index naming an index); deeper than this is refused. */
const MAX_INDEX_DEPTH = 4;

/**
 * An image in a registry, over the OCI distribution API v2: `registry:alpine:3.20`,
 * `registry:ghcr.io/org/app@sha256:…`, or a bare name when the local daemon does not have it.
 * Image indexes and Docker manifest lists are resolved to `--platform`; the config and every
 * layer are verified against their digests while they stream.
 */
export const registrySource: ImageSourceKind = {
  kind: 'registry',
  description: 'an image in an OCI/Docker registry (registry:NAME[:TAG|@DIGEST], or a bare NAME)',
  open: openRegistryImage,
};

async function resolveToManifest(client: RegistryClient, ctx: SourceContext): Promise<FetchedManifest> {
  let fetched = await fetchManifest(client, manifestReference(client.name));
  for (let depth = 0; fetched.kind === 'index'; depth++) {
    if (depth >= MAX_INDEX_DEPTH)
      throw new UserError(`image index nests deeper than ${MAX_INDEX_DEPTH} levels`, { image: client.ref });
    const index = asIndex(fetched.json, { image: client.ref });
    const desc = pickManifest(index.manifests, ctx.platform, { image: client.ref });
    ctx.logger.debug(`registry: ${client.ref}: platform ${ctx.platform} is ${desc.digest}`);
    fetched = await fetchManifest(client, desc.digest);
  }
  return fetched;
}

async function openRegistryImage(location: string, ctx: SourceContext): Promise<OpenedImage> {
  const name = parseImageName(location);
  if (!name) throw new UserError(messages.unknownReference(location));
  const logger = ctx.logger;
  const client = new RegistryClient(name, {
    registry: ctx.registry ?? {},
    env: ctx.env ?? process.env,
    logger,
  });
  const where = { image: client.ref };
  const fetched = await resolveToManifest(client, ctx);
  const manifest = asManifest(fetched.json, where);
  const blob = (d: OciDescriptor) => openBlobStream(client, d, DEFAULT_RETRY_POLICY, logger);
  const configBytes = await readAll(blob(manifest.config), MAX_CONFIG_BYTES);
  const config = asConfig(parseJson(configBytes, 'image config', where), where);
  warnOnPlatform(config, ctx);
  const diffIds = config.rootfs.diff_ids;
  if (diffIds.length !== manifest.layers.length)
    throw new UserError(messages.layerCountMismatch(manifest.layers.length, diffIds.length), where);
  const layers: LayerRef[] = manifest.layers.map((l, i) => ({
    digest: l.digest,
    diffId: diffIds[i]!,
    mediaType: l.mediaType,
    size: l.size,
    verifiesDigest: true,
    contentAddressed: true,
    open: async () => blob(l),
  }));
  return {
    source: 'registry',
    manifest,
    manifestDigest: fetched.digest,
    config,
    configDigest: manifest.config.digest,
    repoTags: name.tag ? [formatImageName(withoutDigest(name))] : [],
    layers,
    close: async () => {},
  };
}

function withoutDigest(n: ImageName): ImageName {
  const { digest: _digest, ...rest } = n;
  return rest;
}

/** A single-platform image that is not the platform asked for is scanned, with a warning. */
function warnOnPlatform(
  config: { os: string; architecture: string; variant?: string },
  ctx: SourceContext,
): void {
  const want = parsePlatform(ctx.platform);
  if (config.os !== want.os || config.architecture !== want.architecture)
    ctx.logger.warn(
      `image is ${formatPlatform(config)}, not ${ctx.platform}; scanning it anyway (it has no other platform)`,
    );
}
