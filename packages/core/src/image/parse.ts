import { messages, UserError, type Where } from '../errors.js';
import type { OciImageConfig } from '../types/oci/config.js';
import type { OciIndex } from '../types/oci/index.js';
import type { OciManifest } from '../types/oci/manifest.js';

/** Parses JSON or throws a `UserError` naming `what` and where it came from. */
export function parseJson(text: string | Buffer, what: string, where: Where): unknown {
  try {
    return JSON.parse(text.toString());
  } catch (err) {
    throw new UserError(messages.jsonInvalid(what, (err as Error).message), where);
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const DIGEST_RE = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

function checkDescriptor(d: unknown, what: string, field: string, where: Where): void {
  if (!isObject(d)) throw new UserError(messages.fieldInvalid(what, field, 'a descriptor object'), where);
  if (typeof d.digest !== 'string' || !DIGEST_RE.test(d.digest))
    throw new UserError(messages.fieldInvalid(what, `${field}.digest`, 'a digest like sha256:<hex>'), where);
  if (d.size !== undefined && (typeof d.size !== 'number' || d.size < 0))
    throw new UserError(messages.fieldInvalid(what, `${field}.size`, 'a non-negative number'), where);
}

/** Checks the parts of an image manifest tidegate relies on. */
export function asManifest(v: unknown, where: Where): OciManifest {
  const what = 'image manifest';
  if (!isObject(v)) throw new UserError(messages.fieldInvalid(what, '(root)', 'an object'), where);
  checkDescriptor(v.config, what, 'config', where);
  if (!Array.isArray(v.layers)) throw new UserError(messages.fieldMissing(what, 'layers'), where);
  v.layers.forEach((l, i) => checkDescriptor(l, what, `layers[${i}]`, where));
  return v as unknown as OciManifest;
}

/** Checks the parts of an image index tidegate relies on. */
export function asIndex(v: unknown, where: Where): OciIndex {
  const what = 'image index';
  if (!isObject(v) || !Array.isArray(v.manifests))
    throw new UserError(messages.fieldMissing(what, 'manifests'), where);
  v.manifests.forEach((m, i) => checkDescriptor(m, what, `manifests[${i}]`, where));
  return v as unknown as OciIndex;
}

/** Checks the parts of an image config tidegate relies on. */
export function asConfig(v: unknown, where: Where): OciImageConfig {
  const what = 'image config';
  if (!isObject(v)) throw new UserError(messages.fieldInvalid(what, '(root)', 'an object'), where);
  const rootfs = v.rootfs;
  if (!isObject(rootfs) || !Array.isArray(rootfs.diff_ids))
    throw new UserError(messages.fieldMissing(what, 'rootfs.diff_ids'), where);
  rootfs.diff_ids.forEach((d, i) => {
    if (typeof d !== 'string' || !DIGEST_RE.test(d))
      throw new UserError(messages.fieldInvalid(what, `rootfs.diff_ids[${i}]`, 'a digest'), where);
  });
  if (v.history !== undefined && !Array.isArray(v.history))
    throw new UserError(messages.fieldInvalid(what, 'history', 'an array'), where);
  return v as unknown as OciImageConfig;
}
