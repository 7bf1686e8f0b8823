import { FINDING_KINDS, type FindingKind, type ScanResult, type Severity } from '../types/model.js';
import { countsOfKind, exitCodeOf, imageNameOf, type CiStatus } from './verdict.js';

/** What happened to the pull-request comment, for the verdict file and the Action's outputs. */
export interface CommentRecord {
  /** `off` (not asked for), `skipped` (no pull request, no token, a fork), or what the API did. */
  status: 'off' | 'skipped' | 'created' | 'updated' | 'unchanged' | 'failed';
  reason?: string;
  url?: string;
}

/** Name of the verdict file in the output directory. */
export const VERDICT_FILE = 'tidegate-verdict.json';

/**
 * `tidegate-verdict.json`: the run in a few machine-readable fields, written next to the reports
 * whatever happened, so an integration decides from a file, not from its log (the Jenkins step
 * returns it as its Map). `exitCode` is the CLI's: 2 also when a required comment failed.
 */
export interface VerdictFile {
  schemaVersion: 1;
  status: CiStatus;
  exitCode: 0 | 1 | 2;
  /** The line the run ended with (`tidegate: FAIL app: …`, `tidegate: error: …`). */
  line: string;
  /** The image as given, and its name (first tag) once read. */
  reference: string;
  image?: string;
  incomplete?: boolean;
  reasons: string[];
  /** Counts of the findings that count, per kind and severity. */
  counts?: Record<FindingKind, Record<Severity, number>>;
  /** Report files written, by format id, relative to the output directory. */
  reports: Record<string, string>;
  comment: CommentRecord;
  ci: string;
}

/** Builds the verdict file; `exitCode` defaults to the status's. */
export function verdictFile(o: {
  status: CiStatus;
  line: string;
  reference: string;
  result?: ScanResult;
  reports: Record<string, string>;
  comment: CommentRecord;
  ci: string;
  exitCode?: 0 | 1 | 2;
}): VerdictFile {
  const r = o.result;
  return {
    schemaVersion: 1,
    status: o.status,
    exitCode: o.exitCode ?? exitCodeOf(o.status),
    line: o.line,
    reference: o.reference,
    ...(r ? { image: imageNameOf(r.image), incomplete: r.verdict.incomplete } : {}),
    reasons: r ? r.verdict.reasons.map((x) => x.message) : [],
    ...(r
      ? {
          counts: Object.fromEntries(
            FINDING_KINDS.map((k) => [k, countsOfKind(r, k)]),
          ) as VerdictFile['counts'],
        }
      : {}),
    reports: o.reports,
    comment: o.comment,
    ci: o.ci,
  };
}
