/**
 * CVSS v4.0 scores from vector strings.
 *
 * FIRST, "CVSS v4.0 Specification Document": vector string §7; Equivalence Sets, MacroVectors
 * and scoring within a MacroVector §8 ("CVSS v4.0 Scoring"). Numerical behaviour follows FIRST's official calculator
 * (FIRSTdotorg/cvss-v4-calculator), which the specification designates as the reference.
 */
import { type Metrics, parseMetrics } from './metrics.js';
import {
  BASE_SPEC,
  DEPTH,
  ENVIRONMENTAL_SPEC,
  HIGHEST,
  LEVELS,
  SUPPLEMENTAL_SPEC,
  THREAT_SPEC,
} from './v4-data.js';
import { MACROVECTOR_SCORES } from './v4-lookup.js';

/** Which metric groups a v4.0 score reflects (§1, "CVSS Nomenclature"): Base, Threat, Environmental. */
export type Cvss4Nomenclature = 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';

/** The score of a v4.0 vector. */
export interface Cvss4Score {
  version: '4.0';
  /** 0.0–10.0, one decimal: the one score v4.0 defines, over every metric the vector carries. */
  score: number;
  nomenclature: Cvss4Nomenclature;
  /** The six EQ levels, EQ1 first (§8), for example `'000000'`. */
  macroVector: string;
}

const SPEC = { ...BASE_SPEC, ...THREAT_SPEC, ...ENVIRONMENTAL_SPEC, ...SUPPLEMENTAL_SPEC };
type Group = keyof typeof DEPTH;

/**
 * The effective value of a metric (§4): `M<metric>` when set, else the base value. E and the
 * security requirements default to their worst case when Not Defined (E:A, CR/IR/AR:H), per §3 and §4.
 */
function effective(m: Metrics, metric: string): string {
  const own = m.get(metric);
  if (metric === 'E') return own === undefined || own === 'X' ? 'A' : own;
  if (metric === 'CR' || metric === 'IR' || metric === 'AR')
    return own === undefined || own === 'X' ? 'H' : own;
  const modified = m.get(`M${metric}`);
  return modified !== undefined && modified !== 'X' ? modified : own!;
}

/** The six Equivalence Set levels (§8, one table per EQ) as a MacroVector string. */
function macroVector(v: (metric: string) => string): string {
  const [av, pr, ui] = [v('AV'), v('PR'), v('UI')];
  const eq1 =
    av === 'N' && pr === 'N' && ui === 'N'
      ? 0
      : (av === 'N' || pr === 'N' || ui === 'N') && av !== 'P'
        ? 1
        : 2;
  const eq2 = v('AC') === 'L' && v('AT') === 'N' ? 0 : 1;
  const [vc, vi, va] = [v('VC'), v('VI'), v('VA')];
  const eq3 = vc === 'H' && vi === 'H' ? 0 : vc === 'H' || vi === 'H' || va === 'H' ? 1 : 2;
  const [si, sa] = [v('SI'), v('SA')];
  const eq4 = si === 'S' || sa === 'S' ? 0 : v('SC') === 'H' || si === 'H' || sa === 'H' ? 1 : 2;
  const eq5 = { A: 0, P: 1, U: 2 }[v('E')] ?? 0;
  const eq6 =
    (v('CR') === 'H' && vc === 'H') || (v('IR') === 'H' && vi === 'H') || (v('AR') === 'H' && va === 'H')
      ? 0
      : 1;
  return `${eq1}${eq2}${eq3}${eq4}${eq5}${eq6}`;
}

/** Severity distance of the vector from one highest-severity vector, per metric (negative = more severe). */
function distances(v: (metric: string) => string, highest: string): number[] {
  return highest.split('/').map((pair) => {
    const [metric, value] = pair.split(':') as [string, string];
    return LEVELS[metric]![v(metric)]! - LEVELS[metric]![value]!;
  });
}

/** The level key of `group` within a MacroVector: one digit, or EQ3 and EQ6 together. */
function levelKey(group: Group, mv: string): string {
  return group === 'eq3eq6' ? `${mv[2]}${mv[5]}` : mv[{ eq1: 0, eq2: 1, eq4: 3 }[group]]!;
}

/**
 * Each group's severity distance (§8, step b) from the first of its highest-severity vectors that
 * the vector does not exceed on any metric, in the official calculator's order. Every valid vector
 * has one (checked exhaustively over all 817 per-group value combinations), so the fallback to the
 * last highest-severity vector only guards the types.
 */
