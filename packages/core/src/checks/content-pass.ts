import { createHash } from 'node:crypto';
import { emptyOutput, type FileCataloger } from '../catalog/cataloger.js';
import type { Logger } from '../logger.js';
import type { CheckHit, ContentCheck } from './check.js';
import { scanFile } from './content-scan.js';
import { DEFAULT_CONTENT_MAX_BYTES, hasBinaryExtension, inSkippedDir, looksBinary } from './text-files.js';

/** What the content pass read and skipped, for the note the scan logs. */
export interface ContentStats {
  files: number;
  bytes: number;
  binary: number;
  tooLarge: number;
  /** The first few files skipped for their size. */
  tooLargeExamples: string[];
}

/** Secret scanning as one more file-level pass of the layer walk (see `contentPass`). */
export interface ContentPass {
  cataloger: FileCataloger;
  /** Hits found so far, each with the layer whose copy of the file holds it. */
  hits: { check: ContentCheck; hit: CheckHit }[];
  stats: ContentStats;
}

/** One number for the set of rules: part of the layer cache key, like a cataloger's version (rule 5). */
function combinedVersion(checks: readonly ContentCheck[]): number {
  const key = checks
    .map((c) => `${c.id}@${c.version}`)
    .sort()
    .join(',');
  return createHash('sha256').update(key).digest().readUInt32BE(0);
}

/**
 * Runs the content rules while each layer streams, as a file cataloger would: the walker hands
 * over each wanted file's bytes once and nothing is kept afterwards, so memory stays at one
 * file per layer in flight. Every layer is scanned, so a secret in a file a later layer deletes
 * is still found, in the layer that holds it. Files over `maxBytes`, hardlinks (scanned under
 * their target's name), binary extensions and distro documentation trees are never read;
 * files with a NUL byte in their first 8000 bytes are dropped as binary.
 * Returns `undefined` when there are no content rules.
 */
export function contentPass(
  checks: readonly ContentCheck[],
  maxBytes = DEFAULT_CONTENT_MAX_BYTES,
): ContentPass | undefined {
  if (checks.length === 0) return undefined;
  const stats: ContentStats = { files: 0, bytes: 0, binary: 0, tooLarge: 0, tooLargeExamples: [] };
  const hits: ContentPass['hits'] = [];
  const cataloger: FileCataloger = {
    id: 'checks-content',
    version: combinedVersion(checks),
    kind: 'file',
    wantsHardlinks: false,
    wants(path, meta) {
      if (meta.type !== 'file' || meta.size === 0 || inSkippedDir(path) || hasBinaryExtension(path))
        return false;
      if (meta.size <= maxBytes) return true;
      if (stats.tooLarge++ < 10) stats.tooLargeExamples.push(path);
      return false;
    },
    catalog({ path, bytes, layer }) {
      if (looksBinary(bytes)) stats.binary++;
      else {
        stats.files++;
        stats.bytes += bytes.length;
        for (const h of scanFile(checks, path, bytes))
          hits.push({ check: h.check, hit: { ...h.hit, layerIndex: layer.index } });
      }
      return emptyOutput();
    },
  };
  return { cataloger, hits, stats };
}

/** The note a scan logs about what secret scanning read and skipped (never a silent gap). */
export function logContentStats(stats: ContentStats, maxBytes: number, logger: Logger): void {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  logger.info(
    `secret scan: read ${stats.files} text files (${mib(stats.bytes)}); skipped ${stats.binary} binary files and ${stats.tooLarge} files over ${mib(maxBytes)}`,
  );
  for (const p of stats.tooLargeExamples) logger.debug(`secret scan: not read (over ${mib(maxBytes)}): ${p}`);
}
