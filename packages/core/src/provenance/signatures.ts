import type { SignatureCheck, SignatureEvidence } from '../types/model.js';
import type { RoutedBundle } from './classify.js';
import {
  ANNOTATION_SIGNATURE,
  cosignLayerToBundle,
  parseSimpleSigning,
  SIMPLE_SIGNING_MEDIA_TYPE,
} from './cosign-layout.js';
import { namesDigest, parseStatement } from './in-toto.js';
import type { AttachedBlob } from './registry-artifacts.js';
import type { Trust } from './trust.js';
import { verifyBundle } from './verify-bundle.js';

function rejected(format: SignatureEvidence['format'], via: string, reason: string): SignatureEvidence {
  return { format, via, verified: false, reason };
}

/** One cosign `.sig` layer: payload type, the digest it names, then the signature itself. */
export function checkSimpleSigning(layer: AttachedBlob, digest: string, trust: Trust): SignatureEvidence {
  const r = (reason: string) => rejected('cosign-simple-signing', layer.via, reason);
  if (layer.error || !layer.blob) return r(layer.error ?? 'no payload');
  if (layer.mediaType !== SIMPLE_SIGNING_MEDIA_TYPE)
    return r(`layer media type ${layer.mediaType} is not a cosign simple-signing payload`);
  const payload = parseSimpleSigning(layer.blob);
  if (typeof payload === 'string') return r(payload);
  if (payload.manifestDigest !== digest)
    return r(`the signed payload names ${payload.manifestDigest}, not this image (${digest})`);
  if (!layer.annotations[ANNOTATION_SIGNATURE]) return r(`no ${ANNOTATION_SIGNATURE} annotation`);
  const built = cosignLayerToBundle({ kind: 'message', payload: layer.blob }, layer.annotations);
  if ('error' in built) return r(built.error);
  const v = verifyBundle(built.bundle, layer.blob, trust);
  return v.ok
    ? {
        format: 'cosign-simple-signing',
        via: layer.via,
        verified: true,
        signer: v.signer,
        reason: `signed by ${v.signer}`,
      }
    : r(v.reason);
}

/** One referrer bundle: a message signature over the manifest, or a cosign-sign DSSE naming it. */
export function checkBundleSignature(
  routed: RoutedBundle,
  digest: string,
  manifestBytes: Buffer,
  trust: Trust,
): SignatureEvidence {
  const r = (reason: string) => rejected('sigstore-bundle', routed.blob.via, reason);
  if (routed.error) return r(routed.error);
  const v = verifyBundle(routed.json, manifestBytes, trust);
  if (!v.ok) return r(v.reason);
  if (v.payload) {
    const st = parseStatement(v.payload, v.payloadType);
    if (typeof st === 'string') return r(st);
    if (!namesDigest(st, digest)) return r(`the signed statement does not name this image (${digest})`);
  }
  return {
    format: 'sigstore-bundle',
    via: routed.blob.via,
    verified: true,
    signer: v.signer,
    reason: `signed by ${v.signer}`,
  };
}

/** The outcome over every signature found: verified when any one verified. */
export function summarise(
  base: Pick<SignatureCheck, 'subject' | 'reference' | 'rule'>,
  evidence: SignatureEvidence[],
): SignatureCheck {
  const ok = evidence.find((e) => e.verified);
  const reason = ok
    ? `signed by ${ok.signer} (${ok.format}, ${ok.via})`
    : evidence.length
      ? `no valid signature: ${evidence.map((e) => `${e.via}: ${e.reason}`).join('; ')}`
      : 'not signed: no cosign signature tag and no sigstore bundle referrer';
  return { ...base, verified: !!ok, reason, signatures: evidence };
}
