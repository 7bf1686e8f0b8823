import { readFile } from 'node:fs/promises';
import { messages, UserError } from '../errors.js';
import type { BaselineDiff, Finding, ImageInfo, ScanResult } from '../types/model.js';

/** Reads a tidegate JSON report (schemaVersion 1) to compare against. */
export function parseBaselineReport(text: string, file: string): ScanResult {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (err) {
    throw new UserError(messages.baselineInvalid((err as Error).message), { file });
  }
  const o = r as Partial<ScanResult> | null;
  if (!o || typeof o !== 'object' || o.schemaVersion !== 1)
    throw new UserError(messages.baselineInvalid("'schemaVersion' is not 1"), { file });
  if (!Array.isArray(o.findings))
    throw new UserError(messages.baselineInvalid("'findings' is not an array"), { file, field: 'findings' });
  if (!o.image || !Array.isArray(o.image.layers))
    throw new UserError(messages.baselineInvalid("'image.layers' is not an array"), {
      file,
      field: 'image.layers',
    });
  return o as ScanResult;
}

/** Reads a baseline report file; `display` is the name errors and reports show. */
export async function loadBaselineReport(path: string, display = path): Promise<ScanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(messages.baselineNotFound(display));
    throw new UserError((err as Error).message, { file: display }, { cause: err });
  }
  return parseBaselineReport(text, display);
}

/**
 * Classifies findings by their stable id (DESIGN.md: no version, no layer digest in it, so a
 * rebuild keeps ids): in both → unchanged, only now → introduced, only in the baseline → fixed.
 * Suppression does not matter here; it only decides whether a finding counts.
 */
export function diffBaseline(
  current: readonly Finding[],
  baseline: ScanResult,
  source: string,
): BaselineDiff {
  const before = new Set(baseline.findings.map((f) => f.id));
  const now = new Set(current.map((f) => f.id));
  return {
    source,
    introduced: current.filter((f) => !before.has(f.id)).map((f) => f.id),
    unchanged: current.filter((f) => before.has(f.id)).map((f) => f.id),
    fixed: baseline.findings.filter((f) => !now.has(f.id)),
  };
}

/**
 * The base-image rule: when the baseline's layer diffIDs are a proper prefix of this image's
 * (same diffIDs, same order, fewer of them), the baseline is this image's base, and those bottom
 * layers are "from the base image". Any other relation (a previous build of the same app, which
 * shares only some layers; the same image) gives no split, because a shared prefix alone does
 * not say where the base ends.
 */
export function baseLayersFromBaseline(current: ImageInfo, baseline: ImageInfo): number | undefined {
  const base = baseline.layers.map((l) => l.diffId);
  const now = current.layers.map((l) => l.diffId);
  if (base.length === 0 || base.length >= now.length) return undefined;
  return base.every((d, i) => d === now[i]) ? base.length : undefined;
}
