/**
 * CVSS v3.0 and v3.1 scores from vector strings.
 *
 * Weights and equations: FIRST, "CVSS v3.1 Specification Document" §7 (base §7.1, temporal §7.2,
 * environmental §7.3) and Appendix A (Roundup); "CVSS v3.0 Specification Document" §8.
 * The two versions differ in only two places, both handled here: the Roundup function, and the
 * ModifiedImpact equation for a changed (modified) scope.
 */
import { type MetricSpec, type Metrics, parseMetrics, weight } from './metrics.js';

/** The CVSS 3.x minor versions this module scores. */
export type Cvss3Version = '3.0' | '3.1';

/** The three scores of a v3.x vector, each 0.0–10.0 with one decimal. */
export interface Cvss3Scores {
  version: Cvss3Version;
  /** Base score (§7.1). */
  base: number;
  /** Temporal score (§7.2); equals `base` when the vector has no temporal metrics. */
  temporal: number;
  /** Environmental score (§7.3); equals `temporal` when the vector has no environmental metrics. */
  environmental: number;
}

const CIA = ['N', 'L', 'H'];
const BASE_SPEC: MetricSpec = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: CIA,
  I: CIA,
  A: CIA,
};
const REQ = ['X', 'L', 'M', 'H'];
const SPEC: MetricSpec = {
  ...BASE_SPEC,
  E: ['X', 'U', 'P', 'F', 'H'],
  RL: ['X', 'O', 'T', 'W', 'U'],
  RC: ['X', 'U', 'R', 'C'],
  CR: REQ,
  IR: REQ,
  AR: REQ,
  ...Object.fromEntries(Object.entries(BASE_SPEC).map(([k, v]) => [`M${k}`, ['X', ...v]])),
};

// §7.4 Table 16: metric values.
const AV = { N: 0.85, A: 0.62, L: 0.55, P: 0.2 };
const AC = { L: 0.77, H: 0.44 };
const PR_UNCHANGED = { N: 0.85, L: 0.62, H: 0.27 };
const PR_CHANGED = { N: 0.85, L: 0.68, H: 0.5 };
const UI = { N: 0.85, R: 0.62 };
const IMPACT = { H: 0.56, L: 0.22, N: 0 };
const E = { U: 0.91, P: 0.94, F: 0.97, H: 1 };
const RL = { O: 0.95, T: 0.96, W: 0.97, U: 1 };
const RC = { U: 0.92, R: 0.96, C: 1 };
const REQUIREMENT = { L: 0.5, M: 1, H: 1.5 };

/**
 * The smallest number with one decimal that is ≥ `value`, as each version defines it.
 *
 * @remarks
 * v3.0 (§8.1 "Round up") takes the plain ceiling, so floating-point noise such as
 * 4.000000000000001 rounds up to 4.1. v3.1 (Appendix A, "Roundup") first rounds the input to
 * 5 decimals, so the same input gives 4.0. This is the one rounding difference between 3.0 and 3.1.
 */
export function roundup(value: number, version: Cvss3Version): number {
  if (version === '3.0') return Math.ceil(value * 10) / 10;
  const int = Math.round(value * 100_000);
  return int % 10_000 === 0 ? int / 100_000 : (Math.floor(int / 10_000) + 1) / 10;
}

/** One side of the base/environmental computation, on already-resolved metric values. */
interface Sides {
  av: string;
  ac: string;
  pr: string;
  ui: string;
  changed: boolean;
  /** Impact Sub-Score, after requirements and the 0.915 cap for the environmental side. */
  iss: number;
}

/** §7.1 / §7.3: Impact and Exploitability, then the scope-dependent combination, Roundup'ed. */
function combine(s: Sides, modified: boolean, version: Cvss3Version): number {
  let impact: number;
  if (!s.changed) impact = 6.42 * s.iss;
  else if (modified && version === '3.1')
    impact = 7.52 * (s.iss - 0.029) - 3.25 * (s.iss * 0.9731 - 0.02) ** 13;
  else impact = 7.52 * (s.iss - 0.029) - 3.25 * (s.iss - 0.02) ** 15;
  const pr = (s.changed ? PR_CHANGED : PR_UNCHANGED) as Record<string, number>;
  const exploitability = 8.22 * at(AV, s.av) * at(AC, s.ac) * pr[s.pr]! * at(UI, s.ui);
  if (impact <= 0) return 0;
  const raw = s.changed ? 1.08 * (impact + exploitability) : impact + exploitability;
  return roundup(Math.min(raw, 10), version);
}

function at(table: Readonly<Record<string, number>>, key: string): number {
  return table[key]!;
}

/** The effective value of a base metric in the environmental group: `M<name>` unless `X`/absent. */
function modifiedValue(m: Metrics, name: string): string {
  const v = m.get(`M${name}`);
  return v === undefined || v === 'X' ? m.get(name)! : v;
}

function baseScore(m: Metrics, version: Cvss3Version): number {
  const [c, i, a] = ['C', 'I', 'A'].map((k) => at(IMPACT, m.get(k)!)) as [number, number, number];
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const sides: Sides = {
    av: m.get('AV')!,
    ac: m.get('AC')!,
    pr: m.get('PR')!,
    ui: m.get('UI')!,
    changed: m.get('S') === 'C',
    iss,
  };
  return combine(sides, false, version);
}

function environmentalScore(m: Metrics, version: Cvss3Version, temporalFactor: number): number {
  const part = (k: string, req: string): number =>
    1 - weight(m, req, REQUIREMENT) * at(IMPACT, modifiedValue(m, k));
  const miss = Math.min(1 - part('C', 'CR') * part('I', 'IR') * part('A', 'AR'), 0.915);
  const sides: Sides = {
    av: modifiedValue(m, 'AV'),
    ac: modifiedValue(m, 'AC'),
    pr: modifiedValue(m, 'PR'),
    ui: modifiedValue(m, 'UI'),
    changed: modifiedValue(m, 'S') === 'C',
    iss: miss,
  };
  const modifiedBase = combine(sides, true, version);
  return modifiedBase === 0 ? 0 : roundup(modifiedBase * temporalFactor, version);
}

/**
 * Scores a CVSS v3.0 or v3.1 vector string (`CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`).
 *
 * @remarks
 * All eight base metrics are required; temporal and environmental metrics are optional and `X`
 * (Not Defined) is accepted for each (§6). Returns `undefined`, never throws, for anything else:
 * a prefix other than `CVSS:3.0/` or `CVSS:3.1/`, a missing base metric, an unknown metric or
 * value, or a repeated metric.
 */
export function scoreCvss3(vector: string): Cvss3Scores | undefined {
  const match = /^CVSS:3\.([01])\/(.*)$/.exec(vector);
  if (!match) return undefined;
  const version: Cvss3Version = match[1] === '1' ? '3.1' : '3.0';
  const m = parseMetrics(match[2]!, SPEC, Object.keys(BASE_SPEC));
  if (!m) return undefined;
  const base = baseScore(m, version);
  const factor = weight(m, 'E', E) * weight(m, 'RL', RL) * weight(m, 'RC', RC);
  const temporal = roundup(base * factor, version);
  return { version, base, temporal, environmental: environmentalScore(m, version, factor) };
}
