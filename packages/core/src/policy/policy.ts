import type { Severity } from '../types/model.js';

/** What a rule does when it is violated. */
export type RuleMode = 'fail' | 'warn' | 'off';

/**
 * How findings of one check kind gate the image (issue 10): `mode` when at least one active
 * finding of that kind is at or above `minSeverity`.
 */
export interface FindingKindRule {
  mode: RuleMode;
  minSeverity: Severity;
}

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
  /** Secrets in files, ENV/ARG/LABEL values or history (`secret` findings of `checks/`). */
  secrets: FindingKindRule;
  /** Image misconfigurations: CIS Docker Benchmark §4 rules, files that do not belong (`checks/`). */
  misconfigurations: FindingKindRule;
}

/**
 * Built-in defaults: fail on high and critical (GitHub code scanning's default for failing a
 * pull-request check), fail when an OS package database is unreadable, warn on other gaps.
 * Any secret fails the image (a leaked credential is compromised once the image is pushed);
 * misconfigurations of high severity and above warn (most images run as root, and a gate that
 * fails nearly everything on day one gets switched off).
 */
export const DEFAULT_POLICY: GatePolicy = {
  failOn: 'high',
  warnOn: 'none',
  ignoreUnfixed: false,
  incomplete: { osDatabase: 'fail', other: 'warn' },
  secrets: { mode: 'fail', minSeverity: 'low' },
  misconfigurations: { mode: 'warn', minSeverity: 'high' },
};
