import { type Comparator, InvalidVersionError, sign, parses } from './comparator.js';

/**
 * Dart pub versions, ordered as pub_semver's `Version.compareTo` orders them (dart-lang/pub_semver,
 * `lib/src/version.dart`; pub runs on the Dart VM, whose `int` is 64-bit).
 *
 * Parsing is `Version.parse`: `major.minor.patch` (decimal, leading zeros allowed, each at most
 * 2^63-1), then optionally `-` and a pre-release, then optionally `+` and a build, each of
 * dot-separated identifiers of `[0-9A-Za-z-]` (`lib/src/patterns.dart`; separators are literal
 * dots since pub_semver 2.1.1). No leading `v`, no fourth number.
 *
 * Ordering: the three numbers; a pre-release below its release; pre-release identifiers; then,
 * unlike SemVer 2.0.0 (and npm), the build: no build below any build (`1.0.0 < 1.0.0+1`), then
 * build identifiers. Identifiers compare as SemVer §11 says, with one pub detail: an identifier
 * is a number when Dart's `int.tryParse` reads it, so `0x1f` and `-2` are numbers too, and
 * 20 digits (above 2^63-1) are text.
 */

/** An identifier as `Version._splitParts` leaves it: a number or text. */
type Identifier = bigint | string;

interface PubVersion {
  numbers: readonly bigint[];
  pre: readonly Identifier[];
  build: readonly Identifier[];
}

const INT64_MAX = 2n ** 63n - 1n;
const TWO_TO_64 = 2n ** 64n;

/** `completeVersion` of patterns.dart. */
const VERSION =
  /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/**
 * Dart VM `int.tryParse` without a radix, on the characters an identifier may hold: an optional
 * `-`, then decimal digits or `0x`/`0X` and hex digits. Decimal must fit a signed 64-bit int; a
 * positive hex literal may use all 64 bits and then wraps to negative, as `int.parse` allows.
 */
function dartTryParseInt(s: string): bigint | undefined {
  const m = /^(-?)(?:0[xX]([0-9A-Fa-f]+)|(\d+))$/.exec(s);
  if (!m) return undefined;
  const hex = m[2] !== undefined;
  const magnitude = hex ? BigInt(`0x${m[2]}`) : BigInt(m[3]!);
  if (m[1] === '-') return magnitude <= INT64_MAX + 1n ? -magnitude : undefined;
  if (magnitude <= INT64_MAX) return magnitude;
  return hex && magnitude < TWO_TO_64 ? magnitude - TWO_TO_64 : undefined;
}

/** `Version._splitParts`. */
function identifiers(text: string | undefined): Identifier[] {
  if (text === undefined) return [];
  return text.split('.').map((part) => dartTryParseInt(part) ?? part);
}

/** `Version.parse`, throwing {@link InvalidVersionError} where it throws `FormatException`. */
function parse(v: string): PubVersion {
  const m = VERSION.exec(v);
  if (!m)
    throw new InvalidVersionError(
      'pub',
      v,
      'not major.minor.patch[-pre][+build] with identifiers of [0-9A-Za-z-]',
    );
  const numbers = [m[1]!, m[2]!, m[3]!].map((n) => BigInt(n));
  if (numbers.some((n) => n > INT64_MAX))
    throw new InvalidVersionError('pub', v, 'a version number is above 2^63-1, the largest Dart int');
  return { numbers, pre: identifiers(m[4]), build: identifiers(m[5]) };
}

const cmpValues = <T extends bigint | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** `Version._compareLists`: missing < present, numbers < text, text by UTF-16 code units. */
function compareLists(a: readonly Identifier[], b: readonly Identifier[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? -1 : 1;
    return cmpValues(x, y);
  }
  return 0;
}

/**
 * How an empty list compares with a non-empty one: a version without a pre-release is above one
 * with, but a version without a build is below one with.
 */
function compareEmpty(a: readonly Identifier[], b: readonly Identifier[], emptyIsHigher: boolean): number {
  const diff = Number(a.length === 0) - Number(b.length === 0);
  return emptyIsHigher ? diff : -diff;
}

/** `Version.compareTo`. */
function compareVersions(a: PubVersion, b: PubVersion): number {
  for (let i = 0; i < 3; i++) {
    const c = cmpValues(a.numbers[i]!, b.numbers[i]!);
    if (c !== 0) return c;
  }
  return (
    compareEmpty(a.pre, b.pre, true) ||
    compareLists(a.pre, b.pre) ||
    compareEmpty(a.build, b.build, false) ||
    compareLists(a.build, b.build)
  );
}

/**
 * pub comparator: `valid` is whether `Version.parse` accepts the version, `compare` is
 * `Version.compareTo`. A version pub cannot parse throws {@link InvalidVersionError}.
 */
export const pubComparator: Comparator = {
  scheme: 'pub',
  valid: parses(parse),
  compare(a: string, b: string): number {
    return sign(compareVersions(parse(a), parse(b)));
  },
};
