import { gunzipSync } from 'node:zlib';
import { messages, UserError } from '../errors.js';

/** FIRST's Exploit Prediction Scoring System score of one CVE. */
export interface EpssScore {
  /** Probability of exploitation activity in the next 30 days, 0–1. */
  score: number;
  /** Share of all scored CVEs with a lower or equal score, 0–1. */
  percentile: number;
}

/** A parsed EPSS file, optionally restricted to the CVEs a scan found. */
export interface EpssScores {
  /** `score_date` from the leading `#model_version:…,score_date:…` comment, when present. */
  date?: string;
  /** Rows in the file (all of them, also those not kept). */
  count: number;
  scores: Map<string, EpssScore>;
}

/** The text of an EPSS file: gunzipped when it starts with gzip's magic bytes. */
export function epssText(bytes: Buffer): string {
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
}

/**
 * Parses FIRST's `epss_scores-current.csv(.gz)`: an optional `#model_version:…,score_date:…`
 * line, the header `cve,epss,percentile`, then one row per CVE. Keeps only `wanted` CVEs when
 * given (the full file has ~300,000 rows). A missing header or a bad number is a UserError.
 */
export function parseEpss(bytes: Buffer, wanted?: ReadonlySet<string>): EpssScores {
  const lines = epssText(bytes).split('\n');
  let i = 0;
  let date: string | undefined;
  if (lines[0]?.startsWith('#')) date = /score_date:([^,\s]+)/.exec(lines[i++]!)?.[1];
  if (lines[i]?.trim().replace(/\r$/, '') !== 'cve,epss,percentile')
    throw new UserError(messages.epssInvalid(`line ${i + 1}: expected the header 'cve,epss,percentile'`));
  const scores = new Map<string, EpssScore>();
  let count = 0;
  for (i++; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    count++;
    const [cve, e, p] = line.split(',');
    if (wanted && !wanted.has(cve!)) continue;
    const score = Number(e);
    const percentile = Number(p);
    if (!cve?.startsWith('CVE-') || !Number.isFinite(score) || !Number.isFinite(percentile))
      throw new UserError(messages.epssInvalid(`line ${i + 1}: '${line.slice(0, 80)}'`));
    scores.set(cve, { score, percentile });
  }
  return { ...(date ? { date } : {}), count, scores };
}
