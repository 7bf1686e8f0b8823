import type { GatePolicy, KindGate, RuleMode } from './policy.js';
import type { ResolvedPolicy } from './resolve.js';

function modeWord(m: RuleMode): string {
  return m === 'fail' ? 'fails' : m === 'warn' ? 'warns' : 'is off';
}

function thresholds(what: string, g: Pick<KindGate, 'failOn' | 'warnOn'>): string[] {
  const out: string[] = [];
  const desc = (t: string) => (t === 'unknown' ? 'of any severity' : `at or above ${t}`);
  out.push(g.failOn === 'none' ? `${what}: never fail on severity` : `${what} ${desc(g.failOn)} fail`);
  if (g.warnOn !== 'none') out.push(`${what} ${desc(g.warnOn)} warn`);
  return out;
}

function ruleLines(rules: Record<string, RuleMode>): string[] {
  return Object.entries(rules).map(([id, m]) => `  rule ${id}: ${m}`);
}

function vulnerabilityLines(
  p: GatePolicy,
  origin: (k: 'failOn' | 'warnOn' | 'ignoreUnfixed') => string,
): string[] {
  return [
    ...thresholds('vulnerabilities', p).map((l, i) => `${l} [${origin(i === 0 ? 'failOn' : 'warnOn')}]`),
    `vulnerabilities without a fix ${p.ignoreUnfixed ? 'are ignored' : 'count'} [${origin('ignoreUnfixed')}]`,
    `known-exploited (CISA KEV) vulnerabilities: ${modeWord(p.kev)}, whatever their severity`,
    `CVSS score ${p.cvss.threshold} or more: ${modeWord(p.cvss.mode)}`,
    `EPSS probability ${p.epss.threshold} or more: ${modeWord(p.epss.mode)}`,
    ...ruleLines(p.vulnerabilityRules),
    ...p.ecosystems.map(([eco, o]) => `  ecosystem ${eco}: ${JSON.stringify(o)}`),
  ];
}

function otherLines(p: GatePolicy): string[] {
  const i = p.image;
  return [
    ...(['misconfiguration', 'secret', 'license'] as const).flatMap((k) => [
      ...thresholds(`${k} findings`, p.kinds[k]),
      ...ruleLines(p.kinds[k].rules),
    ]),
    `denied packages (${p.packages.deny.join(', ') || 'none listed'}): ${modeWord(p.packages.mode)}`,
    `licences denied (${p.licenses.deny.join(', ') || 'none'}) or not allowed (${p.licenses.allow.join(', ') || 'any'}): ${modeWord(p.licenses.mode)}; non-SPDX licences: ${modeWord(p.licenses.unknown)}`,
    `registries other than ${i.registries.allow.join(', ') || '(none listed)'}: ${modeWord(i.registries.mode)}`,
    `base images other than ${i.baseImages.allow.join(', ') || '(none listed)'}: ${modeWord(i.baseImages.mode)}`,
    `missing labels (${i.labels.require.join(', ') || 'none required'}): ${modeWord(i.labels.mode)}`,
    `images older than ${i.maxAge.days} days: ${modeWord(i.maxAge.mode)}`,
    `unreadable OS package database: ${modeWord(p.incomplete.osDatabase)}; other unreadable files: ${modeWord(p.incomplete.other)}`,
  ];
}

/** What the resolved policy will do, one rule a line, with where flag-settable values came from. */
export function explainPolicy(r: ResolvedPolicy, today: string): string {
  const p = r.policy;
  const origin = (k: keyof ResolvedPolicy['origins']) => r.origins[k];
  const lines = [
    `policy: ${r.file ? r.file.file : 'built-in defaults (no policy file)'}`,
    '',
    ...vulnerabilityLines(p, origin),
    ...otherLines(p),
    `finding rules count ${p.newOnly ? 'only findings a baseline calls new' : 'every finding'} [${origin('newOnly')}]`,
    '',
    `exceptions: ${p.exceptions.length}`,
    ...p.exceptions.map(
      (e) =>
        `  ${[e.id && `id ${e.id}`, e.package && `package ${e.package}`, e.image && `image ${e.image}`].filter(Boolean).join(', ')} until ${e.expires}${e.expires <= today ? ' (EXPIRED: no longer applies)' : ''}: ${e.reason} [${e.source ?? ''}]`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
