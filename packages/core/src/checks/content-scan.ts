import type { CheckHit, ContentCheck } from './check.js';
import { redact } from './secret-values.js';
import { allowlistReason, lineAt } from './text-files.js';

/** A secret found by one rule, before it becomes a hit. */
export interface SecretFound {
  check: ContentCheck;
  index: number;
  secret: string;
}

/** Bytes decoded at a time for the keyword pass: small strings the young generation frees at once. */
const WINDOW = 64 * 1024;

/**
 * Finds which of a rule set's keywords a text contains, in one regex pass instead of one pass
 * per keyword. The alternation tries longer keywords first and the scan restarts one character
 * after each match, so overlapping keywords are all seen; keywords that are prefixes of a
 * matched one (`pass` of `password`) count as found too. Bytes are searched in overlapping
 * 64 KiB windows, so a file with no keyword is never decoded whole.
 */
class KeywordIndex {
  private readonly re: RegExp;
  private readonly prefixes = new Map<string, string[]>();
  private readonly longest: number;

  constructor(checks: readonly ContentCheck[]) {
    const words = [...new Set(checks.flatMap((c) => c.keywords))].sort((a, b) => b.length - a.length);
    this.re = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    for (const w of words) this.prefixes.set(w, [w, ...words.filter((x) => x !== w && w.startsWith(x))]);
    this.longest = words[0]?.length ?? 0;
  }

  present(data: Buffer | string): Set<string> {
    const found = new Set<string>();
    if (this.prefixes.size === 0) return found;
    if (typeof data === 'string') this.search(data, found);
    else
      for (let at = 0; at < data.length; at += WINDOW)
        this.search(
          data.toString('latin1', at, Math.min(data.length, at + WINDOW + this.longest - 1)),
          found,
        );
    return found;
  }

  private search(text: string, found: Set<string>): void {
    const re = new RegExp(this.re);
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      for (const w of this.prefixes.get(m[0]) ?? [m[0]]) found.add(w);
      re.lastIndex = m.index + 1;
    }
  }
}

const indexes = new WeakMap<readonly ContentCheck[], KeywordIndex>();

/** The rules that apply to `path` and whose keywords `text` contains. */
function applicable(checks: readonly ContentCheck[], data: Buffer | string, path: string): ContentCheck[] {
  const candidates = checks.filter((c) => !c.appliesTo || c.appliesTo(path));
  if (candidates.length === 0) return [];
  let index = indexes.get(checks);
  if (!index) indexes.set(checks, (index = new KeywordIndex(checks)));
  const present = index.present(data);
  return candidates.filter((c) => c.keywords.some((k) => present.has(k)));
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
  return runRules(applicable(checks, text, path), text, path);
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
  const rules = applicable(checks, bytes, path);
  if (rules.length === 0) return [];
  // decoded whole only now, as latin1: every rule's pattern is ASCII, and latin1 never fails
  const text = bytes.toString('latin1');
  const found = runRules(rules, text, path);
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
