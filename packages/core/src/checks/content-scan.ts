import type { CheckHit, ContentCheck } from './check.js';
import { redact } from './secret-values.js';
import { allowlistReason, lineAt } from './text-files.js';

/** A secret found by one rule, before it becomes a hit. */
export interface SecretFound {
  check: ContentCheck;
  index: number;
  secret: string;
}

function hasKeyword(check: ContentCheck, data: Buffer | string): boolean {
  return check.keywords.some((k) => data.indexOf(k) !== -1);
}

function applies(check: ContentCheck, data: Buffer | string, path: string): boolean {
  return (!check.appliesTo || check.appliesTo(path)) && hasKeyword(check, data);
}

function runRules(checks: readonly ContentCheck[], text: string, path: string): SecretFound[] {
  return checks.flatMap((check) =>
    check.find(text, path).map((m) => ({ check, index: m.index, secret: m.secret })),
  );
}

/**
 * Every secret the rules find in one text (a config value, a history line), rule by rule in
 * registry order. A rule whose keywords the text does not contain is never run.
 */
export function findSecrets(checks: readonly ContentCheck[], text: string, path: string): SecretFound[] {
  return runRules(
    checks.filter((c) => applies(c, text, path)),
    text,
    path,
  );
}

/**
 * Scans one file's bytes: one hit per line (the first rule in registry order wins, so specific
 * rules are listed before generic ones), each with its line and the redacted secret. Hits under
 * an allowlisted path are suppressed, with the reason, not dropped.
 */
export function scanFile(
  checks: readonly ContentCheck[],
  path: string,
  bytes: Buffer,
): { check: ContentCheck; hit: CheckHit }[] {
  // keywords are searched in the raw bytes; only a file that has some is decoded, once, as
  // latin1 (every rule's pattern is ASCII, and latin1 never fails on invalid UTF-8)
  const applicable = checks.filter((c) => applies(c, bytes, path));
  if (applicable.length === 0) return [];
  const text = bytes.toString('latin1');
  const found = runRules(applicable, text, path);
  const reason = allowlistReason(path);
  const lines = new Set<number>();
  const out: { check: ContentCheck; hit: CheckHit }[] = [];
  for (const f of found) {
    const line = lineAt(text, f.index);
    if (lines.has(line)) continue;
    lines.add(line);
    const hit: CheckHit = {
      location: path,
      line,
      detail: `${f.check.title} on line ${line}`,
      evidence: redact(f.secret),
    };
    if (reason) hit.suppressed = { by: 'tidegate-allowlist', reason };
    out.push({ check: f.check, hit });
  }
  return out;
}
