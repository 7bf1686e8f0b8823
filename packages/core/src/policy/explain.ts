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

function signatureLines(what: string, rules: GatePolicy['provenance']['imageSignatures']): string[] {
  if (!rules.length) return [`${what} signatures: not checked`];
  return rules.map(
    (r) =>
      `${what} signatures (${r.rule}) for ${r.registries.join(', ') || 'every image'}: ${r.keys.length} key(s), ${r.identities.length} keyless identit${r.identities.length === 1 ? 'y' : 'ies'}${r.trustedRoot ? `, trusted root ${r.trustedRoot}` : ''}; ${r.required ? 'missing or invalid' : 'invalid'} ${modeWord(r.mode)}`,
  );
}

function provenanceLines(p: GatePolicy): string[] {
  const v = p.provenance;
  const a = v.attestations;
  return [
    ...signatureLines('image', v.imageSignatures),
    ...signatureLines('base image', v.baseImageSignatures),
    `FROM without a digest (--dockerfile): ${modeWord(v.baseImagePinned)}`,
    `SLSA provenance from builders ${a.builders.join(', ') || '(any)'} and sources ${a.sourceRepositories.join(', ') || '(any)'}: ${modeWord(a.mode)}`,
    `executables no package manager installed${v.unownedExecutables.allow.length ? ` (allowed: ${v.unownedExecutables.allow.join(', ')})` : ''}: ${modeWord(v.unownedExecutables.mode)}`,
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
    ...provenanceLines(p),
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
