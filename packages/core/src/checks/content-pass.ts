import { createHash } from 'node:crypto';
import type { LayerResult } from '../image/fs-view.js';
import type { VersionedPlugin } from '../image/layer-cache.js';
import type { LayerVisitor, VisitOutput } from '../image/visitor.js';
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

/** Secret scanning as one more visitor of the layer walk (see `contentPass`). */
export interface ContentPass {
  /** The visitor; its id and version enter the layer cache key like a cataloger's (rule 5). */
  visitor: LayerVisitor & VersionedPlugin;
  /** What the layers walked in this scan read and skipped (layers from the cache are not walked). */
  stats: ContentStats;
}

/** The id the pass files its hits under in `LayerResult.data` (and in layer cache keys). */
export const CONTENT_PASS_ID = 'checks-content';

/** One hit as the walker and the layer cache keep it: plain JSON. */
interface StoredHit {
  ruleId: string;
  hit: CheckHit;
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
 * Runs the content rules while each layer streams, as a layer visitor: the walker hands
 * over each wanted file's bytes once and nothing is kept afterwards (`wantsHardlinks: false`, so
 * not even for hardlinks), so memory stays at one file per layer in flight. The hits go into the
 * layer's result, so the layer cache keeps them. Every layer is scanned, so a secret in a file a
 * later layer deletes is still found, in the layer that holds it. Files over `maxBytes`,
 * hardlinks (scanned under their target's name), binary extensions and distro documentation
 * trees are never read; files with a NUL byte in their first 8000 bytes are dropped as binary.
 * Returns `undefined` when there are no content rules.
 */
export function contentPass(
  checks: readonly ContentCheck[],
  maxBytes = DEFAULT_CONTENT_MAX_BYTES,
): ContentPass | undefined {
  if (checks.length === 0) return undefined;
  const stats: ContentStats = { files: 0, bytes: 0, binary: 0, tooLarge: 0, tooLargeExamples: [] };
  const visitor: LayerVisitor & VersionedPlugin = {
    id: CONTENT_PASS_ID,
    version: combinedVersion(checks),
    wantsHardlinks: false,
    wants(path, meta) {
      if (meta.type !== 'file' || meta.size === 0 || inSkippedDir(path) || hasBinaryExtension(path))
        return false;
      if (meta.size <= maxBytes) return true;
      if (stats.tooLarge++ < 10) stats.tooLargeExamples.push(path);
      return false;
    },
    async visit({ path, read, layer }): Promise<VisitOutput> {
      const bytes = await read();
      if (looksBinary(bytes)) {
        stats.binary++;
        return {};
      }
      stats.files++;
      stats.bytes += bytes.length;
      try {
        const data: StoredHit[] = scanFile(checks, path, bytes).map((h) => ({
          ruleId: h.check.id,
          hit: h.hit,
        }));
        return { data };
      } catch (err) {
        // a bug in a rule: the file is reported as not scanned, and the scan goes on (rule 17)
        const message = `secret scan failed: ${err instanceof Error ? err.message : String(err)}`;
        return { issues: [{ by: CONTENT_PASS_ID, message, path, layer: layer.digest }] };
      }
    },
  };
  return { visitor, stats };
}

/**
 * The pass's hits from every layer, walked now or read from the layer cache, each attributed to
 * the layer whose copy of the file holds it. Hits of rules not in `checks` are dropped.
 */
export function contentHits(
  results: readonly LayerResult[],
  checks: readonly ContentCheck[],
): { check: ContentCheck; hit: CheckHit }[] {
  const byId = new Map(checks.map((c) => [c.id, c]));
  return results.flatMap((r) =>
    ((r.data?.[CONTENT_PASS_ID] ?? []) as StoredHit[]).flatMap(({ ruleId, hit }) => {
      const check = byId.get(ruleId);
      return check ? [{ check, hit: { ...hit, layerIndex: r.origin.index } }] : [];
    }),
  );
}

/**
 * The note a scan logs about what secret scanning read and skipped (never a silent gap). Layers
 * read from the layer cache were scanned when they were cached; their hits come with them.
 */
export function logContentStats(
  stats: ContentStats,
  maxBytes: number,
  logger: Logger,
  cachedLayers = 0,
): void {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
  const cached = cachedLayers
    ? `; ${cachedLayers} ${cachedLayers === 1 ? 'layer' : 'layers'} from the layer cache, scanned when cached`
    : '';
  logger.info(
    `secret scan: read ${stats.files} text files (${mib(stats.bytes)}); skipped ${stats.binary} binary files and ${stats.tooLarge} files over ${mib(maxBytes)}${cached}`,
  );
  for (const p of stats.tooLargeExamples) logger.debug(`secret scan: not read (over ${mib(maxBytes)}): ${p}`);
}
