import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * RubyGems versions, ordered as RubyGems' `Gem::Version#<=>` (rubygems/lib/rubygems/version.rb)
 * orders them: a version is a list of numeric and alphabetic segments; any segment with a
 * letter makes a pre-release (`1.0.a < 1.0`); `-` means `.pre.` (`1.0-1 == 1.0.pre.1`).
 */

/** Ruby's `\s` (ASCII whitespace only). */
const WS = '[ \\t\\r\\n\\f\\v]';

/**
 * `Gem::Version::ANCHORED_VERSION_PATTERN`. RubyGems writes the dotted part as an atomic group;
 * a plain group matches the same strings, since an alphanumeric run can only be followed by
 * `.`, `-`, whitespace or the end.
 */
const ANCHORED = new RegExp(
  `^${WS}*([0-9]+(?:\\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?)?${WS}*$`,
);

type Segment = bigint | string;

/** `Gem::Version#_segments`: blank is `0`; `-` becomes `.pre.`; runs of digits or letters. */
function segments(version: string): Segment[] {
  const v = version.trim() === '' ? '0' : version.trim().replaceAll('-', '.pre.');
  return (v.match(/[0-9]+|[a-z]+/gi) ?? []).map((s) => (/^\d+$/.test(s) ? BigInt(s) : s));
}

/** Trailing zeros dropped from a run of segments (`1.0 == 1`, `1.a.0 == 1.a`). */
function dropTrailingZeros(s: Segment[]): Segment[] {
  let end = s.length;
  while (end > 0 && s[end - 1] === 0n) end--;
  return s.slice(0, end);
}

/**
 * `Gem::Version#canonical_segments`: the numeric release part and the part from the first
 * string segment on, each without trailing zeros (`1.0.0.a.0 == 1.a`).
 */
function canonicalSegments(version: string): Segment[] {
  const s = segments(version);
  const firstString = s.findIndex((x) => typeof x === 'string');
  const cut = firstString < 0 ? s.length : firstString;
  return [...dropTrailingZeros(s.slice(0, cut)), ...dropTrailingZeros(s.slice(cut))];
}

/** `Gem::Version#<=>` on canonical segments, the shorter padded with `0`; a string is below a number. */
function compareSegments(a: readonly Segment[], b: readonly Segment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = a[i] ?? 0n;
    const r = b[i] ?? 0n;
    if (l === r) continue;
    if (typeof l !== typeof r) return typeof l === 'string' ? -1 : 1;
    return l < r ? -1 : 1;
  }
  return 0;
}

function canonicalOrThrow(v: string): Segment[] {
  if (!ANCHORED.test(v)) throw new InvalidVersionError('gem', v, 'malformed version number string');
  return canonicalSegments(v);
}

/**
 * RubyGems comparator. `valid` is `Gem::Version.correct?`; `compare` raises for what
 * `Gem::Version.new` refuses (`1beta`: a letter must follow a `.` or `-`).
 */
export const gemComparator: Comparator = {
  scheme: 'gem',
  valid(v: string): boolean {
    return ANCHORED.test(v);
  },
  compare(a: string, b: string): number {
    return sign(compareSegments(canonicalOrThrow(a), canonicalOrThrow(b)));
  },
};
