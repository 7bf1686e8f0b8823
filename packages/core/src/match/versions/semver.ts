import { SemVer } from 'semver';
import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * npm versions, ordered by npm's own `semver` package (SemVer 2.0.0 §11 precedence: numeric
 * major.minor.patch, a pre-release below its release, pre-release identifiers numeric before
 * alphanumeric, build metadata ignored).
 *
 * Parsing is `loose`, as npm's package.json normalisation (normalize-package-data outside strict
 * mode) accepts it for installed packages: `=1.2.3`, `v1.2.3`, `1.2.3beta` (read as
 * `1.2.3-beta`), `01.2.3`, surrounding spaces. Every strict version parses the same way loosely.
 */

/** The parsed version, or undefined when npm's semver refuses it (including numbers above 2^53-1). */
function parse(v: string): SemVer | undefined {
  try {
    return new SemVer(v, { loose: true });
  } catch {
    return undefined;
  }
}

function parseOrThrow(v: string): SemVer {
  const p = parse(v);
  if (!p)
    throw new InvalidVersionError('semver', v, 'not a (loose) semantic version, as npm semver reads it');
  return p;
}

/**
 * npm semver comparator: `valid` is `semver.valid(v, { loose: true }) !== null`, `compare` is
 * `semver.compare(a, b, { loose: true })`; a version npm cannot parse throws.
 */
export const semverComparator: Comparator = {
  scheme: 'semver',
  valid(v: string): boolean {
    return parse(v) !== undefined;
  },
  compare(a: string, b: string): number {
    return sign(parseOrThrow(a).compare(parseOrThrow(b)));
  },
};
