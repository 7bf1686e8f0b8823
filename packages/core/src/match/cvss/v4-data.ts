/**
 * The tables CVSS v4.0 scoring needs besides the MacroVector scores (those are in `v4-lookup.ts`):
 * metric values, severity levels, each MacroVector's highest-severity vectors and its depth.
 *
 * Source: FIRST, "CVSS v4.0 Specification Document" §8 (CVSS v4.0 Scoring: Equivalence Sets,
 * MacroVectors, scoring within a MacroVector), and the behaviour of FIRST's official calculator
 * (FIRSTdotorg/cvss-v4-calculator), which the specification names as the reference.
 */
import type { MetricSpec } from './metrics.js';

const CIA = ['H', 'L', 'N'];
const REQ = ['X', 'H', 'M', 'L'];

/** Base metrics (§2), all required in a vector string (§7). */
export const BASE_SPEC: MetricSpec = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  AT: ['N', 'P'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'P', 'A'],
  VC: CIA,
  VI: CIA,
  VA: CIA,
  SC: CIA,
  SI: CIA,
  SA: CIA,
};

/** Threat metrics (§3). */
export const THREAT_SPEC: MetricSpec = { E: ['X', 'A', 'P', 'U'] };

/** Environmental metrics (§4): security requirements and modified base metrics. MSI/MSA add Safety (S). */
export const ENVIRONMENTAL_SPEC: MetricSpec = {
  CR: REQ,
  IR: REQ,
  AR: REQ,
  ...Object.fromEntries(Object.entries(BASE_SPEC).map(([k, v]) => [`M${k}`, ['X', ...v]])),
  MSI: ['X', 'S', ...CIA],
  MSA: ['X', 'S', ...CIA],
};

/** Supplemental metrics (§5): carried in the vector, never part of the score. */
export const SUPPLEMENTAL_SPEC: MetricSpec = {
  S: ['X', 'N', 'P'],
  AU: ['X', 'N', 'Y'],
  R: ['X', 'A', 'U', 'I'],
  V: ['X', 'D', 'C'],
  RE: ['X', 'L', 'M', 'H'],
  U: ['X', 'Clear', 'Green', 'Amber', 'Red'],
};

/**
 * Severity level of each value, in steps of 0.1 as integers (0 = most severe): the unit of the
 * "severity distance" between a vector and a MacroVector's highest-severity vector (§8).
 * SC starts at 1 because the highest SI/SA value, Safety, exists only for the subsequent system.
 */
export const LEVELS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  AV: { N: 0, A: 1, L: 2, P: 3 },
  PR: { N: 0, L: 1, H: 2 },
  UI: { N: 0, P: 1, A: 2 },
  AC: { L: 0, H: 1 },
  AT: { N: 0, P: 1 },
  VC: { H: 0, L: 1, N: 2 },
  VI: { H: 0, L: 1, N: 2 },
  VA: { H: 0, L: 1, N: 2 },
  SC: { H: 1, L: 2, N: 3 },
  SI: { S: 0, H: 1, L: 2, N: 3 },
  SA: { S: 0, H: 1, L: 2, N: 3 },
  CR: { H: 0, M: 1, L: 2 },
  IR: { H: 0, M: 1, L: 2 },
  AR: { H: 0, M: 1, L: 2 },
};

/**
 * The highest-severity vectors of each level of each scored equivalence group, in the order the
 * official calculator tries them. EQ3 and EQ6 are scored jointly (key: EQ3 then EQ6 level); EQ5
 * (Exploit Maturity) has no severity distance, so it has no entry.
 */
export const HIGHEST: Readonly<
  Record<'eq1' | 'eq2' | 'eq3eq6' | 'eq4', Readonly<Record<string, readonly string[]>>>
> = {
  eq1: {
    0: ['AV:N/PR:N/UI:N'],
    1: ['AV:A/PR:N/UI:N', 'AV:N/PR:L/UI:N', 'AV:N/PR:N/UI:P'],
    2: ['AV:P/PR:N/UI:N', 'AV:A/PR:L/UI:P'],
  },
  eq2: { 0: ['AC:L/AT:N'], 1: ['AC:H/AT:N', 'AC:L/AT:P'] },
  eq3eq6: {
    '00': ['VC:H/VI:H/VA:H/CR:H/IR:H/AR:H'],
    '01': ['VC:H/VI:H/VA:L/CR:M/IR:M/AR:H', 'VC:H/VI:H/VA:H/CR:M/IR:M/AR:M'],
    '10': ['VC:L/VI:H/VA:H/CR:H/IR:H/AR:H', 'VC:H/VI:L/VA:H/CR:H/IR:H/AR:H'],
    '11': [
      'VC:L/VI:H/VA:L/CR:H/IR:M/AR:H',
      'VC:L/VI:H/VA:H/CR:H/IR:M/AR:M',
      'VC:H/VI:L/VA:H/CR:M/IR:H/AR:M',
      'VC:H/VI:L/VA:L/CR:M/IR:H/AR:H',
      'VC:L/VI:L/VA:H/CR:H/IR:H/AR:M',
    ],
    '21': ['VC:L/VI:L/VA:L/CR:H/IR:H/AR:H'],
  },
  eq4: { 0: ['SC:H/SI:S/SA:S'], 1: ['SC:H/SI:H/SA:H'], 2: ['SC:L/SI:L/SA:L'] },
};

/**
 * Depth of each MacroVector level: the largest severity distance (in 0.1 steps) a vector of that
 * level can have from its highest-severity vector. The distance divided by the depth is the
 * fraction of the way to the next lower MacroVector (§8).
 */
export const DEPTH: Readonly<Record<'eq1' | 'eq2' | 'eq3eq6' | 'eq4', Readonly<Record<string, number>>>> = {
  eq1: { 0: 1, 1: 4, 2: 5 },
  eq2: { 0: 1, 1: 2 },
  eq3eq6: { '00': 7, '01': 6, '10': 8, '11': 8, '21': 10 },
  eq4: { 0: 6, 1: 5, 2: 4 },
};
