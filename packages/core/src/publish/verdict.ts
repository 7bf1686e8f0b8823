import { countByKind } from '../policy/evaluate.js';
import {
  SEVERITIES,
  type FindingKind,
  type ImageInfo,
  type ScanResult,
  type Severity,
  type VerdictStatus,
} from '../types/model.js';

/**
 * The one verdict module (DESIGN.md "one verdict everywhere"): the verdict line every
 * integration prints, the default key of the sticky comment, the exit code of a status, the
 * counts split by kind, and reading a JSON report back. The CLI (`scan`, `comment`, `ci`), the
 * GitHub Action, the orb and the Jenkins step all get these from here, the last two through the
 * CLI's output and its verdict file, never by parsing logs.
 */

/** A verdict, or `error` when tidegate could not do its job (exit 2). */
export type CiStatus = VerdictStatus | 'error';

/** Exit codes, everywhere (ADR 0002): 0 pass or warn, 1 the policy failed the image, 2 error. */
export function exitCodeOf(status: CiStatus): 0 | 1 | 2 {
  return status === 'fail' ? 1 : status === 'error' ? 2 : 0;
}

/** The name an image is shown by: its first tag (`app:1`), else the reference as given. */
export function imageNameOf(image: Pick<ImageInfo, 'repoTags' | 'reference'>): string {
  return image.repoTags[0] ?? image.reference;
}

/** Longest verdict line: one log line, one `::error::` annotation, one Jenkins message. */
const MAX_LINE = 600;

/**
 * `tidegate: FAIL example-app:1.0: 10 vulnerabilities at or above high; warning: the scan is
 * incomplete: …`. The status in capitals, the image, then the reasons (failing ones first, as the
 * gate sorts them; a warning under a failing verdict says so). Control characters from image
 * content are dropped, and the line is capped so a log shows it whole.
 */
export function verdictLine(result: Pick<ScanResult, 'verdict' | 'image'>): string {
  const v = result.verdict;
  const reasons = v.reasons.map(
    (r) => (v.status === 'fail' && r.status === 'warn' ? `warning: ` : '') + r.message,
  );
  const line = `tidegate: ${v.status.toUpperCase()} ${imageNameOf(result.image)}${reasons.length ? `: ${reasons.join('; ')}` : ''}`;
  // eslint-disable-next-line no-control-regex
  const clean = line.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ');
  return clean.length <= MAX_LINE ? clean : `${clean.slice(0, MAX_LINE - 1)}…`;
}

/** The line an error (exit 2) ends with: the CLI's own `tidegate: error: …`. */
export function errorVerdictLine(message: string): string {
  const one = message.replace(/\s*\n\s*/g, ' ').trim();
  return one.startsWith('tidegate: ') ? one : `tidegate: error: ${one}`;
}

/** Source prefixes that name an image by where it is pulled from, not by a path. */
const NAMED_SOURCES = /^(?:registry:|docker-daemon:|docker:\/\/)/;

/**
 * The default key of an image's sticky comment: its name without source prefix, tag or digest
 * (`ghcr.io/o/app:3f2a9c1` → `ghcr.io/o/app`), so the build of the next commit, tagged with its
 * SHA, edits the same comment instead of adding one. The same rule in every CI.
 */
export function defaultCommentKey(name: string): string {
  return name
    .replace(NAMED_SOURCES, '')
    .replace(/@[A-Za-z][A-Za-z0-9+._-]*:[0-9a-fA-F]{32,}$/, '')
    .replace(/:[^:/]+$/, '');
}

/** The key for a scan result: {@link defaultCommentKey} of {@link imageNameOf}. */
export function commentKeyOf(result: Pick<ScanResult, 'image'>): string {
  return defaultCommentKey(imageNameOf(result.image));
}

/**
 * The findings that count, per severity, for one kind. Reports written before the verdict
 * carried `countsByKind` are counted from their unsuppressed findings.
 */
export function countsOfKind(
  result: Pick<ScanResult, 'verdict' | 'findings'>,
  kind: FindingKind,
): Record<Severity, number> {
  const byKind = result.verdict.countsByKind ?? countByKind(result.findings.filter((f) => !f.suppressed));
  return byKind[kind];
}

/** The sum of a severity table. */
export function total(counts: Record<Severity, number>): number {
  return SEVERITIES.reduce((n, s) => n + (counts[s] ?? 0), 0);
}

/**
 * Reading a JSON report back (the comment, the Action's outputs, a baseline): one parser,
 * `policy/report-file.ts`, re-exported here so every reader of a verdict finds it in one place.
 */
export { parseReport, readReport } from '../policy/report-file.js';

/** Whether a value names an image rather than a report (`--baseline`): see `image/reference.ts`. */
export { isImageReference, pathKind, type PathKind } from '../image/reference.js';
