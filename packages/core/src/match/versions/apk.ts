import { type Comparator, sign } from './comparator.js';

/**
 * Alpine (apk) package versions, `digit{.digit}...{letter}{_suffix{digits}}...{~hash}{-r#}`,
 * ordered as apk-tools 3 orders them (alpinelinux/apk-tools `src/version.c`,
 * `apk_version_compare` and `apk_version_validate`; checked against that project's own
 * `test/unit/version.data` at commit 90b974fd).
 *
 * apk-tools 3 changed how a few *invalid* versions order against valid ones (`1-r-0 < 1-r0`,
 * `1 > 1-ruff`, `1.2.0A < 1.2.0d`; apk-tools 2, shipped by Alpine 3.x up to 3.21, says the
 * opposite). We follow apk-tools 3: it is the current tool and the one whose test data we hold.
 * Valid versions order the same under both.
 */

/** Token kinds in the order apk-tools declares them: the order matters when two versions diverge. */
const enum Tok {
  InitialDigit,
  Digit,
  Letter,
  Suffix,
  SuffixNo,
  CommitHash,
  RevisionNo,
  End,
  Invalid,
}

/** Suffix ranks: pre-release suffixes sort below "no suffix" (`NONE`), post-release ones above. */
const SUFFIXES: Readonly<Record<string, number>> = {
  alpha: 1,
  beta: 2,
  pre: 3,
  rc: 4,
  cvs: 6,
  svn: 7,
  git: 8,
  hg: 9,
  p: 10,
};
const SUFFIX_NONE = 5;

/** The tokenizer state: the current token and the read position. */
interface TokenState {
  s: string;
  pos: number;
  token: Tok;
  value: string;
  number: bigint;
  suffix: number;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLower = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z';
const isHex = (c: string): boolean => isDigit(c) || (c >= 'a' && c <= 'f');

/** `apk_blob_spn`: the run of characters of a class; apk lets every non-ASCII byte through. */
function span(t: TokenState, inClass: (c: string) => boolean): string {
  const start = t.pos;
  while (t.pos < t.s.length && (inClass(t.s[t.pos]!) || t.s.charCodeAt(t.pos) >= 128)) t.pos++;
  return t.s.slice(start, t.pos);
}

/** `apk_blob_pull_uint`: a run of ASCII digits, kept as an unsigned 64-bit value like apk-tools. */
function parseDigits(t: TokenState): void {
  const start = t.pos;
  while (isDigit(t.s[t.pos])) t.pos++;
  t.value = t.s.slice(start, t.pos);
  t.number = t.value === '' ? 0n : BigInt.asUintN(64, BigInt(t.value));
  if (t.value === '') invalid(t);
}

/** Marks the version invalid from here on: comparing stops at this token. */
function invalid(t: TokenState): void {
  t.token = Tok.Invalid;
}

/** `token_first`: every version starts with a number. */
function first(s: string): TokenState {
  const t: TokenState = { s, pos: 0, token: Tok.InitialDigit, value: '', number: 0n, suffix: 0 };
  parseDigits(t);
  return t;
}

/** A digit run after `.`, a letter or a suffix. */
function nextDigits(t: TokenState): void {
  if (t.token === Tok.InitialDigit || t.token === Tok.Digit) t.token = Tok.Digit;
  else if (t.token === Tok.Suffix) t.token = Tok.SuffixNo;
  else return invalid(t);
  parseDigits(t);
}

function nextSuffix(t: TokenState): void {
  t.pos++;
  t.value = span(t, isLower);
  const rank = Object.hasOwn(SUFFIXES, t.value) ? SUFFIXES[t.value]! : 0;
  t.token = rank === 0 ? Tok.Invalid : Tok.Suffix;
  t.suffix = rank;
}

/** `token_next`: the next token's kind comes from its first character and the previous kind. */
function next(t: TokenState): void {
  const c = t.s[t.pos];
  if (c === undefined) return void (t.token = Tok.End);
  if (isLower(c)) {
    if (t.token > Tok.Digit) return invalid(t);
    t.value = c;
    t.token = Tok.Letter;
    t.pos++;
  } else if (c === '.' || isDigit(c)) {
    if (c === '.' && t.token > Tok.Digit) return invalid(t);
    if (c === '.') t.pos++;
    nextDigits(t);
  } else if (c === '_') {
    if (t.token > Tok.SuffixNo) return invalid(t);
    nextSuffix(t);
  } else if (c === '~') {
    if (t.token >= Tok.CommitHash) return invalid(t);
    t.pos++;
    t.value = span(t, isHex);
    t.token = t.value === '' ? Tok.Invalid : Tok.CommitHash;
  } else if (c === '-' && t.s[t.pos + 1] === 'r' && t.token < Tok.RevisionNo) {
    t.pos += 2;
    t.token = Tok.RevisionNo;
    parseDigits(t);
  } else invalid(t);
}

/** `apk_blob_sort`: byte order over the common length, then the shorter first. */
function stringSort(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a.charCodeAt(i) - b.charCodeAt(i);
  return a.length - b.length;
}

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** `token_cmp` for two tokens of the same kind. */
function tokenCmp(a: TokenState, b: TokenState): number {
  switch (a.token) {
    case Tok.Digit:
      // a leading zero makes apk compare the digits as a string (Gentoo's rule): 1.02 < 1.1
      if (a.value[0] === '0' || b.value[0] === '0') return stringSort(a.value, b.value);
      return cmpBig(a.number, b.number);
    case Tok.InitialDigit:
    case Tok.SuffixNo:
    case Tok.RevisionNo:
      return cmpBig(a.number, b.number);
    case Tok.Letter:
      return a.value.charCodeAt(0) - b.value.charCodeAt(0);
    case Tok.Suffix:
      return a.suffix - b.suffix;
    default:
      return stringSort(a.value, b.value);
  }
}

/**
 * apk-tools' `apk_version_compare_fuzzy`: compares token by token; when one version runs out,
 * a pre-release suffix makes its owner lower, otherwise the one with more tokens is higher, and
 * an invalid tail sorts below everything. With `fuzzy`, `a` matches when `b` is a prefix of it:
 * apk's `~` dependency operator (`python3~3.12`).
 *
 * @returns -1, 0 or 1
 */
export function apkCompare(a: string, b: string, fuzzy = false): -1 | 0 | 1 {
  const ta = first(a);
  const tb = first(b);
  while (ta.token === tb.token && ta.token < Tok.End) {
    const r = tokenCmp(ta, tb);
    if (r !== 0) return sign(r);
    next(ta);
    next(tb);
  }
  if (ta.token === tb.token) return 0;
  if (tb.token === Tok.End && fuzzy) return 0;
  if (ta.token === Tok.Suffix && ta.suffix < SUFFIX_NONE) return -1;
  if (tb.token === Tok.Suffix && tb.suffix < SUFFIX_NONE) return 1;
  return ta.token > tb.token ? -1 : 1;
}

/**
 * apk comparator (apk-tools 3 `version.c`). `valid` is `apk_version_validate`. `compare` never
 * throws: apk-tools orders invalid versions too (`apk version -t`), and so do we.
 */
export const apkComparator: Comparator = {
  scheme: 'apk',
  valid(v: string): boolean {
    const t = first(v);
    while (t.token < Tok.End) next(t);
    return t.token === Tok.End;
  },
  compare(a: string, b: string): number {
    return apkCompare(a, b);
  },
};
