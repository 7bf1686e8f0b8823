import { SEVERITIES, type Finding, type Severity } from '../types/model.js';
import type { ReportFormat, RenderOptions } from './format.js';
import { layerLabel, MAX_LISTED_ISSUES, type ReportModel } from './model.js';
import { unownedCount, unownedText } from './provenance.js';

const COLORS: Record<Severity | 'pass' | 'warn' | 'fail' | 'dim', string> = {
  critical: '\x1b[1;31m',
  high: '\x1b[31m',
  medium: '\x1b[33m',
  low: '\x1b[36m',
  negligible: '\x1b[2m',
  unknown: '\x1b[2m',
  pass: '\x1b[1;32m',
  warn: '\x1b[1;33m',
  fail: '\x1b[1;31m',
  dim: '\x1b[2m',
};

function paint(s: string, color: keyof typeof COLORS, opts: RenderOptions): string {
  return opts.color ? `${COLORS[color]}${s}\x1b[0m` : s;
}

/** Strips control characters from untrusted text so it cannot move the cursor or recolour a terminal. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');
}

function clip(s: string, width: number): string {
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}

function renderRows(
  rows: string[][],
  header: string[],
  colorOf: (row: number) => keyof typeof COLORS | undefined,
  opts: RenderOptions,
): string[] {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  const out = [paint(line(header), 'dim', opts)];
  rows.forEach((r, i) => {
    const text = line(r);
    const color = colorOf(i);
    const sevWidth = widths[0]!;
    out.push(color ? paint(text.slice(0, sevWidth), color, opts) + text.slice(sevWidth) : text);
  });
  return out;
}

const KIND_NOUNS: [kind: Finding['kind'], one: string, many: string][] = [
  ['vulnerability', 'vulnerability', 'vulnerabilities'],
  ['misconfiguration', 'misconfiguration', 'misconfigurations'],
  ['secret', 'secret', 'secrets'],
  ['license', 'licence finding', 'licence findings'],
  ['provenance', 'provenance finding', 'provenance findings'],
];

/** `3 vulnerabilities, 1 secret`: vulnerabilities always, other kinds when present. */
function kindCounts(findings: readonly Finding[]): string {
  return KIND_NOUNS.map(
    ([kind, one, many]) => [kind, one, many, findings.filter((f) => f.kind === kind).length] as const,
  )
    .filter(([kind, , , n]) => n > 0 || kind === 'vulnerability')
    .map(([, one, many, n]) => `${n} ${n === 1 ? one : many}`)
    .join(', ');
}

