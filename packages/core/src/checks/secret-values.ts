/**
 * What the secret rules share about values: how a secret is shown (never in full), which values
 * are placeholders rather than secrets, and which are published examples anyone may print.
 */

/**
 * The only form in which a secret ever leaves a check: the first and last 4 characters of
 * secrets of 16 or more characters, the first and last 2 of shorter ones down to 10, and for
 * anything shorter only its length, so a short password is never half printed. Characters
 * outside printable ASCII are shown as `?`.
 */
export function redact(secret: string): string {
  const n = secret.length;
  const show = n >= 16 ? 4 : n >= 10 ? 2 : 0;
  const safe = (s: string) => s.replace(/[^\x20-\x7e]/g, '?');
  return show ? `${safe(secret.slice(0, show))}…${safe(secret.slice(-show))}` : `[${n} characters]`;
}

const PLACEHOLDER_WORDS = new Set([
  'changeme',
  'change_me',
  'password',
  'passwd',
  'secret',
  'example',
  'placeholder',
  'redacted',
  'none',
  'null',
  'nil',
  'true',
  'false',
  'undefined',
  'todo',
  'xxx',
  'dummy',
  'test',
]);

/**
 * True for values that stand for a secret instead of being one: empty, variable references
 * (`${TOKEN}`, `$TOKEN`, `%(pw)s`, `{{ .pw }}`, `<password>`), paths to mounted secrets
 * (`/run/secrets/db`), masks (`****`, `xxxx`) and words like `changeme`.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().replace(/^["']|["']$/g, '');
  if (v.length < 4) return true;
  if (/^(\$|%\(|\{\{|<|\/|\.\/|~\/|file:)/.test(v)) return true;
  if (/^(.)\1+$/.test(v) || /^[*x.•-]+$/i.test(v)) return true;
  const word = v.toLowerCase().replace(/^(your|my|the)[-_]?/, '');
  return PLACEHOLDER_WORDS.has(word) || /^(your|insert|enter|replace)[-_ ]/i.test(v);
}

/**
 * Published example credentials (AWS's documentation keys, jwt.io's sample token). Any value
 * containing `EXAMPLE` in capitals is treated the same way: that is how AWS marks them.
 */
const KNOWN_PUBLIC = new Set([
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  [
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9',
    'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ',
    'SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
  ].join('.'),
]);

/** True for a documented, public example value that must not be reported as a secret. */
export function isKnownPublic(secret: string): boolean {
  return KNOWN_PUBLIC.has(secret) || secret.includes('EXAMPLE');
}
