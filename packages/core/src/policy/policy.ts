import type { Severity } from '../types/model.js';

/** What a rule does when it is violated. */
export type RuleMode = 'fail' | 'warn' | 'off';

/**
 * The gate's rules in resolved form (after flags, `TIDEGATE_*` variables, the policy file and
 * built-in defaults have been applied, in that order of precedence).
 */
export interface GatePolicy {
  /** Unsuppressed vulnerabilities at or above this severity fail the image; `none` disables. */
  failOn: Severity | 'none';
  /** Unsuppressed vulnerabilities at or above this severity (and below `failOn`) warn. */
  warnOn: Severity | 'none';
  /** Ignore vulnerabilities no fixed version exists for. */
  ignoreUnfixed: boolean;
  /** What an incomplete scan does (STYLE rule 17). */
  incomplete: {
    /** An OS package database (dpkg, apk, rpm) could not be read: a hostile image could hide packages so. */
    osDatabase: RuleMode;
    /** Anything else could not be read (one language manifest, one oversized file). */
    other: RuleMode;
  };
}

/**
 * Built-in defaults: fail on high and critical (GitHub code scanning's default for failing a
 * pull-request check), fail when an OS package database is unreadable, warn on other gaps.
 */
export const DEFAULT_POLICY: GatePolicy = {
  failOn: 'high',
  warnOn: 'none',
  ignoreUnfixed: false,
  incomplete: { osDatabase: 'fail', other: 'warn' },
};
