import { gzipSync } from 'node:zlib';

/**
 * GitHub code scanning's limits (docs.github.com "SARIF support for code scanning"; no data
 * file exists, see ../shared/schemas/README.md). Results past 5,000 per run are accepted but
 * not stored, so we keep the 5,000 most severe and say so; an upload over 10 MB gzipped is
 * rejected outright, so we halve the results until it fits.
 */
export const GITHUB_LIMITS = {
  /** Results GitHub stores per run (it accepts 25,000 and keeps the top 5,000 by severity). */
  storedResultsPerRun: 5_000,
  rulesPerRun: 25_000,
  /** Upload size after gzip, in bytes. */
  gzippedBytes: 10 * 1024 * 1024,
} as const;

/** True when `text` gzips to no more than the upload limit. */
export function fitsUpload(text: string, limit: number = GITHUB_LIMITS.gzippedBytes): boolean {
  return gzipSync(text).length <= limit;
}