function summaryLine(model: ReportModel): string {
  const c = model.result.verdict.counts;
  const parts = SEVERITIES.filter((s) => c[s] > 0).map((s) => `${s}: ${c[s]}`);
  return `Total: ${kindCounts(model.findings)}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

/** What the PACKAGE column shows: the package, else the path (with its line, for secrets). */
function subject(f: Finding): string {
  if (f.package) return f.package.name;
  return f.line !== undefined ? `${f.location ?? ''}:${f.line}` : (f.location ?? '');
}

/** FIXED IN: versions for vulnerabilities; checks have none, and say nothing rather than "(unknown)". */
function fixedIn(f: Finding): string {
  if (f.kind !== 'vulnerability') return '';
  return f.fixedIn.join(', ') || (f.fixState === 'fixed' ? '' : `(${f.fixState})`);
}

function findingRows(model: ReportModel, opts: RenderOptions): string[] {
  if (!model.findings.length) return [];
  const introduced = new Set(model.diff?.introduced.map((f) => f.id) ?? []);
  const rows = model.findings.map((f) => [
    f.severity.toUpperCase(),
    clean(f.ruleId) + (introduced.has(f.id) ? ' (new)' : ''),
    clip(clean(subject(f)), 32),
    clip(clean(f.package?.version ?? ''), 28),
    clip(clean(fixedIn(f)), 28),
    clip(clean(f.layer ? layerLabel(f.layer) : ''), 40),
    clip(clean(f.title ?? ''), 60),
  ]);
  const header = ['SEVERITY', 'ID', 'PACKAGE', 'INSTALLED', 'FIXED IN', 'LAYER', 'TITLE'];
  return [...renderRows(rows, header, (i) => model.findings[i]!.severity, opts), ''];
}

function attributionLines(model: ReportModel): string[] {
  const out: string[] = [];
  const d = model.diff;
  if (d)
    out.push(
      `Compared with ${clean(d.source)}: ${d.introduced.length} introduced, ${d.fixed.length} fixed, ${d.unchanged.length} unchanged`,
    );
  const o = model.origin;
  if (o)
    out.push(
      `From the base image (bottom ${o.baseLayers} layers): ${o.base.length}; added by your layers: ${o.own.length}`,
    );
  return out;
}

function unownedLines(model: ReportModel): string[] {
  const files = model.result.unowned ?? [];
  const count = unownedCount(model.result);
  if (!count) return [];
  const shown = files.slice(0, MAX_LISTED_ISSUES).map((f) => `  - ${clip(clean(unownedText(f)), 160)}`);
  const more = files.length - shown.length;
  return [`Unowned software: ${count}`, ...shown, ...(more > 0 ? [`  … and ${more} more`] : [])];
}

function suppressedLines(model: ReportModel): string[] {
  if (!model.suppressed.length) return [];
  const lines = model.suppressed.slice(0, MAX_LISTED_ISSUES).map((f) => {
    const s = f.suppressed!;
    const what = clean(`${f.ruleId}${f.package ? ` ${f.package.name}` : ''}`);
    return `  - ${what}: ${clip(clean(`${s.by}: ${s.reason}`), 120)}${s.expires ? ` (until ${s.expires})` : ''}`;
  });
  const more = model.suppressed.length - lines.length;
  return [`Suppressed: ${model.suppressed.length}`, ...lines, ...(more > 0 ? [`  … and ${more} more`] : [])];
}

function issueLines(model: ReportModel, opts: RenderOptions): string[] {
  const r = model.result;
  if (!r.issues.length) return [];
  const out = [
    '',
    paint(`Incomplete scan: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'}`, 'warn', opts),
  ];
  for (const i of model.issues)
    out.push(
      `  - ${clean([i.layer ? i.layer.slice(0, 19) : '', i.path ?? '', i.message].filter(Boolean).join(': '))}`,
    );
  if (model.moreIssues) out.push(`  … and ${model.moreIssues} more`);
  return out;
}

function verdictLines(model: ReportModel, opts: RenderOptions): string[] {
  const v = model.result.verdict;
  const reasons = v.reasons.map(
    (x) => `  ${paint(x.status.toUpperCase(), x.status, opts)} ${x.rule}: ${clean(x.message)}`,
  );
  const summary = v.reasons.length
    ? ` — ${v.reasons.map((x) => `${x.status}: ${clean(x.message)}`).join('; ')}`
    : '';
  return [
    '',
    ...(reasons.length ? ['Policy:', ...reasons, ''] : []),
    `Verdict: ${paint(v.status.toUpperCase(), v.status, opts)}${summary}`,
  ];
}

/** The terminal table: findings, counts, attribution, suppressions, problems met, and the verdict last. */
export const tableFormat = {
  id: 'table',
  description: 'a table for people at a terminal (colours on a TTY; NO_COLOR turns them off)',
  extension: 'txt',
  render(model, opts) {
    const r = model.result;
    const distro = r.distro
      ? ` (${r.distro.prettyName ?? `${r.distro.id} ${r.distro.versionId ?? ''}`.trim()})`
      : '';
    const db = r.db ? `, ${r.db.records} advisories from ${clean(r.db.location)}` : '';
    const out = [
      `${clean(model.imageName)}${clean(distro)}`,
      `${r.packages.length} packages, ${r.image.layers.length} layers${db}`,
      '',
      ...findingRows(model, opts),
      summaryLine(model),
      ...(model.provenance.length ? ['Provenance:', ...model.provenance.map((l) => `  - ${clean(l)}`)] : []),
      ...unownedLines(model),
      ...attributionLines(model),
      ...suppressedLines(model),
      ...(r.ignored.length ? [`Not matched (owned by distro packages): ${r.ignored.length}`] : []),
      ...issueLines(model, opts),
      ...verdictLines(model, opts),
    ];
    return `${out.join('\n')}\n`;
  },
} satisfies ReportFormat;
