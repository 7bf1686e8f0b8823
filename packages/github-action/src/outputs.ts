import { readFile } from 'node:fs/promises';
import * as core from '@actions/core';
import {
  messages,
  SEVERITIES,
  severityRank,
  UserError,
  type Finding,
  type ScanResult,
  type VerdictStatus,
} from '@tidegate/core';

/** The JSON report as the Action reads it. `baseline` is there when the scan had `--baseline`. */
export type Report = ScanResult & { baseline?: { introduced: string[]; fixed: unknown[] } };

/** Where the scan wrote its reports. */
export interface ReportPaths {
  json: string;
  markdown: string;
  sarif?: string;
}

/** GitHub shows at most 10 error and 10 warning annotations per step. */
const MAX_ANNOTATIONS = 10;
/** GitHub's limit on one step's job summary is 1 MiB; stay under it with room for the note. */
const SUMMARY_LIMIT = 1_000_000;

/** Reads the JSON report the scan just wrote. */
export async function readReport(path: string): Promise<Report> {
  const text = await readFile(path, 'utf8').catch(() => {
    throw new UserError(messages.fileNotFound(path), { file: path });
  });
  return JSON.parse(text) as Report;
}

let verdictSet = false;

/** Sets every output of `action.yml`: the verdict, counts per severity, baseline diff and paths. */
export function setOutputs(report: Report, paths: ReportPaths): void {
  core.setOutput('verdict', report.verdict.status);
  verdictSet = true;
  for (const s of SEVERITIES) core.setOutput(s, String(report.verdict.counts[s] ?? 0));
  core.setOutput('introduced', report.baseline ? String(report.baseline.introduced.length) : '');
  core.setOutput('fixed', report.baseline ? String(report.baseline.fixed.length) : '');
  core.setOutput('sarif-file', paths.sarif ?? '');
  core.setOutput('report-json', paths.json);
}

/**
 * Verdict `error` when tidegate could not scan. A later failure (the comment) keeps the verdict
 * the scan already reported.
 */
export function setErrorOutputs(): void {
  if (!verdictSet) core.setOutput('verdict', 'error');
}

/**
 * The key of the image's sticky comment: its name without tag or digest, so a rebuild tagged
 * with the next commit's SHA (`app:<sha>`) edits the same comment instead of adding one.
 */
export function commentKey(image: { repoTags: string[]; reference: string }): string {
  const name = image.repoTags[0] ?? image.reference;
  return name.replace(/@sha256:[0-9a-f]+$/i, '').replace(/:[^:/]+$/, '');
}

/** One line for the log and `setFailed`: the verdict and its reasons. */
export function verdictLine(report: Report): string {
  const v = report.verdict;
  const reasons = v.reasons.map((r) => `${r.status}: ${r.message}`).join('; ');
  return `tidegate: ${v.status.toUpperCase()}${reasons ? ` — ${reasons}` : ''}`;
}

/** Findings the verdict rests on, failing ones first, then by severity, at most `max`. */
export function topFindings(
  report: Report,
  max = MAX_ANNOTATIONS,
): { finding: Finding; status: 'fail' | 'warn' }[] {
  const status = new Map<string, 'fail' | 'warn'>();
  for (const r of report.verdict.reasons)
    for (const id of r.findingIds) if (status.get(id) !== 'fail') status.set(id, r.status);
  return report.findings
    .filter((f) => status.has(f.id))
    .map((finding) => ({ finding, status: status.get(finding.id)! }))
    .sort(
      (a, b) =>
        (a.status === b.status ? 0 : a.status === 'fail' ? -1 : 1) ||
        severityRank(a.finding.severity) - severityRank(b.finding.severity) ||
        a.finding.ruleId.localeCompare(b.finding.ruleId),
    )
    .slice(0, max);
}

/** Annotations for the top findings: `core.error` for those that fail the gate, `core.warning` for warnings. */
export function annotate(report: Report): void {
  for (const { finding: f, status } of topFindings(report)) {
    const pkg = f.package ? `${f.package.name} ${f.package.version}` : (f.location ?? '');
    const fix = f.fixedIn.length ? `; fixed in ${f.fixedIn.join(', ')}` : '; no fix yet';
    const layer = f.layer
      ? ` (layer ${f.layer.index + 1}${f.layer.createdBy ? `: ${f.layer.createdBy}` : ''})`
      : '';
    const message = `${f.severity} ${f.ruleId} in ${pkg}${fix}${layer}`;
    const title = `tidegate: ${f.ruleId} in ${f.package?.name ?? f.location ?? 'the image'}`;
    if (status === 'fail') core.error(message, { title });
    else core.warning(message, { title });
  }
}

/** Writes the Markdown report as the job summary. Skipped when the runner gives no summary file. */
export async function writeSummary(paths: ReportPaths): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) return core.debug('no GITHUB_STEP_SUMMARY: no job summary');
  let text = await readFile(paths.markdown, 'utf8');
  if (text.length > SUMMARY_LIMIT)
    text = `${text.slice(0, text.lastIndexOf('\n', SUMMARY_LIMIT))}\n\n_… truncated to GitHub's job summary limit; see ${paths.json}._\n`;
  await core.summary.addRaw(text, true).write();
}

/** The verdict's effect on the step: fail it, warn, or just log. */
export function finish(status: VerdictStatus, line: string): void {
  if (status === 'fail') core.setFailed(line);
  else if (status === 'warn') core.warning(line);
  else core.info(line);
}
