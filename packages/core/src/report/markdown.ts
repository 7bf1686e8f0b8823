import { SEVERITIES, type Finding, type Reason } from '../types/model.js';
import { clip, escapeMarkdown } from './escape.js';
import type { ReportFormat } from './format.js';
import { layerLabel, type ReportModel } from './model.js';
import { unownedCount, unownedText } from './provenance.js';

/** Hard ceiling for the body: GitHub refuses comments over 65,536 characters; this leaves room for a marker. */
export const MARKDOWN_MAX_CHARS = 65_000;
/** Findings in the "top findings" table. */
export const TOP_FINDINGS = 10;

const ICON = { pass: '✅', warn: '⚠️', fail: '❌' } as const;
const md = (s: string, max = 200) => escapeMarkdown(clip(s, max));
const HEADER = '| Severity | ID | Package | Installed | Fixed in | Layer |\n|---|---|---|---|---|---|';

function row(f: Finding): string {
  const fix = f.fixedIn.length ? f.fixedIn.join(', ') : f.kind === 'vulnerability' ? `(${f.fixState})` : '';
  const cells = [
    f.severity,
    f.ruleId,
    f.package?.name ?? f.location ?? '',
    f.package?.version ?? '',
    fix,
    f.layer ? layerLabel(f.layer) : '',
  ];
  return `| ${cells.map((c, i) => md(c, i === 5 ? 60 : 80)).join(' | ')} |`;
}

function ids(model: ReportModel, r: Reason): string {
  const names = [...new Set(r.findingIds.map((id) => model.findingById[id]?.ruleId ?? id))];
  if (!names.length) return '';
  const shown = names
    .slice(0, 5)
    .map((n) => md(n, 60))
    .join(', ');
  return ` (${shown}${names.length > 5 ? `, and ${names.length - 5} more` : ''})`;
}

function head(model: ReportModel): string[] {
  const v = model.result.verdict;
  const c = model.counts;
  const out = [
    `### ${ICON[v.status]} tidegate: ${v.status.toUpperCase()} for ${md(model.imageName)}`,
    '',
    `${model.result.packages.length} packages · ${model.findings.length} findings · ${model.suppressed.length} suppressed`,
    '',
    `| ${SEVERITIES.map((s) => s[0]!.toUpperCase() + s.slice(1)).join(' | ')} |`,
    `|${SEVERITIES.map(() => '---:').join('|')}|`,
    `| ${SEVERITIES.map((s) => c[s]).join(' | ')} |`,
    '',
  ];
  for (const r of v.reasons.slice(0, 20))
    out.push(`- **${r.status}** · ${md(r.rule)}: ${md(r.message, 400)}${ids(model, r)}`);
  if (v.reasons.length > 20) out.push(`- … and ${v.reasons.length - 20} more reasons`);
  if (v.reasons.length) out.push('');
  return out;
}

function attribution(model: ReportModel): string[] {
  const out: string[] = [];
  const d = model.diff;
  if (d)
    out.push(
      `**Compared with ${md(d.source)}:** ${d.introduced.length} introduced · ${d.fixed.length} fixed · ${d.unchanged.length} unchanged`,
      '',
    );
  const o = model.origin;
  if (o)
    out.push(
      `**From the base image** (bottom ${o.baseLayers} layers, ${o.how === 'flag' ? 'as given' : 'from the baseline'}): ${o.base.length} · **added by your layers:** ${o.own.length}`,
      '',
    );
  return out;
}

/** Rows that fit in `budget` characters, then a line saying how many were left out. */
function fit(rows: readonly string[], budget: number, what: string): string[] {
  const out: string[] = [];
  let used = 0;
  for (const r of rows) {
    if (used + r.length + 1 > budget) {
      out.push(
        `\n… and ${rows.length - out.length} more ${what}, left out to keep this under ${MARKDOWN_MAX_CHARS} characters (the JSON report has them all)`,
      );
      break;
    }
    out.push(r);
    used += r.length + 1;
  }
  return out;
}

