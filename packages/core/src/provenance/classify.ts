import type { AttachedBlob } from './registry-artifacts.js';
import { COSIGN_SIGN_PREDICATE } from './in-toto.js';

/** A referrer bundle parsed just enough to route it: a signature or an attestation (unverified!). */
export interface RoutedBundle {
  blob: AttachedBlob;
  /** The bundle JSON, or why it could not be read. */
  json?: unknown;
  error?: string;
  /** The in-toto predicate type of a DSSE bundle, read before verification only to route it. */
  predicateType?: string;
}

function predicateOf(json: unknown): string | undefined {
  const payload = (json as { dsseEnvelope?: { payload?: unknown } } | null)?.dsseEnvelope?.payload;
  if (typeof payload !== 'string') return undefined;
  try {
    const st = JSON.parse(Buffer.from(payload, 'base64').toString('utf8')) as { predicateType?: unknown };
    return typeof st.predicateType === 'string' ? st.predicateType : '';
  } catch {
    return '';
  }
}

/** Parses referrer bundles and sorts them: message signatures and cosign-sign DSSE are signatures. */
export function routeBundles(blobs: readonly AttachedBlob[]): {
  signatures: RoutedBundle[];
  attestations: RoutedBundle[];
} {
  const signatures: RoutedBundle[] = [];
  const attestations: RoutedBundle[] = [];
  for (const blob of blobs) {
    if (blob.error || !blob.blob) {
      signatures.push({ blob, error: blob.error ?? 'no content' });
      continue;
    }
    let json: unknown;
    try {
      json = JSON.parse(blob.blob.toString('utf8'));
    } catch {
      signatures.push({ blob, error: 'the bundle is not JSON' });
      continue;
    }
    const predicateType = predicateOf(json);
    const routed = { blob, json, ...(predicateType !== undefined ? { predicateType } : {}) };
    if (predicateType === undefined || predicateType === COSIGN_SIGN_PREDICATE) signatures.push(routed);
    else attestations.push(routed);
  }
  return { signatures, attestations };
}
