import { SEVERITIES, type Severity } from './types/model.js';

/** 0 for critical … 5 for unknown. */
export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is `threshold` or more severe. `unknown` is never at or above a threshold. */
export function atOrAbove(s: Severity, threshold: Severity): boolean {
  if (s === 'unknown') return threshold === 'unknown';
  return severityRank(s) <= severityRank(threshold);
}

/** Parses a severity name, case-insensitively; `undefined` when it is none. */
export function parseSeverity(s: string): Severity | undefined {
  const v = s.trim().toLowerCase();
  return (SEVERITIES as readonly string[]).includes(v) ? (v as Severity) : undefined;
}
