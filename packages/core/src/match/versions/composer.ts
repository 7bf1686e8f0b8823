import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * Packagist (Composer) versions, ordered as OSV orders its `Packagist` ecosystem: PHP's
 * `version_compare` (php-src `ext/standard/versioning.c`), after removing one leading `v` or `V`
 * as Composer's `VersionParser::normalize` does (composer/semver `src/VersionParser.php`, the
 * `^v?` of its version patterns).
 *
 * The version is cut into parts at `.`, `-`, `_` and `+`, and wherever a digit meets a
 * non-digit (`1.0rc1` is `1`, `0`, `rc`, `1`). Parts compare one by one: numbers numerically,
 * words by their stability, and a number counts as a release against a word. Stabilities, by
 * the first letters of the word:
 *
 *   any other word < `dev` < `alpha` = `a` < `beta` = `b` < `RC` = `rc` < release < `patch` = `pl` = `p`
 *
 * where "release" is a number, `#` and `stable`. When one version runs out of parts, the other is
 * higher if its next part is a number, and otherwise its remaining parts are compared with a
 * release (`1.0 < 1.0.0`, `1.0-beta < 1.0`, `1.0 < 1.0-p1`).
 *
 * Where we differ from `version_compare` or from OSV's own implementation (osv-scalibr
 * `semantic/version-packagist.go`), by choice; none of these changes a line of OSV's table:
 * - words are matched case-insensitively (`1.0-BETA1` = `1.0-beta1`), as Composer lower-cases
 *   stability flags; PHP only knows `RC` in upper case;
 * - `stable` is a release, as Composer's VersionParser drops `-stable`; for PHP it is an unknown word;
 * - an unknown word sorts below `dev`, as PHP documents; OSV's code weighs it as `dev`;
 * - `#` stays a word, the release, as OSV reads it (its table says `1.2.3.# = 1.2.3`); PHP turns
 *   every other non-alphanumeric character into a separator;
 * - empty parts (`1..2`) are skipped, as PHP collapses separators; OSV keeps them;
 * - numbers of any length are compared exactly; PHP's `strtol` saturates at 2^63-1.
 */

/** A part of a version: a number, or a word already turned into its stability rank. */
type Part = { kind: 'number'; value: bigint } | { kind: 'word'; rank: number };

/** Rank of a release: a number, `#` or `stable`. */
const RELEASE_RANK = 4;
const RELEASE: Part = { kind: 'word', rank: RELEASE_RANK };

/**
 * `compare_special_version_forms`: a word's rank is that of the first prefix it starts with
 * (so `alpha`, `abc` and `a` are all alpha, and `pl`, `patch` and `pre` are all patch).
 */
const STABILITY_PREFIXES: readonly (readonly [string, number])[] = [
  ['dev', 0],
  ['a', 1],
  ['b', 2],
  ['rc', 3],
  ['#', RELEASE_RANK],
  ['stable', RELEASE_RANK],
  ['p', 5],
];
const UNKNOWN_RANK = -1;

function rank(word: string): number {
  const w = word.toLowerCase();
  return STABILITY_PREFIXES.find(([prefix]) => w.startsWith(prefix))?.[1] ?? UNKNOWN_RANK;
}

/**
 * `php_canonicalize_version` and the split at `.`: separators `.-_+`, and a cut at each
 * digit/non-digit boundary; empty parts dropped.
 */
function parse(v: string): Part[] {
  const body = v.replace(/^[vV]/, '');
  const tokens = body.split(/[-_+.]+/).flatMap((chunk) => chunk.match(/\d+|\D+/g) ?? []);
  if (tokens.length === 0)
    throw new InvalidVersionError(
      'composer',
      v,
      'has no number or word to compare (version_compare would see an empty version)',
    );
  return tokens.map((t): Part =>
    /^\d/.test(t) ? { kind: 'number', value: BigInt(t) } : { kind: 'word', rank: rank(t) },
  );
}

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);

/** Two parts: numbers numerically; otherwise by rank, a number ranking as a release. */
function compareParts(a: Part, b: Part): number {
  if (a.kind === 'number' && b.kind === 'number') return cmpBig(a.value, b.value);
  const x = a.kind === 'number' ? RELEASE_RANK : a.rank;
  const y = b.kind === 'number' ? RELEASE_RANK : b.rank;
  return x - y;
}

/** The parts one version has beyond the other's end, against "nothing". */
function compareRest(rest: readonly Part[]): number {
  return rest[0]!.kind === 'number' ? 1 : compareLists(rest, [RELEASE]);
}

/** `php_version_compare`'s loop over parts, then its rule for the longer version. */
function compareLists(a: readonly Part[], b: readonly Part[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const c = compareParts(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  if (a.length > n) return compareRest(a.slice(n));
  if (b.length > n) return -compareRest(b.slice(n));
  return 0;
}

/**
 * Composer comparator for OSV's `Packagist` ecosystem. Like `version_compare`, it orders any string
 * that has at least one number or word (`dev-main`, `1.2.x-dev`, `v2`); a version with neither
 * (empty, `v`, `..`) is invalid and compare throws {@link InvalidVersionError}.
 */
export const composerComparator: Comparator = {
  scheme: 'composer',
  valid(v: string): boolean {
    return /[^-_+.]/.test(v.replace(/^[vV]/, ''));
  },
  compare(a: string, b: string): number {
    return sign(compareLists(parse(a), parse(b)));
  },
};
