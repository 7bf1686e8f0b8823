import { createHash, timingSafeEqual, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier, type SignedEntity } from '@sigstore/verify';
import { describeIdentity, identityMatches } from './identity.js';
import { namesDigest, parseStatement } from './in-toto.js';
import type { PolicyKey, Trust } from './trust.js';

/** A signature that verified: who signed, and for DSSE the signed statement. */
export interface Verified {
  ok: true;
  /** `key cosign.pub`, or `subject (issuer)` for a keyless signer. */
  signer: string;
  /** The DSSE payload (an in-toto statement) and its type, for DSSE bundles. */
  payload?: Buffer;
  payloadType?: string;
}

/** A signature that did not verify, and why (one line, for every report). */
export interface Rejected {
  ok: false;
  reason: string;
}

const EMPTY_ROOT = TrustedRoot.fromJSON({
  mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
  tlogs: [],
  certificateAuthorities: [],
  ctlogs: [],
  timestampAuthorities: [],
});

function sha256(b: Buffer): Buffer {
  return createHash('sha256').update(b).digest();
}

/** DSSE pre-authentication encoding (DSSE spec, "Protocol"). */
function pae(type: string, payload: Buffer): Buffer {
  const t = Buffer.from(type, 'utf8');
  return Buffer.concat([Buffer.from(`DSSEv1 ${t.length} `), t, Buffer.from(` ${payload.length} `), payload]);
}

/**
 * Two gaps of sigstore-js 3.x (the last line that runs on Node 20), closed here:
 * - Ed25519 message signatures: it hashes before verifying, which Ed25519 does not allow; verify
 *   the message itself, as cosign does.
 * - Rekor v2 `hashedrekord` 0.0.2 entries over DSSE record sha256(PAE) (rekor-v2 spec §6.1.4);
 *   3.x compares them with sha256(payload). Accept the PAE digest as well.
 */
function patchSignature(entity: SignedEntity, bundle: Bundle, artifact: Buffer): SignedEntity {
  const orig = entity.signature;
  const c = bundle.content;
  const rekor2 = bundle.verificationMaterial.tlogEntries.some(
    (e) => e.kindVersion?.kind === 'hashedrekord' && e.kindVersion.version === '0.0.2',
  );
  const paeDigest =
    c.$case === 'dsseEnvelope' && rekor2
      ? sha256(pae(c.dsseEnvelope.payloadType, Buffer.from(c.dsseEnvelope.payload)))
      : undefined;
  return {
    ...entity,
    signature: {
      signature: orig.signature,
      compareSignature: (s) => orig.compareSignature(s),
      compareDigest: (d) =>
        orig.compareDigest(d) ||
        (!!paeDigest && d.length === paeDigest.length && timingSafeEqual(d, paeDigest)),
      verifySignature: (key: KeyObject) =>
        c.$case === 'messageSignature' && key.asymmetricKeyType === 'ed25519'
          ? cryptoVerify(null, artifact, key, orig.signature)
          : orig.verifySignature(key),
    },
  };
}

function reasonOf(err: unknown): string {
  const e = err as { message?: string; code?: string };
  return e.message ?? String(err);
}

function verifyWithKey(entity: SignedEntity, key: PolicyKey, trust: Trust): Verified | Rejected {
  const withTlog = !!trust.root;
  const material = toTrustMaterial(trust.root ?? EMPTY_ROOT, () => ({
    publicKey: key.key,
    validFor: () => true,
  }));
  // without a trusted root there is no Rekor key to check an entry with: the entry is ignored
  // (cosign's --insecure-ignore-tlog); with one, an entry is required, as cosign does by default
  const e = withTlog ? entity : { ...entity, tlogEntries: [], timestamps: [] };
  const t = withTlog ? 1 : 0;
  try {
    new Verifier(material, { tlogThreshold: t, ctlogThreshold: 0, timestampThreshold: t }).verify(e);
    return { ok: true, signer: `key ${key.label}` };
  } catch (err) {
    return { ok: false, reason: `key ${key.label}: ${reasonOf(err)}` };
  }
}

function verifyKeyless(entity: SignedEntity, trust: Trust): Verified | Rejected {
  if (!trust.root) return { ok: false, reason: 'keyless signature, but the rule names no trusted-root' };
  if (!trust.identities.length)
    return { ok: false, reason: 'keyless signature, but the rule names no identities' };
  let signer;
  try {
    signer = new Verifier(toTrustMaterial(trust.root)).verify(entity);
  } catch (err) {
    return { ok: false, reason: reasonOf(err) };
  }
  const who = {
    subject: signer.identity?.subjectAlternativeName,
    issuer: signer.identity?.extensions?.issuer,
  };
  if (!trust.identities.some((r) => identityMatches(r, who)))
    return { ok: false, reason: `signed by ${describeIdentity(who)}, not an identity the rule accepts` };
  return { ok: true, signer: describeIdentity(who) };
}

/**
 * Verifies one sigstore bundle (any version sigstore-js reads: v0.1–v0.3) with `@sigstore/verify`:
 * key or Fulcio chain, SCTs, Rekor SET and inclusion proof, TSA timestamps, signature, and the
 * keyless identity. `artifact` is what a message signature signs; DSSE bundles sign their own
 * payload, whose subject the caller checks. Never throws for a bad bundle: it is a rejection.
 */
export function verifyBundle(json: unknown, artifact: Buffer, trust: Trust): Verified | Rejected {
  let bundle: Bundle;
  let entity: SignedEntity;
  try {
    bundle = bundleFromJSON(json);
    entity = patchSignature(toSignedEntity(bundle, artifact), bundle, artifact);
  } catch (err) {
    return { ok: false, reason: `not a valid sigstore bundle: ${reasonOf(err)}` };
  }
  const dsse = bundle.content.$case === 'dsseEnvelope' ? bundle.content.dsseEnvelope : undefined;
  const extra = dsse ? { payload: Buffer.from(dsse.payload), payloadType: dsse.payloadType } : {};
  if (entity.key.$case === 'certificate') {
    const r = verifyKeyless(entity, trust);
    return r.ok ? { ...r, ...extra } : r;
  }
  if (!trust.keys.length) return { ok: false, reason: 'signed with a key, but the rule names no keys' };
  const reasons: string[] = [];
  for (const key of trust.keys) {
    const r = verifyWithKey(entity, key, trust);
    if (r.ok) return { ...r, ...extra };
    reasons.push(r.reason);
  }
  return { ok: false, reason: reasons.join('; ') };
}

/**
 * Verifies a bundle for a file (`artifact`), as `cosign verify-blob` / sigstore-conformance do:
 * a message signature signs the file; a DSSE bundle's in-toto statement must name its sha256.
 */
export function verifyArtifact(json: unknown, artifact: Buffer, trust: Trust): Verified | Rejected {
  const v = verifyBundle(json, artifact, trust);
  if (!v.ok || !v.payload) return v;
  const st = parseStatement(v.payload, v.payloadType);
  if (typeof st === 'string') return { ok: false, reason: st };
  const digest = `sha256:${createHash('sha256').update(artifact).digest('hex')}`;
  return namesDigest(st, digest)
    ? v
    : { ok: false, reason: `the statement does not name the artifact (${digest})` };
}
