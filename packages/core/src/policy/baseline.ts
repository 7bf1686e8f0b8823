import { messages } from '../errors.js';
import type { BaselineDiff, Finding, ImageInfo, ScanResult } from '../types/model.js';
import { parseReport, readReport } from './report-file.js';

/** Reads a tidegate JSON report (schemaVersion 1) to compare against. */
export function parseBaselineReport(text: string, file: string): ScanResult {
  return parseReport(text, file, messages.baselineInvalid);
}

/** Reads a baseline report file; `display` is the name errors and reports show. */
export function loadBaselineReport(path: string, display = path): Promise<ScanResult> {
  return readReport(path, display, messages.baselineNotFound, messages.baselineInvalid);
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
