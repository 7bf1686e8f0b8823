/**
 * CVSS vector strings → version, score and qualitative severity, for OSV `severity[]` entries
 * (`CVSS_V2`, `CVSS_V3`, `CVSS_V4`).
 */
import { scoreCvss2 } from './v2.js';
import { scoreCvss3 } from './v3.js';
import { scoreCvss4 } from './v4.js';

export { scoreCvss2 } from './v2.js';
export { type Cvss3Scores, type Cvss3Version, scoreCvss3 } from './v3.js';
export { type Cvss4Nomenclature, type Cvss4Score, scoreCvss4 } from './v4.js';

/** The CVSS qualitative severity rating (CVSS v3.1 §5, v4.0 §6). */
export type CvssSeverity = 'none' | 'low' | 'medium' | 'high' | 'critical';

/** A vector's version and score. */
export interface ParsedCvss {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  /**
   * 0.0–10.0 with one decimal. v2 and v3.x: the Base score, even when the vector also carries
   * temporal or environmental metrics. v4.0: the vector's one score over all its metrics
   * (CVSS-B, -BT, -BE or -BTE).
   */
  baseScore: number;
  severity: CvssSeverity;
}

/**
 * The qualitative rating of a score (CVSS v3.1 §5 Table 14, v4.0 §6): none 0.0, low 0.1–3.9,
 * medium 4.0–6.9, high 7.0–8.9, critical 9.0–10.0. The same scale is applied to v2 scores, which
 * the v2 guide itself leaves unrated (NVD's v2 scale has no `none` or `critical`).
 */
export function cvssSeverity(score: number): CvssSeverity {
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

function score(vector: string): Pick<ParsedCvss, 'version' | 'baseScore'> | undefined {
  if (vector.startsWith('CVSS:4.0/')) {
    const v4 = scoreCvss4(vector);
    return v4 && { version: '4.0', baseScore: v4.score };
  }
  if (vector.startsWith('CVSS:3.')) {
    const v3 = scoreCvss3(vector);
    return v3 && { version: v3.version, baseScore: v3.base };
  }
  const v2 = scoreCvss2(vector);
  return v2 === undefined ? undefined : { version: '2.0', baseScore: v2 };
}

/**
 * Parses and scores a CVSS v2, v3.0, v3.1 or v4.0 vector string.
 *
 * @remarks
 * The version comes from the prefix (`CVSS:3.0/`, `CVSS:3.1/`, `CVSS:4.0/`); a vector without a
 * prefix is read as v2, which has none. Surrounding whitespace is ignored. Returns `undefined`,
 * never throws, for anything that is not a well-formed vector: a missing base metric, an unknown
 * metric or value, a repeated metric, an unknown prefix, or a value that is not a string.
 *
 * @example
 * parseCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H')
 * // → { version: '3.1', baseScore: 9.8, severity: 'critical' }
 */
export function parseCvss(vector: string): ParsedCvss | undefined {
  if (typeof vector !== 'string') return undefined;
  const s = score(vector.trim());
  return s && { ...s, severity: cvssSeverity(s.baseScore) };
}
