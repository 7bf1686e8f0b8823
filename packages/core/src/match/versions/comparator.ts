/**
 * A version scheme (STYLE rule 6): parses and compares versions, nothing else. Matchers decide
 * what a comparison means; comparators never see advisories.
 */
export interface Comparator {
  /** Scheme id: `dpkg`, `apk`, `rpm`, `semver`, `pep440`, `maven`, `gem`, `go`, `nuget`, `composer`, `pub`. */
  scheme: string;
  /** True when `v` is a valid version of this scheme (as the reference tool decides). */
  valid(v: string): boolean;
  /**
   * Orders two versions: negative when `a < b`, 0 when equal, positive when `a > b`. Where the
   * reference tool accepts an invalid version it orders it as that tool does; otherwise an
   * invalid version throws {@link InvalidVersionError}.
   */
  compare(a: string, b: string): number;
}

/** Thrown by `compare` for a version the scheme cannot order. */
export class InvalidVersionError extends Error {
  override readonly name = 'InvalidVersionError';
  constructor(
    readonly scheme: string,
    readonly version: string,
    reason: string,
  ) {
    super(`invalid ${scheme} version ${JSON.stringify(version)}: ${reason}`);
  }
}

/** Clamps any number to -1, 0 or 1. */
export function sign(n: number): -1 | 0 | 1 {
  return n < 0 ? -1 : n > 0 ? 1 : 0;
}

/** `valid` for schemes whose parser throws on what the reference tool refuses. */
export function parses(parse: (v: string) => unknown): (v: string) => boolean {
  return (v) => {
    try {
      parse(v);
      return true;
    } catch {
      return false;
    }
  };
}
