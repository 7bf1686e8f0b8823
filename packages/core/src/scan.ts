import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cataloger } from './catalog/cataloger.js';
import { messages, UserError } from './errors.js';
import { ownershipRules } from './catalog/ownership.js';
import { catalogers as defaultCatalogers } from './catalog/registry.js';
import { runViewCatalogers, survivingPackages, walkPlanFor } from './catalog/run.js';
import { FsView, type LayerResult } from './image/fs-view.js';
import { layerHistory } from './image/history.js';
import { checkCachedLayer } from './image/cache-check.js';
import { cachedWalk, LayerCache, layerCacheDir, layerCacheKey } from './image/layer-cache.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_LAYER_BYTES,
  walkLayer,
  type WalkLimits,
} from './image/layer-walk.js';
import { DEFAULT_PLATFORM } from './image/platform.js';
import { openImage } from './image/open-image.js';
import type { OpenedImage, RegistryOptions } from './image/source.js';
import { cacheDir } from './env.js';
import { silentLogger, type Logger } from './logger.js';
import { matchPackages } from './match/matcher.js';
import { evaluate } from './policy/evaluate.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy/policy.js';
import type { ImageInfo, LayerOrigin, ScanResult } from './types/model.js';
import type { AdvisoryDb } from './vulndb/db.js';
import type { Enricher } from './vulndb/enrich.js';
import { TOOL_VERSION } from './version.js';

/** Everything a scan needs; only `reference` is required. */
export interface ScanOptions {
  /** What the user typed: `docker-archive:PATH`, `oci:DIR[:TAG]`, or a path. */
  reference: string;
  /** Advisories to match against; without one, the scan only inventories packages. */
  db?: AdvisoryDb;
  policy?: GatePolicy;
  logger?: Logger;
  /** `os/arch[/variant]` to pick from a multi-platform image. Default `linux/amd64`. */
  platform?: string;
  limits?: Partial<WalkLimits>;
  /** Parent of the scan's private temporary directory. Default: the OS temp dir. */
  workDir?: string;
  catalogers?: readonly Cataloger[];
  /** Layers walked at once. Default: the number of cores. */
  concurrency?: number;
  /** Skip matching language packages owned by distro packages (default true). */
  distroOwnership?: boolean;
  /** Adds KEV / EPSS data to the findings after matching (see `vulndb/enrich.ts`). */
  enricher?: Enricher;
  /** Registry credentials and plain-HTTP hosts. */
  registry?: RegistryOptions;
  /** Environment for `DOCKER_HOST`, `DOCKER_CONFIG`, `TIDEGATE_*`. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Reuse and store per-layer results (default true). */
  cache?: boolean;
  /** Cache root (layers go under `layers/`). Default {@link cacheDir} of `env`. */
  cacheDir?: string;
}

async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}

function layerCacheFor(opts: ScanOptions, logger: Logger): LayerCache | undefined {
  if (opts.cache === false) return undefined;
  return new LayerCache(layerCacheDir(opts.cacheDir ?? cacheDir(opts.env ?? process.env, homedir())), logger);
}

function layerOrigins(image: OpenedImage): LayerOrigin[] {
  const history = layerHistory(image.config);
  return image.layers.map((l, index) => ({ index, digest: l.digest, diffId: l.diffId, ...history[index] }));
}

/** Walks every layer (from the cache when it has it), up to `concurrency` at once. */
function walkLayers(
  image: OpenedImage,
  origins: LayerOrigin[],
  catalogers: readonly Cataloger[],
  limits: WalkLimits,
  opts: ScanOptions,
  logger: Logger,
): Promise<LayerResult[]> {
  const plan = walkPlanFor(catalogers);
  const cache = layerCacheFor(opts, logger);
  return mapLimit(image.layers, opts.concurrency ?? availableParallelism(), (l, i) => {
    // keyed by the stored digest and the diffID, both verified when the entry was written
    const key =
      l.cacheable === false
        ? undefined
        : layerCacheKey(`${l.digest} ${l.diffId}`, catalogers, limits.maxFileBytes);
    return cachedWalk(
      cache,
      key,
      origins[i]!,
      () => walkLayer(l, origins[i]!, plan, limits, logger),
      () => checkCachedLayer(l, limits.maxLayerBytes),
    );
  });
}

function imageInfo(reference: string, image: OpenedImage, layers: LayerOrigin[]): ImageInfo {
  return {
    reference,
    source: image.source,
    ...(image.manifestDigest ? { digest: image.manifestDigest } : {}),
    configDigest: image.configDigest,
    repoTags: image.repoTags,
    os: image.config.os,
    architecture: image.config.architecture,
    ...(image.config.created ? { created: image.config.created } : {}),
    labels: image.config.config?.Labels ?? {},
    layers,
  };
}

/**
 * The whole pipeline, and the only place that knows its order (STYLE rule 1): source → layers
 * (streamed once, in parallel) → merged view → catalogers → ownership → match → gate.
 *
 * @throws UserError when the image or DB cannot be read (exit 2). A failed gate is the
 *   returned verdict, never a throw.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const logger = opts.logger ?? silentLogger;
  const catalogers = opts.catalogers ?? defaultCatalogers;
  const limits: WalkLimits = {
    maxLayerBytes: opts.limits?.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES,
    maxFileBytes: opts.limits?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  const parent = opts.workDir ?? tmpdir();
  const tmpDir = await mkdtemp(join(parent, 'tidegate-')).catch((err: Error) => {
    throw new UserError(messages.tmpDirFailed(parent, err.message), { file: parent });
  });
  try {
    const env = opts.env ?? process.env;
    const platform = opts.platform ?? DEFAULT_PLATFORM;
    const image = await openImage(opts.reference, {
      logger,
      tmpDir,
      platform,
      env,
      registry: opts.registry ?? {},
    });
    try {
      const origins = layerOrigins(image);
      const results = await walkLayers(image, origins, catalogers, limits, opts, logger);
      const view = FsView.merge(results);
      const viewOut = await runViewCatalogers(view, catalogers, logger);
      const packages = [...viewOut.packages, ...survivingPackages(results, view)];
      const issues = [...results.flatMap((r) => r.issues), ...viewOut.issues];
      const ignored = opts.distroOwnership === false ? [] : ownershipRules(packages);
      const matched = opts.db
        ? await matchPackages(packages, ignored, opts.db, logger)
        : { findings: [], issues: [] };
      await opts.enricher?.annotate(matched.findings);
      issues.push(...matched.issues);
      const verdict = evaluate(matched.findings, issues, opts.policy ?? DEFAULT_POLICY);
      const dbStats = opts.db ? await opts.db.stats() : undefined;
      return {
        schemaVersion: 1,
        tool: { name: 'tidegate', version: TOOL_VERSION },
        createdAt: new Date().toISOString(),
        image: imageInfo(opts.reference, image, origins),
        ...(viewOut.distro ? { distro: viewOut.distro } : {}),
        packages,
        findings: matched.findings,
        ignored,
        issues,
        ...(opts.db && dbStats ? { db: { location: opts.db.location, records: dbStats.records } } : {}),
        verdict,
      };
    } finally {
      await image.close();
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
}
