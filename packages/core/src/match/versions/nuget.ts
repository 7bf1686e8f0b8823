import { type Comparator, InvalidVersionError, sign, parses } from './comparator.js';

/**
 * NuGet versions, ordered as NuGet.Versioning orders `NuGetVersion`s with
 * `VersionComparer.Default` (NuGet/NuGet.Client, `src/NuGet.Core/NuGet.Versioning`): SemVer 2.0.0
 * extended with a fourth number (the legacy `System.Version` revision).
 *
 * Parsing follows `NuGetVersion.TryParse` (NuGetVersionFactory.cs), the loose parser NuGet uses for
 * package versions:
 * - surrounding white space is trimmed (`String.Trim`);
 * - the text up to the first `-` or `+` holds 1 to 4 dot-separated numbers of ASCII digits only
 *   (NuGet parses them itself since NuGet/NuGet.Client#5202, 2023, no longer with
 *   `System.Version`); missing ones are 0 (`1.0` = `1.0.0.0`), leading zeros are allowed
 *   (`1.01` = `1.1`), and each is at most 2^31-1;
 * - after `-`, dot-separated release labels of `[0-9A-Za-z-]`, none empty, no leading zero on
 *   an all-digit label (`01`);
 * - after `+`, build metadata of the same characters (leading zeros allowed), then ignored.
 */

/** A parsed version: four numbers and the release labels (empty for a release). */
interface NuGetVersion {
  numbers: readonly number[];
  labels: readonly string[];
}

/** .NET `Int32.MaxValue`: version numbers are `int`s, and larger ones make the version invalid. */
const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** `char.IsWhiteSpace`, which `String.Trim` removes (unlike JavaScript's `\s`, not U+FEFF). */
const DOTNET_SPACE = '[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const TRIM = new RegExp(`^${DOTNET_SPACE}+|${DOTNET_SPACE}+$`, 'g');

const PART = /^[0-9A-Za-z-]+$/;

/** The three sections of `SemanticVersion.ParseSections`: numbers, `-` labels, `+` metadata. */
interface Sections {
  version: string;
  labels?: string;
  metadata?: string;
}

/**
 * Splits at the first `-` or `+`, then the labels at the first `+`. A trailing `-` or `+` leaves an
 * empty section, which validation refuses, as ParseSections' own handling of that case does.
 */
function sections(s: string): Sections {
  const dash = s.search(/[-+]/);
  if (dash < 0) return { version: s };
  const version = s.slice(0, dash);
  if (s[dash] === '+') return { version, metadata: s.slice(dash + 1) };
  const plus = s.indexOf('+', dash + 1);
  if (plus < 0) return { version, labels: s.slice(dash + 1) };
  return { version, labels: s.slice(dash + 1, plus), metadata: s.slice(plus + 1) };
}

function fail(v: string, reason: string): never {
  throw new InvalidVersionError('nuget', v, reason);
}

/** 1 to 4 numbers of ASCII digits, none empty (`1.2..` is invalid), none above 2^31-1. */
function parseNumbers(v: string, text: string): number[] {
  const parts = text.split('.');
  if (text === '' || parts.length > 4) fail(v, 'needs 1 to 4 dot-separated numbers before any - or +');
  const numbers = parts.map((p) => {
    if (!/^\d+$/.test(p)) fail(v, `${JSON.stringify(p)} is not a number`);
    const n = Number(p);
    if (n > INT32_MAX) fail(v, `${p} is above 2147483647, the largest .NET int`);
    return n;
  });
  while (numbers.length < 4) numbers.push(0);
  return numbers;
}

/** `SemanticVersion.IsValidPart`: non-empty, `[0-9A-Za-z-]`, and optionally no leading zero. */
function checkParts(v: string, text: string, what: string, allowLeadingZeros: boolean): string[] {
  const parts = text.split('.');
  for (const p of parts) {
    if (!PART.test(p))
      fail(v, `${what} ${JSON.stringify(p)} is empty or has a character other than [0-9A-Za-z-]`);
    if (!allowLeadingZeros && /^0\d+$/.test(p)) fail(v, `${what} ${p} has a leading zero`);
  }
  return parts;
}

/** `NuGetVersion.TryParse`, throwing {@link InvalidVersionError} where it returns false. */
function parse(v: string): NuGetVersion {
  const s = sections(v.replace(TRIM, ''));
  const numbers = parseNumbers(v, s.version);
  const labels = s.labels === undefined ? [] : checkParts(v, s.labels, 'release label', false);
  if (s.metadata !== undefined) checkParts(v, s.metadata, 'metadata part', true);
  return { numbers, labels };
}

/**
 * `int.TryParse` as `VersionComparer.CompareRelease` calls it: an optional `-` and digits, within
 * the range of a .NET `int`. So `-1` is a number (labels may contain `-`) and 2147483648 is not.
 */
function labelNumber(label: string): number | undefined {
  if (!/^-?\d+$/.test(label)) return undefined;
  const n = Number(label);
  return n >= INT32_MIN && n <= INT32_MAX ? n : undefined;
}

/** `StringComparer.OrdinalIgnoreCase`: code units of the upper-cased strings. */
function compareIgnoreCase(a: string, b: string): number {
  const x = a.toUpperCase();
  const y = b.toUpperCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** `CompareRelease`: numbers numerically and before words; words case-insensitively. */
function compareLabel(a: string, b: string): number {
  const x = labelNumber(a);
  const y = labelNumber(b);
  if (x !== undefined && y !== undefined) return x - y;
  if (x !== undefined) return -1;
  if (y !== undefined) return 1;
  return compareIgnoreCase(a, b);
}

/** `CompareReleaseLabels`: label by label; with equal labels so far, the shorter list is lower. */
function compareLabels(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = compareLabel(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * `VersionComparer.Compare` in `VersionComparison.Default` mode: the four numbers, then a
 * pre-release (any labels) below the release, then the labels. Metadata never counts.
 */
function compareVersions(a: NuGetVersion, b: NuGetVersion): number {
  for (let i = 0; i < 4; i++) {
    if (a.numbers[i] !== b.numbers[i]) return a.numbers[i]! - b.numbers[i]!;
  }
  const aRelease = a.labels.length === 0;
  const bRelease = b.labels.length === 0;
  if (aRelease || bRelease) return Number(aRelease) - Number(bRelease);
  return compareLabels(a.labels, b.labels);
}

/**
 * NuGet comparator: `valid` is `NuGetVersion.TryParse`, `compare` is `VersionComparer.Default`.
 * A version NuGet cannot parse throws {@link InvalidVersionError}.
 */
export const nugetComparator: Comparator = {
  scheme: 'nuget',
  valid: parses(parse),
  compare(a: string, b: string): number {
    return sign(compareVersions(parse(a), parse(b)));
  },
};
