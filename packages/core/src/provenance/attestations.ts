import type { AttestationInfo } from '../types/model.js';
import type { RoutedBundle } from './classify.js';
import { cosignLayerToBundle, DSSE_MEDIA_TYPE } from './cosign-layout.js';
import { namesDigest, parseStatement, slsaSummary } from './in-toto.js';
import type { AttachedBlob } from './registry-artifacts.js';
import type { Trust } from './trust.js';
import { verifyBundle } from './verify-bundle.js';

type Format = AttestationInfo['format'];

function info(
  format: Format,
  via: string,
  predicateType: string,
  verified: boolean,
  reason: string,
): AttestationInfo {
  return { predicateType, format, via, verified, reason };
}

/** Verifies one bundle and reads its statement; the statement is read unverified only to label it. */
function fromBundle(
  format: Format,
  via: string,
  json: unknown,
  digest: string,
  trust: Trust | undefined,
): AttestationInfo {
  const envelope = (json as { dsseEnvelope?: { payload?: string; payloadType?: string } } | null)
    ?.dsseEnvelope;
  const raw = typeof envelope?.payload === 'string' ? Buffer.from(envelope.payload, 'base64') : undefined;
  const st = raw ? parseStatement(raw, envelope?.payloadType) : 'not a DSSE envelope';
  if (typeof st === 'string') return info(format, via, '', false, st);
  const slsa = slsaSummary(st) ?? {};
  const base = { ...info(format, via, st.predicateType, false, ''), ...slsa };
  if (!namesDigest(st, digest))
    return { ...base, reason: `the statement does not name this image (${digest})` };
  if (!trust || (!trust.keys.length && !trust.identities.length))
    return { ...base, reason: 'not verified: the policy names no keys or identities for attestations' };
  const v = verifyBundle(json, Buffer.alloc(0), trust);
  if (!v.ok) return { ...base, reason: v.reason };
  return { ...base, verified: true, signer: v.signer, reason: `signed by ${v.signer}` };
}

/** A cosign `.att` layer (a DSSE envelope; certificate and Rekor entry in annotations). */
function fromLayer(layer: AttachedBlob, digest: string, trust: Trust | undefined): AttestationInfo {
  if (layer.error || !layer.blob)
    return info('cosign-dsse', layer.via, '', false, layer.error ?? 'no content');
  if (layer.mediaType !== DSSE_MEDIA_TYPE)
    return info(
      'cosign-dsse',
      layer.via,
      '',
      false,
      `layer media type ${layer.mediaType} is not a DSSE envelope`,
    );
  let envelope: unknown;
  try {
    envelope = JSON.parse(layer.blob.toString('utf8'));
  } catch {
    return info('cosign-dsse', layer.via, '', false, 'the DSSE envelope is not JSON');
  }
  const built = cosignLayerToBundle({ kind: 'dsse', envelope }, layer.annotations);
  if ('error' in built) return info('cosign-dsse', layer.via, '', false, built.error);
  return fromBundle('cosign-dsse', layer.via, built.bundle, digest, trust);
}

/**
 * Every in-toto attestation attached to manifest `digest`: cosign `.att` layers and referrer
 * bundles that are not plain signatures. Only a verified one whose subject is this manifest
 * counts for the policy; the others are listed with the reason.
 */
export function checkAttestations(
  layers: readonly AttachedBlob[],
  bundles: readonly RoutedBundle[],
  digest: string,
  trust: Trust | undefined,
): AttestationInfo[] {
  return [
    ...layers.map((l) => fromLayer(l, digest, trust)),
    ...bundles.map((b) =>
      b.error
        ? info('sigstore-bundle', b.blob.via, '', false, b.error)
        : fromBundle('sigstore-bundle', b.blob.via, b.json, digest, trust),
    ),
  ];
}