function groupDistances(v: (metric: string) => string, mv: string): Record<Group, number> {
  const out = {} as Record<Group, number>;
  for (const g of Object.keys(DEPTH) as Group[]) {
    const candidates = HIGHEST[g][levelKey(g, mv)]!.map((h) => distances(v, h));
    const chosen = candidates.find((d) => d.every((x) => x >= 0)) ?? candidates[candidates.length - 1]!;
    out[g] = chosen.reduce((a, b) => a + b, 0);
  }
  return out;
}

/** The MacroVector one step less severe within `group`, or the better of two for EQ3+EQ6 level 00. */
function lowerScore(group: Group | 'eq5', mv: string): number | undefined {
  const d = [...mv].map(Number) as [number, number, number, number, number, number];
  const at = (changes: Record<number, number>): number | undefined =>
    MACROVECTOR_SCORES[d.map((x, i) => x + (changes[i] ?? 0)).join('')];
  if (group === 'eq1') return at({ 0: 1 });
  if (group === 'eq2') return at({ 1: 1 });
  if (group === 'eq4') return at({ 3: 1 });
  if (group === 'eq5') return at({ 4: 1 });
  // EQ3 and EQ6 move together: 00 → 01 or 10, 01 → 11, 10 → 11, 11 → 21 (21 has no lower).
  const [eq3, eq6] = [d[2], d[5]];
  if (eq3 === 0 && eq6 === 0) {
    const options = [at({ 5: 1 }), at({ 2: 1 })].filter((s): s is number => s !== undefined);
    return options.length ? Math.max(...options) : undefined;
  }
  return eq3 === 1 && eq6 === 0 ? at({ 5: 1 }) : at({ 2: 1 });
}

/**
 * §8: the MacroVector's score minus the mean, over the groups that have a lower MacroVector, of
 * (score drop to that lower MacroVector) × (severity distance / depth). EQ5 counts in the mean
 * with a proportion of 0. Rounded half up to one decimal.
 */
function interpolate(v: (metric: string) => string, mv: string): number {
  const value = MACROVECTOR_SCORES[mv]!;
  const dist = groupDistances(v, mv);
  let total = 0;
  let count = 0;
  for (const g of ['eq1', 'eq2', 'eq3eq6', 'eq4', 'eq5'] as const) {
    const lower = lowerScore(g, mv);
    if (lower === undefined) continue;
    count++;
    if (g !== 'eq5') total += (value - lower) * (dist[g] / DEPTH[g][levelKey(g, mv)]!);
  }
  const score = Math.min(10, Math.max(0, value - (count ? total / count : 0)));
  // The interpolation can land one ULP below an x.x5 tie; lift it first, as the calculator does.
  return Math.round((score + 1e-6) * 10) / 10;
}

function nomenclature(m: Metrics): Cvss4Nomenclature {
  const set = (names: string[]): boolean => names.some((n) => (m.get(n) ?? 'X') !== 'X');
  const threat = set(Object.keys(THREAT_SPEC));
  const environmental = set(Object.keys(ENVIRONMENTAL_SPEC));
  return `CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}` as Cvss4Nomenclature;
}

/**
 * Scores a CVSS v4.0 vector string (`CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`).
 *
 * @remarks
 * All eleven base metrics are required; threat, environmental and supplemental metrics are
 * optional, `X` meaning Not Defined (§7). Supplemental metrics never change the score (§5).
 * A vector with no impact on either system scores 0.0 (§8). Returns `undefined`, never throws,
 * for a prefix other than `CVSS:4.0/`, a missing base metric, an unknown metric or value, or a
 * repeated metric.
 */
export function scoreCvss4(vector: string): Cvss4Score | undefined {
  if (!vector.startsWith('CVSS:4.0/')) return undefined;
  const m = parseMetrics(vector.slice('CVSS:4.0/'.length), SPEC, Object.keys(BASE_SPEC));
  if (!m) return undefined;
  const v = (metric: string): string => effective(m, metric);
  const mv = macroVector(v);
  const noImpact = ['VC', 'VI', 'VA', 'SC', 'SI', 'SA'].every((k) => v(k) === 'N');
  return {
    version: '4.0',
    score: noImpact ? 0 : interpolate(v, mv),
    nomenclature: nomenclature(m),
    macroVector: mv,
  };
}
