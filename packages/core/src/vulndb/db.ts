import type { OsvRecord } from '../types/osv/record.js';

/** What the matcher needs from a vulnerability database. */
export interface AdvisoryDb {
  /** Human-readable origin (a path, a URL, `osv-api`). */
  readonly location: string;
  /** Every record with an `affected[]` entry for `name` in `ecosystem` (exact OSV ecosystem string). */
  lookup(ecosystem: string, name: string): Promise<OsvRecord[]>;
  /** Ecosystems present, with record counts, for `db status` and the report. */
  stats(): Promise<{ ecosystems: Record<string, number>; records: number }>;
}

/**
 * Package names as OSV compares them: PyPI names are normalised (PEP 503: case-insensitive,
 * runs of `-`, `_`, `.` equal); every other ecosystem compares names exactly.
 */
export function normaliseName(ecosystem: string, name: string): string {
  if (ecosystem === 'PyPI') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return name;
}
