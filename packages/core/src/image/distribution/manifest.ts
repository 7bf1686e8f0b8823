import { createHash } from 'node:crypto';
import { messages, UserError } from '../../errors.js';
import {
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  MEDIATYPE_DOCKER_MANIFEST,
  MEDIATYPE_DOCKER_MANIFEST_LIST,
  MEDIATYPE_OCI_IMAGE_INDEX,
  MEDIATYPE_OCI_IMAGE_MANIFEST,
} from '../../types/oci/media-types.js';
import { parseJson } from '../parse.js';
import type { RegistryClient } from './client.js';
import { readBody, type HttpResponse } from './http.js';

/**
 * What we accept, most specific first (OCI distribution-spec, "Pulling manifests": the client
 * SHOULD send every type it understands). Docker schema 1 is left out on purpose, so a registry
 * converts or refuses rather than sending a signed v1 manifest.
 */
export const MANIFEST_ACCEPT = [
  MEDIATYPE_OCI_IMAGE_INDEX,
  MEDIATYPE_DOCKER_MANIFEST_LIST,
  MEDIATYPE_OCI_IMAGE_MANIFEST,
  MEDIATYPE_DOCKER_MANIFEST,
].join(', ');

/** Registries must accept manifests of at least 4 MiB (distribution-spec, "Pushing manifests"). */
const MAX_MANIFEST_BYTES = 4 << 20;

/** A manifest or index as fetched, with the digest of its exact bytes. */
export interface FetchedManifest {
  digest: string;
  mediaType: string;
  kind: 'index' | 'manifest';
  json: unknown;
  /** The exact bytes the digest is of (what a signature over the manifest signs). */
  bytes: Buffer;
}

function digestOf(bytes: Buffer, alg: string): string {
  return `${alg}:${createHash(alg === 'sha512' ? 'sha512' : 'sha256')
    .update(bytes)
    .digest('hex')}`;
}

/**
 * `GET /v2/<name>/manifests/<reference>` and checks what came back: the bytes must hash to the
 * digest when the reference is one, and to `Docker-Content-Digest` when the registry sends it
 * (distribution-spec, "Pulling manifests": the client SHOULD verify). The media type comes from
 * the body's `mediaType`, else from `Content-Type`.
 */
export async function fetchManifest(client: RegistryClient, reference: string): Promise<FetchedManifest> {
  const res = await client.get(`manifests/${reference}`, { accept: MANIFEST_ACCEPT }, 'manifest');
  return checkManifest(client, reference, res);
}

/** {@link fetchManifest}, with `undefined` when the registry has no such manifest (404). */
export async function fetchManifestIfAny(
  client: RegistryClient,
  reference: string,
): Promise<FetchedManifest | undefined> {
  const res = await client.getOptional(`manifests/${reference}`, { accept: MANIFEST_ACCEPT }, 'manifest');
  return res ? checkManifest(client, reference, res) : undefined;
}

async function checkManifest(
  client: RegistryClient,
  reference: string,
  res: HttpResponse,
): Promise<FetchedManifest> {
  const bytes = await readBody(res, MAX_MANIFEST_BYTES);
  const where = { image: client.ref };
  const expected = reference.includes(':') ? reference : String(res.headers['docker-content-digest'] ?? '');
  const digest = digestOf(bytes, expected.includes(':') ? expected.split(':')[0]! : 'sha256');
  if (expected.includes(':') && expected !== digest)
    throw new UserError(messages.digestMismatch(expected, digest), where);
  const json = parseJson(bytes, 'manifest', where);
  const bodyType = (json as { mediaType?: unknown } | null)?.mediaType;
  const mediaType =
    typeof bodyType === 'string'
      ? bodyType
      : String(res.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim();
  const isIndex =
    INDEX_MEDIA_TYPES.has(mediaType) ||
    (!mediaType && Array.isArray((json as { manifests?: unknown }).manifests));
  const isManifest =
    MANIFEST_MEDIA_TYPES.has(mediaType) || (!mediaType && (json as { config?: unknown }).config);
  if (!isIndex && !isManifest) throw new UserError(messages.manifestUnsupported(mediaType), where);
  return { digest, mediaType, kind: isIndex ? 'index' : 'manifest', json, bytes };
}