function details(summary: string, body: string[]): string[] {
  return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function suppressedRow(f: Finding): string {
  const s = f.suppressed!;
  return `| ${md(f.ruleId, 60)} | ${md(f.package?.name ?? f.location ?? '', 60)} | ${md(s.by, 80)} | ${md(s.reason, 300)} | ${md(s.expires ?? '', 12)} |`;
}

/** Base image, signatures and attestations, one bullet each (nothing when the scan knows none). */
function provenance(model: ReportModel): string[] {
  const count = unownedCount(model.result);
  const lines = [...model.provenance, ...(count ? [`unowned software: ${count}`] : [])];
  if (!lines.length) return [];
  return ['**Provenance**', '', ...lines.map((l) => `- ${md(l, 600)}`), ''];
}

function unownedDetails(model: ReportModel): string[] {
  const files = model.result.unowned ?? [];
  if (!files.length) return [];
  const lines = files.slice(0, 50).map((f) => `- ${md(unownedText(f), 300)}`);
  if (files.length > 50) lines.push(`- … and ${files.length - 50} more`);
  return details(`Unowned software (${files.length})`, lines);
}

function tail(model: ReportModel, budget: number): string[] {
  const out: string[] = [];
  const half = Math.max(0, Math.floor(budget / 2));
  if (model.findings.length > TOP_FINDINGS)
    out.push(
      ...details(`All ${model.findings.length} findings`, [
        HEADER,
        ...fit(model.findings.map(row), half, 'findings'),
      ]),
    );
  if (model.diff?.fixed.length)
    out.push(
      ...details(`Fixed since the baseline (${model.diff.fixed.length})`, [
        HEADER,
        ...fit(model.diff.fixed.map(row), half / 4, 'fixed findings'),
      ]),
    );
  if (model.suppressed.length) {
    const rows = fit(model.suppressed.map(suppressedRow), half / 2, 'suppressed findings');
    out.push(
      ...details(`Suppressed (${model.suppressed.length})`, [
        '| ID | Package | By | Reason | Expires |',
        '|---|---|---|---|---|',
        ...rows,
      ]),
    );
  }
  out.push(...unownedDetails(model));
  if (model.result.issues.length) {
    const lines = model.issues.map(
      (i) => `- ${md([i.path ?? '', i.message].filter(Boolean).join(': '), 300)}`,
    );
    if (model.moreIssues) lines.push(`- … and ${model.moreIssues} more`);
    out.push(...details(`Incomplete scan: ${model.result.issues.length} problems`, lines));
  }
  return out;
}

/**
 * Markdown for a pull-request comment or job summary: the verdict line first (never cut), counts
 * by severity, the reasons with their rules, baseline and base-image attribution, the top
 * findings, then collapsible details cut to fit {@link MARKDOWN_MAX_CHARS}. Every string from
 * the image or an advisory goes through `escapeMarkdown`.
 */
export const markdownFormat = {
  id: 'markdown',
  description: 'Markdown for pull-request comments and job summaries (always under 65,000 characters)',
  extension: 'md',
  render(model) {
    const top = model.findings.slice(0, TOP_FINDINGS);
    const first = [...head(model), ...attribution(model), ...provenance(model)];
    if (top.length) first.push(`**Top ${top.length} findings**`, '', HEADER, ...top.map(row), '');
    const footer = `<sub>tidegate ${model.result.tool.version}</sub>\n`; // our own version: trusted
    let body = first.join('\n');
    if (body.length > MARKDOWN_MAX_CHARS - 2000) {
      const cut = body.lastIndexOf('\n', MARKDOWN_MAX_CHARS - 2100);
      body = `${body.slice(0, cut)}\n\n… (cut)\n`;
    }
    const rest = tail(model, MARKDOWN_MAX_CHARS - body.length - footer.length - 2000).join('\n');
    return `${body}\n${rest}\n${footer}`;
  },
} satisfies ReportFormat;
