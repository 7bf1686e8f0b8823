import {
  createPrivateKey,
  generateKeyPairSync,
  randomBytes,
  scryptSync,
  sign,
  type KeyObject,
} from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nacl from 'tweetnacl';
import { pushBlob, putManifest, sha256Digest, type TestRegistry } from './registry.js';

/**
 * cosign's layout and key format, written by the tests themselves: Debian 12's skopeo and podman
 * have sigstore signing patched out, and cosign is not packaged. Formats from sigstore/cosign
 * `specs/SIGNATURE_SPEC.md` and `pkg/cosign/keys.go` (encrypted key: go-securesystemslib
 * `encrypted`: scrypt N=32768 r=8 p=1 + NaCl secretbox over the PKCS#8 DER).
 */

export const SIMPLE_SIGNING = 'application/vnd.dev.cosign.simplesigning.v1+json';
export const SIGNATURE_ANNOTATION = 'dev.cosignproject.cosign/signature';
const EMPTY_CONFIG = Buffer.from('{}');
const PEM_LABEL = 'ENCRYPTED SIGSTORE PRIVATE KEY';
const SCRYPT = { N: 32768, r: 8, p: 1 };

/** A key pair as `cosign generate-key-pair` writes it: `cosign.key` (encrypted) and `cosign.pub`. */
export interface CosignKeys {
  keyFile: string;
  pubFile: string;
  password: string;
}

function scryptKey(password: string, salt: Buffer): Uint8Array {
  return scryptSync(password, salt, 32, { ...SCRYPT, maxmem: 64 << 20 });
}

/** Generates an ECDSA P-256 pair and writes it in cosign's formats under `dir` as `<name>.key/.pub`. */
export async function generateCosignKeys(dir: string, name: string, password: string): Promise<CosignKeys> {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const der = privateKey.export({ type: 'pkcs8', format: 'der' });
  const salt = randomBytes(32);
  const nonce = randomBytes(24);
  const box = nacl.secretbox(der, nonce, scryptKey(password, salt));
  const doc = {
    kdf: { name: 'scrypt', params: SCRYPT, salt: salt.toString('base64') },
    cipher: { name: 'nacl/secretbox', nonce: nonce.toString('base64') },
    ciphertext: Buffer.from(box).toString('base64'),
  };
  const b64 = Buffer.from(JSON.stringify(doc))
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  const keyFile = join(dir, `${name}.key`);
  const pubFile = join(dir, `${name}.pub`);
  await writeFile(keyFile, `-----BEGIN ${PEM_LABEL}-----\n${b64}\n-----END ${PEM_LABEL}-----\n`, {
    mode: 0o600,
  });
  await writeFile(pubFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { keyFile, pubFile, password };
}

/** Decrypts a cosign private key (what `cosign sign --key` does with COSIGN_PASSWORD). */
export function decryptCosignKey(pem: string, password: string): KeyObject {
  const b64 = pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
  const doc = JSON.parse(Buffer.from(b64, 'base64').toString('utf8')) as {
    kdf: { salt: string };
    cipher: { nonce: string };
    ciphertext: string;
  };
  const key = scryptKey(password, Buffer.from(doc.kdf.salt, 'base64'));
  const der = nacl.secretbox.open(
    Buffer.from(doc.ciphertext, 'base64'),
    Buffer.from(doc.cipher.nonce, 'base64'),
    key,
  );
  if (!der) throw new Error('wrong password or damaged key');
  return createPrivateKey({ key: Buffer.from(der), format: 'der', type: 'pkcs8' });
}

/** The simple-signing payload cosign signs for `reference` at manifest `digest`. */
export function simpleSigningPayload(reference: string, digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': reference },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature',
      },
      optional: null,
    }),
  );
}

/** ECDSA P-256 / SHA-256, DER-encoded: what cosign puts (base64) in the signature annotation. */
export function signBytes(key: KeyObject, bytes: Buffer): Buffer {
  return sign('sha256', bytes, key);
}

