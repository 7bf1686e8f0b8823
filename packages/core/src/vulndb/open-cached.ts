import { messages, UserError } from '../errors.js';
import { IndexedDb } from './indexed-db.js';
import { oldestCheck, readMeta, type DbMeta } from './meta.js';

/** `36h`, `7d`, `2w` → milliseconds; `undefined` for anything else. */
export function parseDuration(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(h|d|w)$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = { h: 3_600_000, d: 86_400_000, w: 604_800_000 }[m[2]!.toLowerCase() as 'h' | 'd' | 'w'];
  return Number(m[1]) * unit;
}

/** `93784000` → `1d 2h`: the age of a DB, for messages. */
export function formatAge(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  return h >= 24 ? `${Math.floor(h / 24)}d ${h % 24}h` : `${h}h ${Math.floor((ms % 3_600_000) / 60_000)}m`;
}

/**
 * Throws UserError (exit 2) when the DB was last confirmed current more than `maxAgeMs` ago:
 * a gate run against stale advisories would pass images with newly published vulnerabilities.
 */
export function checkAge(meta: DbMeta, maxAgeMs: number, maxText: string, now = new Date()): void {
  const checked = oldestCheck(meta);
  if (!checked) return;
  const age = now.getTime() - Date.parse(checked);
  if (age > maxAgeMs) throw new UserError(messages.dbStale(formatAge(age), maxText, checked));
}

/**
 * Opens the cached DB in `dir` (`<cache>/db`). No DB, or one without any archive, is a
 * UserError (exit 2): a scan without advisories must never look like a pass.
 */
export async function openCachedDb(
  dir: string,
  maxAge?: { ms: number; text: string },
  now?: Date,
): Promise<{ db: IndexedDb; meta: DbMeta }> {
  const meta = await readMeta(dir);
  if (!meta || Object.keys(meta.archives).length === 0) throw new UserError(messages.dbMissing(dir));
  if (maxAge) checkAge(meta, maxAge.ms, maxAge.text, now);
  return { db: new IndexedDb(dir, meta), meta };
}
