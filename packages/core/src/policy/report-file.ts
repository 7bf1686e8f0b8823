import { readFile } from 'node:fs/promises';
import { messages, UserError } from '../errors.js';
import type { ScanResult } from '../types/model.js';

const STATUSES: readonly string[] = ['pass', 'warn', 'fail'];

/**
 * Parses a tidegate JSON report (schemaVersion 1), checking the fields every reader relies on
 * (findings, image, verdict), so a truncated or foreign file is one clear error (exit 2), never
 * a pass. `invalid` words the message.
 */
export function parseReport(
  text: string,
  file: string,
  invalid: (detail: string) => string = messages.reportInvalid,
): ScanResult {
  let r: unknown;
  try {
    r = JSON.parse(text);
  } catch (err) {
    throw new UserError(invalid((err as Error).message), { file });
  }
  const o = r as Partial<ScanResult> | null;
  const fail = (detail: string, field?: string): never => {
    throw new UserError(invalid(detail), { file, ...(field ? { field } : {}) });
  };
  if (!o || typeof o !== 'object' || o.schemaVersion !== 1) return fail("'schemaVersion' is not 1");
  if (!Array.isArray(o.findings)) return fail("'findings' is not an array", 'findings');
  if (!o.image || !Array.isArray(o.image.layers))
    return fail("'image.layers' is not an array", 'image.layers');
  if (typeof o.image.reference !== 'string' || !Array.isArray(o.image.repoTags))
    return fail("'image' has no reference and repoTags", 'image');
  if (!o.verdict || !STATUSES.includes(o.verdict.status) || !Array.isArray(o.verdict.reasons))
    return fail("'verdict' has no status (pass, warn, fail) and reasons", 'verdict');
  return o as ScanResult;
}

/** Reads and parses a report file; a missing one is named by `display` through `notFound`. */
export async function readReport(
  path: string,
  display = path,
  notFound: (p: string) => string = messages.fileNotFound,
  invalid?: (detail: string) => string,
): Promise<ScanResult> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(notFound(display));
    throw new UserError((err as Error).message, { file: display }, { cause: err });
  }
  return parseReport(text, display, invalid);
}
