import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * RPM versions, `[epoch:]version[-release]`, ordered as rpm 4.18 orders them: `rpmvercmp()`
 * (`rpmio/rpmvercmp.c`) on each part, and the EVR split and part order of `rpmio/rpmver.c`
 * (`parseEVR`, `rpmverCmp`), which the Lua `rpm.ver()` comparison uses.
 */

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
/** Characters that are neither part of a segment nor `~`/`^` separate segments and are skipped. */
const isSeparator = (c: string): boolean => !isDigit(c) && !isAlpha(c) && c !== '~' && c !== '^';

/** The end of the digit (or letter) run starting at `i`. */
function runEnd(s: string, i: number, digits: boolean): number {
  while (i < s.length && (digits ? isDigit(s[i]) : isAlpha(s[i]))) i++;
  return i;
}

/** Compares two digit runs as numbers of any length: leading zeros dropped, longer wins. */
function compareNumeric(a: string, b: string): number {
  const x = a.replace(/^0+/, '');
  const y = b.replace(/^0+/, '');
  if (x.length !== y.length) return x.length > y.length ? 1 : -1;
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * How a `~` or `^` at `a[i]`/`b[j]` decides, or `undefined` when neither is there. `~` sorts
 * before everything, even the end of the string (`1.0~rc1 < 1.0`); `^` sorts after the end but
 * before anything else (`1.0 < 1.0^git1 < 1.0.1`).
 */
function tildeCaret(ca: string | undefined, cb: string | undefined): number | 'both' | undefined {
  if (ca === '~' || cb === '~') {
    if (ca !== '~') return 1;
    if (cb !== '~') return -1;
    return 'both';
  }
  if (ca === '^' || cb === '^') {
    if (ca === undefined) return -1;
    if (cb === undefined) return 1;
    if (ca !== '^') return 1;
    if (cb !== '^') return -1;
    return 'both';
  }
  return undefined;
}

/**
 * rpm's `rpmvercmp()` on one part (a version or a release): alternating digit and letter
 * segments, anything else a separator; digits beat letters, `~` and `^` as described in
 * {@link tildeCaret}. Letters are ASCII only, as in rpm (`risalpha`).
 *
 * @returns -1, 0 or 1
 */
export function rpmvercmp(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (i < a.length && isSeparator(a[i]!)) i++;
    while (j < b.length && isSeparator(b[j]!)) j++;
    const special = tildeCaret(a[i], b[j]);
    if (special === 'both') {
      i++;
      j++;
      continue;
    }
    if (special !== undefined) return sign(special);
    if (i >= a.length || j >= b.length) break;
    const numeric = isDigit(a[i]);
    const ea = runEnd(a, i, numeric);
    const eb = runEnd(b, j, numeric);
    // segments of different kinds: the numeric one is newer (rpm bug #50977)
    if (eb === j) return numeric ? 1 : -1;
    const sa = a.slice(i, ea);
    const sb = b.slice(j, eb);
    const rc = numeric ? compareNumeric(sa, sb) : sa < sb ? -1 : sa > sb ? 1 : 0;
    if (rc !== 0) return sign(rc);
    i = ea;
    j = eb;
  }
  if (i >= a.length && j >= b.length) return 0;
  return i >= a.length ? -1 : 1;
}

/** An EVR split as `parseEVR` splits it; a missing epoch or release is `undefined`. */
interface Evr {
  epoch: string | undefined;
  version: string;
  release: string | undefined;
}

/**
 * `parseEVR`: the epoch is a (possibly empty) digit run ended by `:` at the very start; the
 * release follows the last `-` after that digit run. `a:1` has no epoch: `a:1` is its version.
 */
function parseEvr(evr: string): Evr {
  let s = 0;
  while (isDigit(evr[s])) s++;
  const hyphen = evr.lastIndexOf('-');
  const se = hyphen >= s ? hyphen : -1;
  const hasEpoch = evr[s] === ':';
  const epoch = hasEpoch ? evr.slice(0, s) || '0' : undefined;
  const versionStart = hasEpoch ? s + 1 : 0;
  return {
    epoch,
    version: se >= 0 ? evr.slice(versionStart, se) : evr.slice(versionStart),
    release: se >= 0 ? evr.slice(se + 1) : undefined,
  };
}

/** `compare_values` in rpmver.c: a missing part sorts below a present one, even an empty one. */
function compareValues(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return Number(a !== undefined) - Number(b !== undefined);
  return rpmvercmp(a, b);
}

/**
 * `rpmverCmp`: epoch (missing counts as `0`, compared with rpmvercmp, so `01:` equals `1:`),
 * then version, then release, where a version without release is lower than one with
 * (`1 < 1-0`).
 */
export function compareEvr(a: string, b: string): number {
  const x = parseEvr(a);
  const y = parseEvr(b);
  return (
    compareValues(x.epoch ?? '0', y.epoch ?? '0') ||
    compareValues(x.version, y.version) ||
    compareValues(x.release, y.release)
  );
}

/**
 * rpm comparator. rpm parses any non-empty string as an EVR (`rpmverParse` refuses only the
 * empty one), so `valid` is "not empty" and `compare` throws only for `""`.
 */
export const rpmComparator: Comparator = {
  scheme: 'rpm',
  valid(v: string): boolean {
    return v !== '';
  },
  compare(a: string, b: string): number {
    for (const v of [a, b]) if (v === '') throw new InvalidVersionError('rpm', v, 'empty EVR');
    return sign(compareEvr(a, b));
  },
};
