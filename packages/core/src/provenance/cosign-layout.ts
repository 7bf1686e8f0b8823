/**
 * cosign's registry layout (sigstore/cosign `specs/SIGNATURE_SPEC.md`, `ATTESTATION_SPEC.md`):
 * the signatures of manifest `sha256:<hex>` live in an OCI manifest tagged `sha256-<hex>.sig`, one
 * layer per signature: the layer blob is the signed payload (simple signing), the layer's
 * annotations carry the signature and, for keyless or logged signatures, the certificate, chain
 * and Rekor bundle. Attestations live under `sha256-<hex>.att`, one DSSE envelope per layer.
 */
import { createHash } from 'node:crypto';

export const SIMPLE_SIGNING_MEDIA_TYPE = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const DSSE_MEDIA_TYPE = 'application/vnd.dsse.envelope.v1+json';
export const ANNOTATION_SIGNATURE = 'dev.cosignproject.cosign/signature';
export const ANNOTATION_CERTIFICATE = 'dev.sigstore.cosign/certificate';
export const ANNOTATION_CHAIN = 'dev.sigstore.cosign/chain';
export const ANNOTATION_BUNDLE = 'dev.sigstore.cosign/bundle';
export const ANNOTATION_TIMESTAMP = 'dev.sigstore.cosign/rfc3161timestamp';
/** OCI 1.1 referrers carrying sigstore bundles (cosign `--new-bundle-format`, GitHub attestations). */
export const BUNDLE_ARTIFACT_TYPES: ReadonlySet<string> = new Set([
  'application/vnd.dev.sigstore.bundle.v0.3+json',
  'application/vnd.dev.sigstore.bundle+json;version=0.3',
  'application/vnd.dev.sigstore.bundle+json;version=0.2',
  'application/vnd.dev.sigstore.bundle+json;version=0.1',
]);

/** `sha256:abc` → `sha256-abc` plus a suffix: the tag cosign (and the referrers fallback) use. */
export function digestTag(digest: string, suffix = ''): string {
  return `${digest.replace(':', '-')}${suffix}`;
}

/** What a simple-signing payload says (containers/image `docs/containers-signature.5.md`). */
export interface SimpleSigningPayload {
  manifestDigest: string;
  dockerReference?: string;
}

/** Parses a simple-signing payload; a string is the reason it is not one. */
export function parseSimpleSigning(bytes: Buffer): SimpleSigningPayload | string {
  let j: unknown;
  try {
    j = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'the payload is not JSON';
  }
  const c = (j as { critical?: Record<string, Record<string, unknown> | undefined> } | null)?.critical;
  const type = c?.type as unknown;
  const digest = c?.image?.['docker-manifest-digest'];
  if (
    typeof type !== 'string' ||
    !/^(cosign container image signature|atomic container signature)$/.test(type)
  )
    return 'the payload is not a container image signature (critical.type)';
  if (typeof digest !== 'string' || !/^sha(256|512):[0-9a-f]+$/.test(digest))
    return 'the payload names no manifest digest (critical.image.docker-manifest-digest)';
  const ref = c?.identity?.['docker-reference'];
  return { manifestDigest: digest, ...(typeof ref === 'string' ? { dockerReference: ref } : {}) };
}

function pemToDer(pem: string): string[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) =>
    m[1]!.replace(/\s+/g, ''),
  );
}

/** cosign's Rekor bundle annotation → a sigstore bundle tlog entry (with its SET, no proof). */
function tlogEntry(annotation: string): unknown {
  const b = JSON.parse(annotation) as {
    SignedEntryTimestamp: string;
    Payload: { body: string; integratedTime: number; logIndex: number; logID: string };
  };
  const body = JSON.parse(Buffer.from(b.Payload.body, 'base64').toString('utf8')) as {
    kind: string;
    apiVersion: string;
  };
  return {
    logIndex: String(b.Payload.logIndex),
    logId: { keyId: Buffer.from(b.Payload.logID, 'hex').toString('base64') },
    kindVersion: { kind: body.kind, version: body.apiVersion },
    integratedTime: String(b.Payload.integratedTime),
    inclusionPromise: { signedEntryTimestamp: b.SignedEntryTimestamp },
    canonicalizedBody: b.Payload.body,
  };
}

/** The signed content of one cosign layer: a simple-signing payload, or a DSSE envelope. */
export type LayerContent = { kind: 'message'; payload: Buffer } | { kind: 'dsse'; envelope: unknown };

/**
 * One cosign layer as a v0.1 sigstore bundle, so `@sigstore/verify` checks it like any bundle:
 * the signature, the certificate chain to a Fulcio CA, its SCT, and the Rekor SET. `error` says
 * why the annotations cannot make one (a Rekor or timestamp annotation that is not JSON).
 */
export function cosignLayerToBundle(
  content: LayerContent,
  annotations: Record<string, string>,
): { bundle: unknown } | { error: string } {
  try {
    return { bundle: toBundle(content, annotations) };
  } catch (err) {
    return { error: `malformed cosign annotations: ${(err as Error).message}` };
  }
}

function toBundle(content: LayerContent, annotations: Record<string, string>): unknown {
  const certs = [
    ...pemToDer(annotations[ANNOTATION_CERTIFICATE] ?? ''),
    ...pemToDer(annotations[ANNOTATION_CHAIN] ?? ''),
  ];
  const bundleNote = annotations[ANNOTATION_BUNDLE];
  const ts = annotations[ANNOTATION_TIMESTAMP];
  const signedTimestamp = ts
    ? (JSON.parse(ts) as { SignedRFC3161Timestamp?: string }).SignedRFC3161Timestamp
    : undefined;
  const verificationMaterial = {
    ...(certs.length
      ? { x509CertificateChain: { certificates: certs.map((rawBytes) => ({ rawBytes })) } }
      : { publicKey: { hint: 'policy' } }),
    tlogEntries: bundleNote ? [tlogEntry(bundleNote)] : [],
    timestampVerificationData: { rfc3161Timestamps: signedTimestamp ? [{ signedTimestamp }] : [] },
  };
  const body =
    content.kind === 'message'
      ? {
          messageSignature: {
            messageDigest: {
              algorithm: 'SHA2_256',
              digest: createDigest(content.payload),
            },
            signature: annotations[ANNOTATION_SIGNATURE] ?? '',
          },
        }
      : { dsseEnvelope: content.envelope };
  return { mediaType: 'application/vnd.dev.sigstore.bundle+json;version=0.1', verificationMaterial, ...body };
}

function createDigest(b: Buffer): string {
  return createHash('sha256').update(b).digest('base64');
}
