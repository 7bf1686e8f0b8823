import { TOOL_VERSION } from '../../version.js';
import type { Finding } from '../../types/model.js';
import { SARIF_SCHEMA, SARIF_VERSION, type SarifLog, type SarifNotification } from '../../types/sarif/log.js';
import type { ReportFormat } from '../format.js';
import type { ReportModel } from '../model.js';
import { fitsUpload, GITHUB_LIMITS } from './limits.js';
import { sarifResult } from './results.js';
import { sarifRule } from './rules.js';

function truncationNote(kept: number, total: number): SarifNotification {
  return {
    level: 'warning',
    message: {
      text: `tidegate kept the ${kept} most severe of ${total} findings to stay within GitHub code scanning's limits; the JSON report has them all.`,
    },
  };
}

/** What could not be read (STYLE rule 17): the first ten, then "and N more". */
function issueNotes(model: ReportModel): SarifNotification[] {
  const notes: SarifNotification[] = model.issues.map((i) => ({
    level: 'warning',
    message: { text: `incomplete scan: ${[i.path, i.message].filter(Boolean).join(': ')}` },
  }));
  if (model.moreIssues)
    notes.push({ level: 'warning', message: { text: `… and ${model.moreIssues} more problems` } });
  return notes;
}

/** Builds the log with the first `limit` findings (the model's order: most severe first). */
export function buildSarif(model: ReportModel, limit: number): SarifLog {
  const all: Finding[] = [...model.findings, ...model.suppressed];
  const kept = all.slice(0, limit);
  const ids = [...new Set(kept.map((f) => f.ruleId))];

  const index = new Map(ids.map((id, i) => [id, i]));
  const notes = [
    ...(kept.length < all.length ? [truncationNote(kept.length, all.length)] : []),
    ...issueNotes(model),
  ];
  const byRule = new Map(model.rules.map((r) => [r.id, r]));
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: 'tidegate',
            version: TOOL_VERSION,
            informationUri: 'https://github.com/tidegate/tidegate',
            rules: ids.map((id) => sarifRule(byRule.get(id)!)),
          },
        },
        invocations: [
          { executionSuccessful: true, ...(notes.length ? { toolExecutionNotifications: notes } : {}) },
        ],
        results: kept.map((f) => sarifResult(model, f, index.get(f.ruleId)!)),
        properties: {
          verdict: model.result.verdict.status,
          reasons: model.result.verdict.reasons.map((r) => `${r.status}: ${r.rule}: ${r.message}`),
          incomplete: model.result.verdict.incomplete,
          ...(model.provenance.length ? { provenance: model.provenance } : {}),
          ...(model.result.unowned?.length ? { unownedSoftware: model.result.unowned.length } : {}),
          ...(notes.length ? { truncated: { kept: kept.length, total: all.length } } : {}),
        },
      },
    ],
  };
}

/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer): one rule per advisory or check
 * id with help text and `security-severity`, one result per finding with our stable id as its
 * partial fingerprint, pointing at the Dockerfile line when one was given.
 */
export const sarifFormat = {
  id: 'sarif',
  description: 'SARIF 2.1.0 for GitHub code scanning (within its upload limits)',
  extension: 'sarif',
  render(model) {
    let limit = Math.min(GITHUB_LIMITS.storedResultsPerRun, GITHUB_LIMITS.rulesPerRun);
    for (;;) {
      const text = `${JSON.stringify(buildSarif(model, limit), null, 2)}\n`;
      if (limit <= 1 || fitsUpload(text)) return text;
      limit = Math.floor(limit / 2);
    }
  },
} satisfies ReportFormat;
