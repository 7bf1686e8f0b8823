import type { AttestationInfo, BaseImageRef, ScanResult, SignatureCheck } from '../types/model.js';

/** `docker.io/library/debian:12@sha256:… (from the labels)`. */
export function baseImageText(b: BaseImageRef): string {
  const name = b.name ?? '(name unknown)';
  const ref = b.digest && !name.includes('@') ? `${name}@${b.digest}` : name;
  const from = b.from === 'label' ? 'from the image labels' : `from the Dockerfile, line ${b.line ?? '?'}`;
  return `${ref} (${from}${b.digest ? '' : '; no digest'})`;
}

/** `image signature (image.signatures[0]): verified: signed by key cosign.pub (…)`. */
export function signatureText(s: SignatureCheck): string {
  const who = s.subject === 'image' ? 'image signature' : 'base image signature';
  return `${who} (${s.rule}) of ${s.reference}: ${s.verified ? 'verified' : 'NOT VERIFIED'}: ${s.reason}`;
}

/** `SLSA provenance https://slsa.dev/provenance/v1: builder …, source …: verified (signed by …)`. */
export function attestationText(a: AttestationInfo): string {
  const what = [
    a.builder ? `builder ${a.builder}` : '',
    a.sourceRepository ? `source ${a.sourceRepository}` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `attestation ${a.predicateType || '(unreadable)'} (${a.via})${what ? `: ${what}` : ''}: ${a.verified ? 'verified' : 'not verified'}: ${a.reason}`;
}

/**
 * One line per provenance fact (base image, each signature check, each attestation), the same
 * text in every format; empty when the scan knows nothing about where the image came from.
 */
export function provenanceLines(r: ScanResult): string[] {
  const p = r.provenance;
  if (!p) return [];
  return [
    ...(p.baseImage ? [`base image: ${baseImageText(p.baseImage)}`] : []),
    ...p.signatures.map(signatureText),
    ...p.attestations.map(attestationText),
  ];
}
