import { SEVERITIES, type Finding } from '../types/model.js';
import { escapeHtml as h } from './escape.js';
import type { ReportFormat } from './format.js';
import { layerLabel, type ReportModel } from './model.js';
import { unownedCount, unownedText } from './provenance.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:2rem;color:#1f2328}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #d0d7de;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.pass{color:#1a7f37}.warn{color:#9a6700}.fail{color:#cf222e}
.critical,.high{color:#cf222e;font-weight:600}.medium{color:#9a6700}.low,.negligible,.unknown{color:#57606a}
code{font:12px ui-monospace,monospace}summary{cursor:pointer;font-weight:600}`;

function findingRows(model: ReportModel, fs: readonly Finding[]): string {
  const introduced = new Set(model.diff?.introduced.map((f) => f.id) ?? []);
  return fs
    .map((f) => {
      const cells = [
        `<td class="${f.severity}">${h(f.severity)}${f.kev ? ' (KEV)' : ''}</td>`,
        `<td><code>${h(f.ruleId)}</code>${introduced.has(f.id) ? ' <b>new</b>' : ''}</td>`,
        `<td>${h(f.package?.name ?? f.location ?? '')}</td>`,
        `<td>${h(f.package?.version ?? '')}</td>`,
        `<td>${h(f.fixedIn.join(', ') || (f.kind === 'vulnerability' ? `(${f.fixState})` : ''))}</td>`,
        `<td>${h(f.layer ? layerLabel(f.layer) : '')}</td>`,
        `<td>${h(f.title ?? '')}</td>`,
      ];
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
}

function findingTable(model: ReportModel, fs: readonly Finding[]): string {
  const head = ['Severity', 'ID', 'Package', 'Installed', 'Fixed in', 'Layer', 'Title']
    .map((x) => `<th>${x}</th>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${findingRows(model, fs)}\n</tbody></table>`;
}

function summary(model: ReportModel): string {
  const v = model.result.verdict;
  const counts = SEVERITIES.map((s) => `<td class="${s}">${model.counts[s]}</td>`).join('');
  const reasons = v.reasons
    .map((r) => `<li class="${r.status}"><b>${r.status}</b> <code>${h(r.rule)}</code>: ${h(r.message)}</li>`)
    .join('\n');
  const d = model.diff;
  const o = model.origin;
  return [
    `<h1>tidegate: <span class="${v.status}">${v.status.toUpperCase()}</span></h1>`,
    `<p>Image <code>${h(model.imageName)}</code> · ${model.result.packages.length} packages · ${model.findings.length} findings · ${model.suppressed.length} suppressed · scanned ${h(model.result.createdAt)}</p>`,
    `<table><tr>${SEVERITIES.map((s) => `<th>${s}</th>`).join('')}</tr><tr>${counts}</tr></table>`,
    reasons ? `<ul>${reasons}</ul>` : '',
    d
      ? `<p>Compared with <code>${h(d.source)}</code>: ${d.introduced.length} introduced · ${d.fixed.length} fixed · ${d.unchanged.length} unchanged</p>`
      : '',
    o
      ? `<p>From the base image (bottom ${o.baseLayers} layers): ${o.base.length} · added by your layers: ${o.own.length}</p>`
      : '',
  ].join('\n');
}

function suppressedTable(model: ReportModel): string {
  if (!model.suppressed.length) return '';
  const rows = model.suppressed
    .map(
      (f) =>
        `<tr><td><code>${h(f.ruleId)}</code></td><td>${h(f.package?.name ?? '')}</td><td>${h(f.suppressed!.by)}</td><td>${h(f.suppressed!.reason)}</td><td>${h(f.suppressed!.expires ?? '')}</td></tr>`,
    )
    .join('\n');
  return `<details><summary>Suppressed (${model.suppressed.length})</summary><table><tr><th>ID</th><th>Package</th><th>By</th><th>Reason</th><th>Expires</th></tr>\n${rows}\n</table></details>`;
}

function provenanceList(model: ReportModel): string {
  const files = model.result.unowned ?? [];
  const count = unownedCount(model.result);
  const prov = model.provenance.length
    ? `<h2>Provenance</h2><ul>${model.provenance.map((l) => `<li>${h(l)}</li>`).join('')}</ul>`
    : '';
  const unowned = count
    ? `<details><summary>Unowned software: ${h(count)}</summary><ul>${files.map((f) => `<li>${h(unownedText(f))}</li>`).join('')}</ul></details>`
    : '';
  return `${prov}${unowned}`;
}

function issuesList(model: ReportModel): string {
  if (!model.result.issues.length) return '';
  const items = model.issues.map(
    (i) => `<li>${h([i.path ?? '', i.message].filter(Boolean).join(': '))}</li>`,
  );
  if (model.moreIssues) items.push(`<li>… and ${model.moreIssues} more</li>`);
  return `<details open><summary>Incomplete scan: ${model.result.issues.length} problems</summary><ul>${items.join('')}</ul></details>`;
}

/**
 * One self-contained HTML file: inline CSS, no scripts, no external requests (a CSP meta forbids
 * them), every string escaped. For CI artifact viewers and people without a terminal.
 */
export const htmlFormat = {
  id: 'html',
  description: 'one self-contained HTML page (no scripts, no external requests)',
  extension: 'html',
  render(model) {
    const fixed = model.diff?.fixed.length
      ? `<details><summary>Fixed since the baseline (${model.diff.fixed.length})</summary>${findingTable(model, model.diff.fixed)}</details>`
      : '';
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>tidegate: ${h(model.imageName)}</title>
<style>${STYLE}</style>
</head>
<body>
${summary(model)}
${provenanceList(model)}
<h2>Findings (${model.findings.length})</h2>
${findingTable(model, model.findings)}
${fixed}
${suppressedTable(model)}
${issuesList(model)}
<footer><small>tidegate ${h(model.result.tool.version)}</small></footer>
</body>
</html>
`;
  },
} satisfies ReportFormat;