/** An OCI manifest of one-layer-per-blob artifacts, its config the empty `{}` (as cosign writes). */
async function artifactManifest(
  reg: TestRegistry,
  repo: string,
  layers: { bytes: Buffer; mediaType: string; annotations: Record<string, string> }[],
  extra: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const config = await pushBlob(reg, repo, EMPTY_CONFIG);
  const descs = [];
  for (const l of layers)
    descs.push({
      mediaType: l.mediaType,
      ...(await pushBlob(reg, repo, l.bytes)),
      annotations: l.annotations,
    });
  return {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
    layers: descs,
    ...extra,
  };
}

/**
 * Writes a cosign signature for manifest `digest` of `repo`: payload blob, annotation with the
 * base64 signature, manifest tagged `sha256-<hex>.sig`. `payload` defaults to the honest one.
 */
export async function pushCosignSignature(
  reg: TestRegistry,
  repo: string,
  digest: string,
  key: KeyObject,
  payload = simpleSigningPayload(`${reg.host}/${repo}`, digest),
): Promise<{ payload: Buffer; signature: Buffer }> {
  const signature = signBytes(key, payload);
  const manifest = await artifactManifest(reg, repo, [
    {
      bytes: payload,
      mediaType: SIMPLE_SIGNING,
      annotations: { [SIGNATURE_ANNOTATION]: signature.toString('base64') },
    },
  ]);
  await putManifest(reg, repo, `${digest.replace(':', '-')}.sig`, manifest);
  return { payload, signature };
}

/** DSSE pre-authentication encoding. */
export function pae(type: string, body: Buffer): Buffer {
  return Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${body.length} `), body]);
}

/** An in-toto statement about manifest `digest`, DSSE-signed with `key`: the envelope JSON. */
export function dsseEnvelope(key: KeyObject, digest: string, predicateType: string, predicate: unknown) {
  const statement = Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ name: 'image', digest: { sha256: digest.split(':')[1] } }],
      predicateType,
      predicate,
    }),
  );
  const type = 'application/vnd.in-toto+json';
  return {
    payloadType: type,
    payload: statement.toString('base64'),
    signatures: [{ keyid: '', sig: signBytes(key, pae(type, statement)).toString('base64') }],
  };
}

/** A cosign `.att` attestation: one DSSE envelope layer under tag `sha256-<hex>.att`. */
export async function pushCosignAttestation(
  reg: TestRegistry,
  repo: string,
  digest: string,
  envelope: unknown,
) {
  const manifest = await artifactManifest(reg, repo, [
    {
      bytes: Buffer.from(JSON.stringify(envelope)),
      mediaType: 'application/vnd.dsse.envelope.v1+json',
      annotations: { [SIGNATURE_ANNOTATION]: '' },
    },
  ]);
  await putManifest(reg, repo, `${digest.replace(':', '-')}.att`, manifest);
}

/**
 * Sigstore bundles as OCI 1.1 referrers of manifest `subject` (artifactType + subject), and,
 * because docker-registry 2.8 serves no referrers API, the referrers tag schema's fallback: an
 * index of them under tag `sha256-<hex>`. Returns the referrer manifests' digests.
 */
export async function pushBundleReferrers(
  reg: TestRegistry,
  repo: string,
  subject: { digest: string; size: number; mediaType: string },
  bundles: unknown[],
): Promise<string[]> {
  const artifactType = 'application/vnd.dev.sigstore.bundle.v0.3+json';
  const entries = [];
  for (const bundle of bundles) {
    const manifest = await artifactManifest(
      reg,
      repo,
      [{ bytes: Buffer.from(JSON.stringify(bundle)), mediaType: artifactType, annotations: {} }],
      { artifactType, subject },
    );
    const bytes = Buffer.from(JSON.stringify(manifest));
    const digest = await putManifest(reg, repo, sha256Digest(bytes), manifest);
    entries.push({
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: bytes.length,
      artifactType,
    });
  }
  await putManifest(reg, repo, subject.digest.replace(':', '-'), {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    manifests: entries,
  });
  return entries.map((e) => e.digest);
}

/** A v0.3 sigstore bundle of a DSSE envelope signed with a key (no transparency log entry). */
export function keyBundle(envelope: unknown): unknown {
  return {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: { publicKey: { hint: 'test-key' }, tlogEntries: [] },
    dsseEnvelope: envelope,
  };
}
