import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * Debian and Ubuntu package versions, `[epoch:]upstream_version[-debian_revision]`, ordered as
 * dpkg orders them (dpkg 1.21, `lib/dpkg/version.c` `dpkg_version_compare` and `verrevcmp`;
 * parsing and validity as `lib/dpkg/parsehelp.c` `parseversion`, which `dpkg --validate-version`
 * runs). Debian Policy §5.6.12 describes the same format.
 */

/** A parsed version; `blank` is dpkg's "no version" (`dpkg_version_blank`). */
interface DpkgVersion {
  epoch: number;
  upstream: string;
  revision: string;
  blank: boolean;
}

/** What `parseversion` found: an error stops dpkg, a warning only makes the version invalid. */
interface Parsed {
  version?: DpkgVersion;
  error?: string;
  warning?: string;
}

const BLANK: DpkgVersion = { epoch: 0, upstream: '', revision: '', blank: true };

/** `c_isblank`: dpkg trims spaces and tabs around a version. */
const isBlank = (c: string): boolean => c === ' ' || c === '\t';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const isAlpha = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

/** Removes leading and trailing blanks; undefined when blanks remain inside. */
function trimBlanks(s: string): string | undefined {
  let start = 0;
  let end = s.length;
  while (start < end && isBlank(s[start]!)) start++;
  while (end > start && isBlank(s[end - 1]!)) end--;
  const inner = s.slice(start, end);
  return [...inner].some(isBlank) ? undefined : inner;
}

/**
 * The epoch as C's `strtol` reads it before the first `:`: optional leading blanks and sign,
 * then digits that must run up to the colon. INT_MAX is the ceiling, as in dpkg.
 */
function parseEpoch(head: string): { epoch?: number; error?: string } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(head);
  if (!m) {
    // strtol read nothing, or stopped before the colon
    const readSome = /^[ \t\n\v\f\r]*[+-]?\d/.test(head);
    return { error: readSome ? 'epoch in version is not number' : 'epoch in version is empty' };
  }
  const n = Number(m[2]);
  if (m[1] === '-' && n !== 0) return { error: 'epoch in version is negative' };
  if (n > 2147483647) return { error: 'epoch in version is too big' };
  return { epoch: n };
}

/** The character checks of `parseversion`, which dpkg reports as warnings. */
function syntaxWarning(upstream: string, revision: string): string | undefined {
  if (!isDigit(upstream[0]!)) return 'version number does not start with digit';
  if ([...upstream].some((c) => !isDigit(c) && !isAlpha(c) && !'.-+~:'.includes(c)))
    return 'invalid character in version number';
  if ([...revision].some((c) => !isDigit(c) && !isAlpha(c) && !'.+~'.includes(c)))
    return 'invalid character in revision number';
  return undefined;
}

/** dpkg's `parseversion`: epoch before the first `:`, revision after the last `-`. */
function parseDpkg(input: string): Parsed {
  const s = trimBlanks(input);
  if (s === undefined) return { error: 'version string has embedded spaces' };
  if (s === '') return { error: 'version string is empty' };
  let rest = s;
  let epoch = 0;
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const e = parseEpoch(s.slice(0, colon));
    if (e.error !== undefined) return { error: e.error };
    epoch = e.epoch!;
    rest = s.slice(colon + 1);
    if (rest === '') return { error: 'nothing after colon in version number' };
  }
  const hyphen = rest.lastIndexOf('-');
  const upstream = hyphen >= 0 ? rest.slice(0, hyphen) : rest;
  const revision = hyphen >= 0 ? rest.slice(hyphen + 1) : '';
  if (hyphen >= 0 && revision === '') return { error: 'revision number is empty' };
  if (upstream === '') return { error: 'version number is empty' };
  const version = { epoch, upstream, revision, blank: false };
  return { version, warning: syntaxWarning(upstream, revision) };
}

/**
 * `order()` in version.c: digits and the end 0, letters their code, `~` below everything, other
 * characters after all letters.
 */
function order(c: string | undefined): number {
  if (c === undefined) return 0;
  if (isDigit(c)) return 0;
  if (isAlpha(c)) return c.charCodeAt(0);
  if (c === '~') return -1;
  return c.charCodeAt(0) + 256;
}

/**
 * dpkg's `verrevcmp`: alternating non-digit runs (compared character by character with
 * {@link order}) and digit runs (compared numerically, leading zeros ignored).
 * Works on UTF-16 code units; dpkg works on bytes, which only differs for non-ASCII characters,
 * which a valid version never holds.
 */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i]!)) || (j < b.length && !isDigit(b[j]!))) {
      const diff = order(a[i]) - order(b[j]);
      if (diff !== 0) return diff;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    let firstDiff = 0;
    while (i < a.length && j < b.length && isDigit(a[i]!) && isDigit(b[j]!)) {
      if (firstDiff === 0) firstDiff = a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (i < a.length && isDigit(a[i]!)) return 1;
    if (j < b.length && isDigit(b[j]!)) return -1;
    if (firstDiff !== 0) return firstDiff;
  }
  return 0;
}

/**
 * The version `dpkg --compare-versions` compares: `""` (and dpkg's `<unknown>`) is the blank
 * version, ordered below every other one; a version with only a warning is compared anyway
 * (dpkg prints the warning); an error makes dpkg stop, so it throws here.
 */
function forCompare(v: string): DpkgVersion {
  if (v === '' || v === '<unknown>') return BLANK;
  const p = parseDpkg(v);
  if (p.error !== undefined) throw new InvalidVersionError('dpkg', v, p.error);
  return p.version!;
}

/** `dpkg_version_compare`: epoch, then upstream version, then revision. */
function compareParsed(a: DpkgVersion, b: DpkgVersion): number {
  if (a.blank || b.blank) return Number(!a.blank) - Number(!b.blank);
  if (a.epoch !== b.epoch) return a.epoch - b.epoch;
  return verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision);
}

/**
 * dpkg comparator. `valid` is `dpkg --validate-version` (errors and warnings both fail);
 * `compare` is `dpkg --compare-versions`, which also orders versions that only draw a warning
 * (a letter first, an odd character) and treats `""` as "no version", below all others.
 */
export const dpkgComparator: Comparator = {
  scheme: 'dpkg',
  valid(v: string): boolean {
    const p = parseDpkg(v);
    return p.error === undefined && p.warning === undefined;
  },
  compare(a: string, b: string): number {
    return sign(compareParsed(forCompare(a), forCompare(b)));
  },
};
