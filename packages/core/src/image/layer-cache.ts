import { createHash } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '../logger.js';
import type { CatalogIssue, LayerOrigin, Package } from '../types/model.js';
import type { FileMeta } from './file-meta.js';
import type { LayerResult } from './fs-view.js';

/**
 * Bump when the walker's output for the same layer and catalogers changes (whiteout handling,
 * path normalisation, what `entries` records): it is part of every cache key.
 */
export const LAYER_WALK_VERSION = 1;
const MAGIC = 'TGLC1\n';

/** A plugin as it enters the cache key: its id and version (STYLE rule 5). */
export interface VersionedPlugin {
  id: string;
  version: number;
}

/**
 * The cache key of one layer's walk: `diffID + sorted (cataloger id, version)` (STYLE rule 5,
 * after trivy's `cache.CalcKey`), plus the walker's own version and the file-size limit, since
 * both change which files were read.
 */
export function layerCacheKey(
  /** What identifies the layer's bytes: scan.ts passes the stored digest and the diffID. */
  diffId: string,
  plugins: readonly VersionedPlugin[],
  maxFileBytes: number,
): string {
  const ids = plugins.map((p) => `${p.id}@${p.version}`).sort();
  const text = [diffId, `walk@${LAYER_WALK_VERSION}`, `maxFile=${maxFileBytes}`, ...ids].join('\n');
  return `sha256-${createHash('sha256').update(text).digest('hex')}`;
}

/** Where per-layer results are kept; the vulnerability DB shares the parent under `db/`. */
export function layerCacheDir(cacheRoot: string): string {
  return join(cacheRoot, 'layers');
}

interface Stored {
  entries: [string, FileMeta][];
  whiteouts: string[];
  opaqueDirs: string[];
  kept: [string, number][];
  packages: Package[];
  issues: CatalogIssue[];
  digest: string;
}

/** Serialises a result: a magic line, a JSON header, then the kept files' bytes back to back. */
function encode(r: LayerResult): Buffer {
  const kept = [...r.kept];
  const head: Stored = {
    entries: [...r.entries],
    whiteouts: r.whiteouts,
    opaqueDirs: r.opaqueDirs,
    kept: kept.map(([p, b]) => [p, b.length]),
    packages: r.packages,
    issues: r.issues,
    digest: r.origin.digest,
  };
  const json = Buffer.from(JSON.stringify(head));
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length);
  return Buffer.concat([Buffer.from(MAGIC), len, json, ...kept.map(([, b]) => b)]);
}

/**
 * Reads a result back and rebinds it to `origin`: the same diffID may sit at another position,
 * with another compressed digest and history step, in the image being scanned now.
 */
function decode(buf: Buffer, origin: LayerOrigin): LayerResult {
  if (buf.subarray(0, MAGIC.length).toString('latin1') !== MAGIC) throw new Error('not a layer cache file');
  const jsonLen = buf.readUInt32BE(MAGIC.length);
  const start = MAGIC.length + 4;
  const head = JSON.parse(buf.subarray(start, start + jsonLen).toString('utf8')) as Stored;
  const kept = new Map<string, Buffer>();
  let at = start + jsonLen;
  for (const [path, n] of head.kept) {
    if (at + n > buf.length) throw new Error('layer cache file is truncated');
    kept.set(path, buf.subarray(at, (at += n)));
  }
  return {
    origin,
    entries: new Map(head.entries),
    whiteouts: head.whiteouts,
    opaqueDirs: head.opaqueDirs,
    kept,
    packages: head.packages.map((p) => ({ ...p, layer: origin })),
    issues: head.issues.map((i) => (i.layer === head.digest ? { ...i, layer: origin.digest } : i)),
  };
}

/** Per-layer walk results on disk, one file per key. A damaged entry is a miss, never an error. */
export class LayerCache {
  constructor(
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  private path(key: string): string {
    return join(this.dir, key.slice(7, 9), `${key}.bin`);
  }

  /** The cached result for `key`, bound to `origin`, or `undefined`. */
  async get(key: string, origin: LayerOrigin): Promise<LayerResult | undefined> {
    const buf = await readFile(this.path(key)).catch(() => undefined);
    if (!buf) return undefined;
    try {
      return decode(buf, origin);
    } catch (err) {
      this.logger.debug(`layer cache: dropping ${key}: ${(err as Error).message}`);
      await rm(this.path(key), { force: true });
      return undefined;
    }
  }

  /** Stores a result atomically (temporary file, then rename); failures only log. */
  async put(key: string, result: LayerResult): Promise<void> {
    const path = this.path(key);
    const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    try {
      await mkdir(join(path, '..'), { recursive: true });
      const fh = await open(tmp, 'wx', 0o600);
      try {
        await fh.writeFile(encode(result));
      } finally {
        await fh.close();
      }
      await rename(tmp, path);
    } catch (err) {
      this.logger.warn(`layer cache: cannot write ${path}: ${(err as Error).message}`);
      await rm(tmp, { force: true });
    }
  }
}

/**
 * Returns the cached walk of a layer when there is one, else walks it and stores the result.
 * Layers that are not content-addressed (`dir:` sources) bypass the cache. `check` runs on a
 * hit and throws when the layer in hand is not the one the entry was made from.
 */
export async function cachedWalk(
  cache: LayerCache | undefined,
  key: string | undefined,
  origin: LayerOrigin,
  walk: () => Promise<LayerResult>,
  check: () => Promise<void> = async () => {},
): Promise<LayerResult> {
  if (!cache || !key) return walk();
  const hit = await cache.get(key, origin);
  if (hit) {
    await check();
    return hit;
  }
  const result = await walk();
  await cache.put(key, result);
  return result;
}
