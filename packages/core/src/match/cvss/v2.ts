/**
 * CVSS v2 base scores from vector strings (OSV's `CVSS_V2` severity type).
 *
 * FIRST, "A Complete Guide to the Common Vulnerability Scoring System Version 2.0": vector §2.4,
 * base equation and metric values §3.2.1. Only the base score is computed; temporal and
 * environmental metrics are validated and otherwise ignored.
 */
import { type MetricSpec, parseMetrics } from './metrics.js';

const CIA = ['N', 'P', 'C'];
const BASE_SPEC: MetricSpec = {
  AV: ['L', 'A', 'N'],
  AC: ['H', 'M', 'L'],
  Au: ['M', 'S', 'N'],
  C: CIA,
  I: CIA,
  A: CIA,
};
const REQ = ['L', 'M', 'H', 'ND'];
const SPEC: MetricSpec = {
  ...BASE_SPEC,
  E: ['U', 'POC', 'F', 'H', 'ND'],
  RL: ['OF', 'TF', 'W', 'U', 'ND'],
  RC: ['UC', 'UR', 'C', 'ND'],
  CDP: ['N', 'L', 'LM', 'MH', 'H', 'ND'],
  TD: ['N', 'L', 'M', 'H', 'ND'],
  CR: REQ,
  IR: REQ,
  AR: REQ,
};

const AV: Record<string, number> = { L: 0.395, A: 0.646, N: 1.0 };
const AC: Record<string, number> = { H: 0.35, M: 0.61, L: 0.71 };
const AU: Record<string, number> = { M: 0.45, S: 0.56, N: 0.704 };
const IMPACT: Record<string, number> = { N: 0, P: 0.275, C: 0.66 };

/**
 * The CVSS v2 base score (0.0–10.0, one decimal) of a vector such as `AV:N/AC:L/Au:N/C:P/I:P/A:P`.
 *
 * @remarks
 * v2 vectors have no version prefix (§2.4); a `CVSS:2.0/` prefix, which some tools write, and
 * NVD's parenthesised form `(AV:N/…)` are accepted too. Returns `undefined`, never throws, for a
 * missing base metric, an unknown metric or value, or a repeated metric.
 */
export function scoreCvss2(vector: string): number | undefined {
  let body = vector.startsWith('CVSS:2.0/') ? vector.slice('CVSS:2.0/'.length) : vector;
  if (body.startsWith('(') && body.endsWith(')')) body = body.slice(1, -1);
  const m = parseMetrics(body, SPEC, Object.keys(BASE_SPEC));
  if (!m) return undefined;
  const [c, i, a] = ['C', 'I', 'A'].map((k) => IMPACT[m.get(k)!]!) as [number, number, number];
  const impact = 10.41 * (1 - (1 - c) * (1 - i) * (1 - a));
  const exploitability = 20 * AV[m.get('AV')!]! * AC[m.get('AC')!]! * AU[m.get('Au')!]!;
  const f = impact === 0 ? 0 : 1.176;
  // round_to_1_decimal (§3.2.1); the epsilon keeps an x.x5 that floats store as x.x4999… rounding up.
  return Math.round((0.6 * impact + 0.4 * exploitability - 1.5) * f * 10 + 1e-9) / 10;
}
