import type {
  AttestationInfo,
  BaseImageRef,
  ScanResult,
  SignatureCheck,
  UnownedFile,
} from '../types/model.js';
import { layerLabel } from './model.js';

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

function size(n: number): string {
  return n >= 1 << 20
    ? `${(n / (1 << 20)).toFixed(1)} MiB`
    : n >= 1024
      ? `${(n / 1024).toFixed(1)} KiB`
      : `${n} B`;
}

/** `/usr/local/bin/tool (executable, Go example.com/tool v1.0.0, 1.9 MiB, layer 2: COPY tool /usr/local/bin/)`. */
export function unownedText(f: UnownedFile): string {
  const what = [f.kind, f.identity, size(f.size), layerLabel(f.layer)].filter(Boolean).join(', ');
  return `/${f.path} (${what}) sha256:${f.sha256}`;
}

/** `3 files no package manager installed`, for the summary lines of the readable formats. */
export function unownedCount(r: ScanResult): string | undefined {
  const n = r.unowned?.length ?? 0;
  return n ? `${n} executable file${n === 1 ? '' : 's'} no package manager installed` : undefined;
}
