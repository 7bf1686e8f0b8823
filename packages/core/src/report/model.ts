import { severityRank } from '../severity-order.js';
import type { CatalogIssue, Finding, LayerOrigin, ScanResult } from '../types/model.js';

/** How many problems every format lists before "and N more" (STYLE rule 17). */
export const MAX_LISTED_ISSUES = 10;

/** The grouped, sorted, counted view every format renders (STYLE rule 8). Built once. */
export interface ReportModel {
  result: ScanResult;
  /** The image as users name it: first repo tag, else the reference. */
  imageName: string;
  /** Active (unsuppressed) findings, most severe first. */
  findings: Finding[];
  suppressed: Finding[];
  /** The first issues (at most {@link MAX_LISTED_ISSUES}) and how many more there are. */
  issues: CatalogIssue[];
  moreIssues: number;
  /** Label of each layer for attribution: `layer 3: RUN npm ci`. */
  layerLabels: string[];
}

/** Short, one-line form of a history `created_by` (BuildKit and classic builders). */
export function shortCreatedBy(createdBy: string | undefined): string {
  if (!createdBy) return '';
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .replace(/ # buildkit$/, '')
    .trim();
}

/** `layer 2: COPY app /app` (1-based, as `docker history` users count). */
export function layerLabel(l: LayerOrigin): string {
  const step = shortCreatedBy(l.createdBy);
  return step ? `layer ${l.index + 1}: ${step}` : `layer ${l.index + 1}`;
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    (a.package?.name ?? '').localeCompare(b.package?.name ?? '') ||
    a.ruleId.localeCompare(b.ruleId)
  );
}

export function buildReportModel(result: ScanResult): ReportModel {
  const findings = result.findings.filter((f) => !f.suppressed).sort(compareFindings);
  const suppressed = result.findings.filter((f) => f.suppressed).sort(compareFindings);
  return {
    result,
    imageName: result.image.repoTags[0] ?? result.image.reference,
    findings,
    suppressed,
    issues: result.issues.slice(0, MAX_LISTED_ISSUES),
    moreIssues: Math.max(0, result.issues.length - MAX_LISTED_ISSUES),
    layerLabels: result.image.layers.map(layerLabel),
  };
}
