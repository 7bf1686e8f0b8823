import type { SarifLevel, SarifReportingDescriptor } from '../../types/sarif/log.js';
import type { Finding, Severity } from '../../types/model.js';
import { clip, oneLine } from '../escape.js';
import type { RuleSummary } from '../model.js';

/**
 * GitHub's security-severity for a severity with no CVSS score: the middle of the band GitHub
 * maps back to that severity (changelog 2021-07-19: low 0.1–3.9, medium 4.0–6.9, high 7.0–8.9,
 * critical 9.0–10.0). `unknown` gets none, so GitHub falls back to the level.
 */
const SEVERITY_SCORE: Partial<Record<Severity, number>> = {
  critical: 9.5,
  high: 8.0,
  medium: 5.5,
  low: 2.0,
  negligible: 0.1,
};

/** Default level of a rule by severity; a result's level also reflects the verdict. */
export function levelOf(s: Severity): SarifLevel {
  return s === 'critical' || s === 'high' ? 'error' : s === 'medium' ? 'warning' : 'note';
}

/** `properties.security-severity`: a string holding a number with one decimal, as GitHub reads it. */
export function securitySeverity(f: Finding): string | undefined {
  const n = f.score ?? SEVERITY_SCORE[f.severity];
  return n === undefined ? undefined : n.toFixed(1);
}

function helpText(f: Finding, count: number): { text: string; markdown: string } {
  const lines = [
    `${f.ruleId}: ${oneLine(f.title ?? f.kind)}`,
    `Severity: ${f.severity}${f.score !== undefined ? ` (CVSS ${f.score})` : ''}${f.kev ? '; known exploited (CISA KEV)' : ''}`,
    f.aliases.length ? `Also known as: ${f.aliases.join(', ')}` : '',
    f.fixedIn.length ? `Fixed in: ${f.fixedIn.join(', ')}` : `Fix state: ${f.fixState}`,
    `Findings in this image: ${count}`,
    ...(f.references ?? []).slice(0, 5).map((r) => `- ${r}`),
  ].filter(Boolean);
  // GitHub renders help.markdown; the text is ours plus advisory text, so it is kept plain and clipped
  const text = clip(lines.join('\n'), 4000);
  return { text, markdown: text.replace(/([\\`*_{}[\]<>#|])/g, '\\$1') };
}

function helpUri(f: Finding): string | undefined {
  const url = f.advisories?.find((a) => a.url)?.url ?? f.references?.find((r) => /^https?:\/\//.test(r));
  return url && /^https?:\/\//.test(url) ? url : undefined;
}

/** One reportingDescriptor per distinct rule id, described by its most severe finding. */
export function sarifRule(r: RuleSummary): SarifReportingDescriptor {
  const f = r.finding;
  const sev = securitySeverity(f);
  const uri = helpUri(f);
  return {
    id: r.id,
    name: r.id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: clip(oneLine(f.title ?? `${f.kind} ${r.id}`), 1000) },
    fullDescription: { text: clip(oneLine(f.description ?? f.title ?? `${f.kind} ${r.id}`), 4000) },
    help: helpText(f, r.count),
    ...(uri ? { helpUri: uri } : {}),
    defaultConfiguration: { level: levelOf(f.severity) },
    properties: {
      tags: ['security', f.kind, f.severity],
      precision: f.kind === 'vulnerability' ? 'very-high' : 'high',
      ...(sev ? { 'security-severity': sev } : {}),
    },
  };
}
