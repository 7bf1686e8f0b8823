import { type Comparator, sign } from './comparator.js';

/**
 * Go module versions, ordered as `golang.org/x/mod/semver` (`semver.Compare`) orders them:
 * SemVer 2.0.0 with a leading `v`, where `v1` and `v1.2` are short for `v1.0.0` and `v1.2.0`.
 * Pseudo-versions (`v0.0.0-20210101000000-abcdef123456`, `v1.2.4-0.2021…`) are ordinary
 * pre-releases and order by their timestamp; `+incompatible` is build metadata and is ignored.
 *
 * OSV's Go ranges drop the `v` (`1.2.3`), Go's own tools write it; both are accepted.
 */

/** The parts `semver.Compare` looks at; build metadata is checked for syntax only. */
interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string;
}

const NUM = '(0|[1-9][0-9]*)';
const IDENT = '[0-9A-Za-z-]+';
/** `semver.parse`: `vMAJOR[.MINOR[.PATCH[-pre][+build]]]`, no leading zeros in numbers. */
const PATTERN = new RegExp(
  `^v${NUM}(?:\\.${NUM}(?:\\.${NUM}(?<pre>-${IDENT}(?:\\.${IDENT})*)?(?:\\+${IDENT}(?:\\.${IDENT})*)?)?)?$`,
);

/** A numeric pre-release identifier with a leading zero (`01`) is invalid (SemVer §9). */
const hasBadNumber = (pre: string): boolean =>
  pre
    .slice(1)
    .split('.')
    .some((id) => /^0[0-9]+$/.test(id));

/** The `v`-prefixed form: OSV's Go ranges omit the `v`. */
const withV = (v: string): string => (v.startsWith('v') ? v : `v${v}`);

function parse(v: string): GoVersion | undefined {
  const m = PATTERN.exec(withV(v));
  if (!m) return undefined;
  const prerelease = m.groups?.pre ?? '';
  if (hasBadNumber(prerelease)) return undefined;
  return { major: m[1]!, minor: m[2] ?? '0', patch: m[3] ?? '0', prerelease };
}

/** Decimal strings without leading zeros: the longer is larger, else lexical order. */
function compareInt(x: string, y: string): number {
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const isNum = (s: string): boolean => /^[0-9]+$/.test(s);

/** One pre-release identifier: numbers below words, numbers numerically, words in ASCII order. */
function compareIdent(x: string, y: string): number {
  if (x === y) return 0;
  if (isNum(x) !== isNum(y)) return isNum(x) ? -1 : 1;
  if (isNum(x)) return compareInt(x, y);
  return x < y ? -1 : 1;
}

/** `comparePrerelease`: none is highest; otherwise identifier by identifier, more identifiers win. */
function comparePrerelease(x: string, y: string): number {
  if (x === y) return 0;
  if (x === '') return 1;
  if (y === '') return -1;
  const xs = x.slice(1).split('.');
  const ys = y.slice(1).split('.');
  for (let i = 0; i < Math.min(xs.length, ys.length); i++) {
    const c = compareIdent(xs[i]!, ys[i]!);
    if (c !== 0) return c;
  }
  return xs.length - ys.length;
}

/**
 * Go comparator (`semver.IsValid`, `semver.Compare`). Like `semver.Compare`, `compare` does not
 * throw: an invalid version is below every valid one and equal to any other invalid one (Go
 * binaries built from a work tree report `(devel)`). Callers that must not treat an unknown
 * version as "oldest" check `valid` first.
 */
export const goComparator: Comparator = {
  scheme: 'go',
  valid(v: string): boolean {
    return parse(v) !== undefined;
  },
  compare(a: string, b: string): number {
    const x = parse(a);
    const y = parse(b);
    if (!x || !y) return Number(x !== undefined) - Number(y !== undefined);
    return sign(
      compareInt(x.major, y.major) ||
        compareInt(x.minor, y.minor) ||
        compareInt(x.patch, y.patch) ||
        comparePrerelease(x.prerelease, y.prerelease),
    );
  },
};
