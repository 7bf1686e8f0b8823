import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { messages, UserError } from '../errors.js';
import type { IdentityRule } from '../policy/policy.js';

/** A public key a rule accepts, with the name reports call it by. */
export interface PolicyKey {
  /** `cosign.pub` (the file name), or `key 2` for PEM written into the policy. */
  label: string;
  key: KeyObject;
}

/** What one rule trusts, loaded: keys, keyless identities and the sigstore trusted root. */
export interface Trust {
  keys: PolicyKey[];
  identities: IdentityRule[];
  /** Parsed `trusted_root.json`; absent when the rule names none (then keyless cannot verify). */
  root?: TrustedRoot;
}

/** The key and trusted-root fields of a rule, as the policy resolved them. */
export interface TrustSpec {
  keys: readonly string[];
  identities: readonly IdentityRule[];
  trustedRoot?: string;
}

/** Key files and trusted roots are small; anything larger is not one. */
const MAX_TRUST_FILE_BYTES = 4 << 20;

async function readSmall(path: string, field: string): Promise<Buffer> {
  const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
    throw new UserError(
      err.code === 'ENOENT' ? messages.fileNotFound(path) : err.message,
      { file: path, field },
      { cause: err },
    );
  });
  if (bytes.length > MAX_TRUST_FILE_BYTES)
    throw new UserError(messages.trustFileTooLarge(MAX_TRUST_FILE_BYTES), { file: path, field });
  return bytes;
}

/** ECDSA and Ed25519 keys, as cosign makes them (RSA is accepted too: cosign can verify it). */
const KEY_TYPES = new Set(['ec', 'ed25519', 'rsa', 'rsa-pss']);

async function loadKey(value: string, i: number, field: string): Promise<PolicyKey> {
  const pem = value.trimStart().startsWith('-----BEGIN');
  const text = pem ? value : (await readSmall(value, field)).toString('utf8');
  const label = pem ? `key ${i + 1}` : basename(value);
  let key: KeyObject;
  try {
    key = createPublicKey(text);
  } catch (err) {
    throw new UserError(
      messages.keyInvalid(label, (err as Error).message),
      pem ? { field } : { file: value, field },
    );
  }
  if (!KEY_TYPES.has(key.asymmetricKeyType ?? ''))
    throw new UserError(messages.keyInvalid(label, `unsupported key type ${key.asymmetricKeyType}`), {
      field,
    });
  return { label, key };
}

async function loadRoot(path: string, field: string): Promise<TrustedRoot> {
  const bytes = await readSmall(path, field);
  try {
    const json = JSON.parse(bytes.toString('utf8')) as { mediaType?: unknown };
    if (typeof json.mediaType !== 'string' || !json.mediaType.includes('trustedroot'))
      throw new Error('no trustedroot mediaType');
    return TrustedRoot.fromJSON(json);
  } catch (err) {
    throw new UserError(messages.trustedRootInvalid((err as Error).message), { file: path, field });
  }
}

/**
 * Loads what a rule trusts. Bad keys and roots are the policy's fault: a `UserError` (exit 2)
 * naming the rule, never a signature quietly left unchecked.
 */
export async function loadTrust(
  spec: TrustSpec,
  rule: string,
  cache: Map<string, Promise<unknown>>,
): Promise<Trust> {
  spec.identities.forEach((id, i) => {
    for (const re of [id.issuerRegexp, id.subjectRegexp])
      if (re !== undefined)
        try {
          new RegExp(re);
        } catch (err) {
          throw new UserError(messages.identityRegexpInvalid(re, (err as Error).message), {
            field: `${rule}.identities[${i}]`,
          });
        }
  });
  const once = <T>(k: string, f: () => Promise<T>): Promise<T> => {
    if (!cache.has(k)) cache.set(k, f());
    return cache.get(k) as Promise<T>;
  };
  const keys = await Promise.all(
    spec.keys.map((k, i) => once(`key\0${k}`, () => loadKey(k, i, `${rule}.keys[${i}]`))),
  );
  const root = spec.trustedRoot
    ? await once(`root\0${spec.trustedRoot}`, () => loadRoot(spec.trustedRoot!, `${rule}.trusted-root`))
    : undefined;
  return { keys, identities: [...spec.identities], ...(root ? { root } : {}) };
}
