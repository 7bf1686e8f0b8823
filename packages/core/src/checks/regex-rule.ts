import type { ContentCheck, SecretMatch } from './check.js';
import { isKnownPublic } from './secret-values.js';

/** Most matches one rule reports per file: enough to show a leak, bounded on hostile input. */
export const MAX_MATCHES_PER_FILE = 20;

/** A content rule as data: the check fields plus a global regex whose group `secret` is the value. */
export type RegexRuleSpec = Omit<ContentCheck, 'kind' | 'finding' | 'find' | 'version'> & {
  version?: number;
  /** Must have the `g` flag and a named group `secret`. */
  pattern: RegExp;
  /** Values this rule must not report beyond the global known-public list. */
  allow?: (secret: string) => boolean;
};

/** All matches of `pattern` in `text`, minus published examples and rule-specific allows. */
export function regexMatches(
  pattern: RegExp,
  text: string,
  allow?: (secret: string) => boolean,
): SecretMatch[] {
  const out: SecretMatch[] = [];
  const re = new RegExp(pattern.source, pattern.flags);
  for (const m of text.matchAll(re)) {
    const secret = m.groups?.secret;
    if (!secret || isKnownPublic(secret) || allow?.(secret)) continue;
    out.push({ index: (m.index ?? 0) + m[0].indexOf(secret), secret });
    if (out.length >= MAX_MATCHES_PER_FILE) break;
  }
  return out;
}

/** Builds a content check from a regex: most secret rules are one pattern and its keywords. */
export function regexRule(spec: RegexRuleSpec): ContentCheck {
  const { pattern, allow, version, ...rest } = spec;
  if (!pattern.flags.includes('g')) throw new Error(`${spec.id}: pattern needs the g flag`);
  return {
    ...rest,
    version: version ?? 1,
    kind: 'content',
    finding: 'secret',
    find: (text) => regexMatches(pattern, text, allow),
  };
}
