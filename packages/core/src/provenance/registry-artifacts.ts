import { UserError } from '../errors.js';
import { openBlobStream } from '../image/distribution/blob-stream.js';
import type { RegistryClient } from '../image/distribution/client.js';
import { readBody } from '../image/distribution/http.js';
import { fetchManifest, fetchManifestIfAny, type FetchedManifest } from '../image/distribution/manifest.js';
import { DEFAULT_RETRY_POLICY } from '../image/distribution/retry.js';
import { asIndex, asManifest, parseJson } from '../image/parse.js';
import { readAll } from '../image/stream-utils.js';
import type { Logger } from '../logger.js';
import type { OciDescriptor } from '../types/oci/descriptor.js';
import { MEDIATYPE_OCI_IMAGE_INDEX } from '../types/oci/media-types.js';
import { BUNDLE_ARTIFACT_TYPES, digestTag } from './cosign-layout.js';

/**
 * A signature, attestation or bundle is a few KiB; a blob past this is refused unread (a huge
 * payload must not cost memory), and the signature it carries counts as not verified.
 */
export const MAX_SIGNATURE_BLOB_BYTES = 1 << 20;
/** Referrers and layers looked at per manifest, at most: a flood of them is not read. */
const MAX_ENTRIES = 64;

/** One layer (or referrer bundle) found attached to a manifest: its bytes, or why they were not read. */
export interface AttachedBlob {
  /** `tag sha256-….sig`, `referrers API`, `referrers tag sha256-…`. */
  via: string;
  mediaType: string;
  annotations: Record<string, string>;
  blob?: Buffer;
  error?: string;
}

/** What a registry holds about one manifest: its exact bytes, signatures, attestations, bundles. */
export interface Attached {
  manifest: FetchedManifest;
  signatures: AttachedBlob[];
  attestations: AttachedBlob[];
  bundles: AttachedBlob[];
}

async function readBlob(client: RegistryClient, d: OciDescriptor, logger: Logger): Promise<Buffer | string> {
  if (d.size > MAX_SIGNATURE_BLOB_BYTES)
    return `blob ${d.digest} is ${d.size} bytes, over the ${MAX_SIGNATURE_BLOB_BYTES}-byte limit for a signature`;
  try {
    return await readAll(
      await openBlobStream(client, d, DEFAULT_RETRY_POLICY, logger),
      MAX_SIGNATURE_BLOB_BYTES,
    );
  } catch (err) {
    if (err instanceof RangeError)
      return `blob ${d.digest} is over the ${MAX_SIGNATURE_BLOB_BYTES}-byte limit`;
    throw err;
  }
}

async function layersOf(
  client: RegistryClient,
  m: FetchedManifest,
  via: string,
  logger: Logger,
): Promise<AttachedBlob[]> {
  const manifest = asManifest(m.json, { image: `${client.ref} (${via})` });
  const out: AttachedBlob[] = [];
  for (const l of manifest.layers.slice(0, MAX_ENTRIES)) {
    const blob = await readBlob(client, l, logger);
    out.push({
      via,
      mediaType: l.mediaType,
      annotations: l.annotations ?? {},
      ...(typeof blob === 'string' ? { error: blob } : { blob }),
    });
  }
  return out;
}

async function fromTag(client: RegistryClient, digest: string, suffix: string, logger: Logger) {
  const tag = digestTag(digest, suffix);
  const m = await fetchManifestIfAny(client, tag);
  return m ? layersOf(client, m, `tag ${tag}`, logger) : [];
}

/**
 * The referrers of `digest` (OCI distribution-spec 1.1, "Listing Referrers"), else the fallback
 * tag `sha256-<hex>` holding an index of them (the spec's referrers tag schema, for registries
 * without the API: Debian's docker-registry 2.8 answers 404).
 */
async function referrers(
  client: RegistryClient,
  digest: string,
): Promise<{ list: OciDescriptor[]; via: string }> {
  const res = await client.getOptional(
    `referrers/${digest}`,
    { accept: MEDIATYPE_OCI_IMAGE_INDEX },
    'referrers',
  );
  const where = { image: client.ref };
  if (res && String(res.headers['content-type'] ?? '').startsWith(MEDIATYPE_OCI_IMAGE_INDEX)) {
    const index = asIndex(parseJson(await readBody(res, 4 << 20), 'referrers index', where), where);
    return { list: index.manifests, via: 'referrers API' };
  }
  res?.body.resume();
  const tag = digestTag(digest);
  const m = await fetchManifestIfAny(client, tag);
  if (!m) return { list: [], via: `referrers tag ${tag}` };
  return { list: asIndex(m.json, where).manifests, via: `referrers tag ${tag}` };
}

async function bundles(client: RegistryClient, digest: string, logger: Logger): Promise<AttachedBlob[]> {
  const { list, via } = await referrers(client, digest);
  const out: AttachedBlob[] = [];
  for (const d of list.filter((x) => BUNDLE_ARTIFACT_TYPES.has(x.artifactType ?? '')).slice(0, MAX_ENTRIES)) {
    const m = await fetchManifest(client, d.digest);
    const layers = await layersOf(client, m, via, logger);
    out.push(...layers.slice(0, 1));
  }
  return out;
}

/**
 * Everything attached to manifest `digest` of the client's repository: the cosign `.sig` and
 * `.att` tags and the OCI 1.1 referrers carrying sigstore bundles. Network and registry failures
 * are `UserError`s (exit 2: an unreachable registry must not look like "unsigned").
 */
export async function fetchAttached(
  client: RegistryClient,
  digest: string,
  logger: Logger,
): Promise<Attached> {
  try {
    const manifest = await fetchManifest(client, digest);
    return {
      manifest,
      signatures: await fromTag(client, digest, '.sig', logger),
      attestations: await fromTag(client, digest, '.att', logger),
      bundles: await bundles(client, digest, logger),
    };
  } catch (err) {
    throw new UserError('cannot read signatures', { image: `${client.ref}@${digest}` }, { cause: err });
  }
}
