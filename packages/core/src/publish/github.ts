import { randomUUID } from 'node:crypto';
import { clip, escapeMarkdown, oneLine } from '../report/escape.js';
import { severityRank } from '../severity-order.js';
import { SEVERITIES, type Finding, type ScanResult } from '../types/model.js';
import type { CiStatus } from './verdict.js';
import { countsOfKind, total } from './verdict.js';

/**
 * GitHub Actions' side of `tidegate ci`: workflow commands (annotations), step outputs and the
 * job summary, as text for the CLI to print or append. Workflow commands are lines on stdout,
 * so everything from the image goes through {@link commandData} (one line, control characters
 * gone, the command's own escapes applied) or inside a stop-commands block.
 */

/** GitHub shows at most 10 error and 10 warning annotations per step. */
export const MAX_ANNOTATIONS = 10;
/** GitHub's limit on one step's job summary is 1 MiB; stay under it with room for the note. */
export const SUMMARY_LIMIT = 1_000_000;

/**
 * A workflow command's message (actions/toolkit `escapeData`): one line, control characters
 * (ESC sequences, OSC-8 links, clear-screen) turned into spaces first. Issue 20 is bringing one
 * core sanitiser for every text output; until then, this goes through `report/escape.ts`.
 */
export function commandData(s: string): string {
  return oneLine(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A workflow command's property value (`title=`): {@link commandData} plus `:` and `,`. */
export function commandProperty(s: string): string {
  return commandData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::error title=…::message` (or warning / notice). */
export function annotation(level: 'error' | 'warning' | 'notice', message: string, title?: string): string {
  return `::${level}${title ? ` title=${commandProperty(title)}` : ''}::${commandData(message)}`;
}

/**
 * Text that may hold image content, for stdout on a runner: a line starting with `::` would be
 * a workflow command, so such text goes inside a `stop-commands` block with a fresh token.
 */
export function protectUntrusted(text: string, token: string = randomUUID()): string {
  if (!/^\s*::/m.test(text)) return text;
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `::stop-commands::${token}\n${body}::${token}::\n`;
}

/** Findings the verdict rests on, failing ones first, then by severity, at most `max`. */
export function topFindings(
  result: ScanResult,
  max = MAX_ANNOTATIONS,
): { finding: Finding; status: 'fail' | 'warn' }[] {
  const status = new Map<string, 'fail' | 'warn'>();
  for (const r of result.verdict.reasons)
    for (const id of r.findingIds) if (status.get(id) !== 'fail') status.set(id, r.status);
  return result.findings
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

/**
 * The step's annotations: the verdict first (an error for fail/error, a warning for warn), then
 * the findings it rests on, within GitHub's ten per level.
 */
export function annotationLines(status: CiStatus, line: string, result?: ScanResult): string[] {
  const out: string[] = [];
  if (status === 'fail' || status === 'error') out.push(annotation('error', line));
  else if (status === 'warn') out.push(annotation('warning', line));
  if (!result) return out;
  for (const { finding: f, status: s } of topFindings(result, MAX_ANNOTATIONS - 1)) {
    const pkg = f.package ? `${f.package.name} ${f.package.version}` : (f.location ?? '');
    const fix = f.fixedIn.length
      ? `; fixed in ${f.fixedIn.join(', ')}`
      : f.kind === 'vulnerability'
        ? '; no fix yet'
        : '';
    const layer = f.layer
      ? ` (layer ${f.layer.index + 1}${f.layer.createdBy ? `: ${clip(f.layer.createdBy, 120)}` : ''})`
      : '';
    const title = `tidegate: ${f.ruleId} in ${f.package?.name ?? f.location ?? 'the image'}`;
    out.push(
      annotation(
        s === 'fail' ? 'error' : 'warning',
        `${f.severity} ${f.ruleId} in ${pkg}${fix}${layer}`,
        title,
      ),
    );
  }
  return out;
}

/** Where the run's files are, for the outputs. */
export interface OutputPaths {
  dir: string;
  json?: string;
  sarif?: string;
  verdictFile: string;
}

/**
 * The step outputs (action.yml documents each): the verdict, vulnerability counts per severity
 * (vulnerabilities only), the misconfigurations, secrets, licence and provenance findings that count, the
 * baseline diff, the comment, and where the files are. An error run sets `verdict=error` and
 * leaves the counts empty.
 */
export function stepOutputs(
  status: CiStatus,
  result: ScanResult | undefined,
  paths: OutputPaths,
  comment: { status: string; url?: string },
): Record<string, string> {
  const out: Record<string, string> = { verdict: status };
  const vulns = result ? countsOfKind(result, 'vulnerability') : undefined;
  for (const s of SEVERITIES) out[s] = vulns ? String(vulns[s]) : '';
  for (const [name, kind] of [
    ['misconfigurations', 'misconfiguration'],
    ['secrets', 'secret'],
    ['licenses', 'license'],
    ['provenance', 'provenance'],
  ] as const)
    out[name] = result ? String(total(countsOfKind(result, kind))) : '';
  out.introduced = result?.baseline ? String(result.baseline.introduced.length) : '';
  out.fixed = result?.baseline ? String(result.baseline.fixed.length) : '';
  out['report-dir'] = paths.dir;
  out['report-json'] = paths.json ?? '';
  out['sarif-file'] = paths.sarif ?? '';
  out['verdict-file'] = paths.verdictFile;
  out.comment = comment.status;
  out['comment-url'] = comment.url ?? '';
  return out;
}

/** `GITHUB_OUTPUT` text: each value as a `name<<delimiter` block, so no value can end it early. */
export function outputFileText(
  outputs: Record<string, string>,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  return Object.entries(outputs)
    .map(([k, v]) => `${k}<<${delimiter}\n${v.replaceAll(delimiter, '')}\n${delimiter}\n`)
    .join('');
}

/** The job summary: the Markdown report, cut under GitHub's 1 MiB with a note where the rest is. */
export function summaryText(markdown: string, fullReport: string): string {
  if (markdown.length <= SUMMARY_LIMIT) return markdown;
  const cut = markdown.slice(0, markdown.lastIndexOf('\n', SUMMARY_LIMIT));
  return `${cut}\n\n_… truncated to GitHub's job summary limit; see ${escapeMarkdown(fullReport)}._\n`;
}
