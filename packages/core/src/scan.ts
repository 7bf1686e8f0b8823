import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Cataloger } from './catalog/cataloger.js';
import type { Check, ContentCheck } from './checks/check.js';
import { maskConfigSecrets } from './checks/config-secrets.js';
import { contentHits, contentPass, logContentStats } from './checks/content-pass.js';
import { checks as defaultChecks } from './checks/registry.js';
import { runChecks } from './checks/run.js';
import { DEFAULT_CONTENT_MAX_BYTES } from './checks/text-files.js';
import { messages, UserError } from './errors.js';
import { ownershipRules } from './catalog/ownership.js';
import { catalogers as defaultCatalogers } from './catalog/registry.js';
import { readSbomContents } from './catalog/sbom/index.js';
import { catalogVisitors, runViewCatalogers, survivingPackages } from './catalog/run.js';
import { FsView, type LayerResult } from './image/fs-view.js';
import { layerHistory } from './image/history.js';
import { checkCachedLayer } from './image/cache-check.js';
import {
  cachedWalk,
  LayerCache,
  layerCacheDir,
  layerCacheKey,
  type VersionedPlugin,
} from './image/layer-cache.js';
import {
  DEFAULT_MAX_FILE_BYTES,
  DEFAULT_MAX_LAYER_BYTES,
  walkLayer,
  type WalkLimits,
} from './image/layer-walk.js';
import { DEFAULT_PLATFORM } from './image/platform.js';
import { openImage } from './image/open-image.js';
import type { OpenedImage, RegistryOptions } from './image/source.js';
import type { LayerVisitor } from './image/visitor.js';
import { cacheDir } from './env.js';
import { silentLogger, type Logger } from './logger.js';
import { matchPackages } from './match/matcher.js';
import { gate, type GateOptions } from './policy/gate.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy/policy.js';
import { checkProvenance } from './provenance/index.js';
import { unownedFiles, unownedFindings } from './provenance/unowned.js';
import { unownedPass } from './provenance/unowned-pass.js';
import type {
  CatalogIssue,
  Distro,
  Finding,
  ImageInfo,
  LayerOrigin,
  Package,
  ScanResult,
  UnownedFile,
} from './types/model.js';
import type { OciImageConfig } from './types/oci/config.js';
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
  /** Image checks (misconfigurations, secrets); default: every check in `checks/registry.ts`. */
  checks?: readonly Check[];
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
  /**
   * The Dockerfile the image was built from (`--dockerfile`): names the base image when no label
   * does, and every `FROM` without a digest is checked against `base-image.pinned`.
   */
  dockerfile?: { path: string; text: string };
  /** VEX statements, a baseline report, the base-image split and the clock for the gate. */
  gate?: Omit<GateOptions, 'policy'>;
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

function layerOrigins(image: OpenedImage, config: OciImageConfig): LayerOrigin[] {
  const history = layerHistory(config);
  return image.layers.map((l, index) => ({ index, digest: l.digest, diffId: l.diffId, ...history[index] }));
}

/**
 * Walks every layer (from the cache when it has it), up to `concurrency` at once, handing files
 * to `visitors`; `plugins` (each visitor's id and version) make the cache key. `walked` is how
 * many were walked now rather than read from the cache.
 */
async function walkLayers(
  image: OpenedImage,
  origins: LayerOrigin[],
  visitors: readonly LayerVisitor[],
  plugins: readonly VersionedPlugin[],
  limits: WalkLimits,
  opts: ScanOptions,
  logger: Logger,
): Promise<{ results: LayerResult[]; walked: number }> {
  const cache = layerCacheFor(opts, logger);
  let walked = 0;
  const results = await mapLimit(image.layers, opts.concurrency ?? availableParallelism(), (l, i) => {
    // keyed by the stored digest and the diffID, both verified when the entry was written
    const key =
      l.cacheable === false
        ? undefined
        : layerCacheKey(`${l.digest} ${l.diffId}`, plugins, limits.maxFileBytes);
    return cachedWalk(
      cache,
      key,
      origins[i]!,
      () => {
        walked++;
        return walkLayer(l, origins[i]!, visitors, limits, logger);
      },
      () => checkCachedLayer(l, limits.maxLayerBytes),
    );
  });
  return { results, walked };
}

function imageInfo(
  reference: string,
  image: OpenedImage,
  config: OciImageConfig,
  layers: LayerOrigin[],
): ImageInfo {
  return {
    reference,
    source: image.source,
    ...(image.manifestDigest ? { digest: image.manifestDigest } : {}),
    configDigest: image.configDigest,
    repoTags: image.repoTags,
    os: image.config.os,
    architecture: image.config.architecture,
    ...(image.config.created ? { created: image.config.created } : {}),
    labels: config.config?.Labels ?? {},
    layers,
  };
}

/**
 * What walking, cataloguing and checking the image produced, before matching and the gate; a
 * source that knows its packages without layers (an SBOM) hands over packages and issues alone.
 */
interface Found {
  /** The image config with secrets masked: the only form reports may show. */
  config?: OciImageConfig;
  packages: Package[];
  issues: CatalogIssue[];
  distro?: Distro;
  findings?: Finding[];
  /** Executables no package manager installed (only when layers were walked). */
  unowned?: UnownedFile[];
}

/**
 * Layers (streamed once, in parallel, with secret scanning as one more layer visitor, or read
 * from the layer cache) → merged view → view catalogers → checks.
 */
async function inspect(
  image: OpenedImage,
  opts: ScanOptions,
  limits: WalkLimits,
  logger: Logger,
  origins: LayerOrigin[],
  maskedConfig: OciImageConfig,
): Promise<Found> {
  const catalogers = opts.catalogers ?? defaultCatalogers;
  const checks = (opts.checks ?? defaultChecks).filter((c) => !(image.noConfig && c.kind === 'config'));
  const contentChecks = checks.filter((c): c is ContentCheck => c.kind === 'content');
  const content = contentPass(contentChecks);
  const passes = [...(content ? [content.visitor] : []), unownedPass];
  const visitors = [...catalogVisitors(catalogers, logger), ...passes];
  const plugins = [...catalogers, ...passes];
  const { results, walked } = await walkLayers(image, origins, visitors, plugins, limits, opts, logger);
  const view = FsView.merge(results);
  const viewOut = await runViewCatalogers(view, catalogers, logger);
  if (content) logContentStats(content.stats, DEFAULT_CONTENT_MAX_BYTES, logger, results.length - walked);
  const checked = runChecks(checks, {
    config: image.config,
    maskedConfig,
    repoTags: image.repoTags,
    layers: origins,
    results,
    view,
    contentHits: contentHits(results, contentChecks),
  });
  const packages = [...viewOut.packages, ...survivingPackages(results, view)];
  return {
    config: maskedConfig,
    packages,
    unowned: unownedFiles(results, view, packages, origins),
    ...(viewOut.distro ? { distro: viewOut.distro } : {}),
    findings: checked.findings,
    issues: [...results.flatMap((r) => r.issues), ...viewOut.issues, ...checked.issues],
  };
}

/** Runs `fn` with a private temporary directory under `workDir` (default: the OS temp dir). */
async function withTmpDir<T>(workDir: string | undefined, fn: (dir: string) => Promise<T>): Promise<T> {
  const parent = workDir ?? tmpdir();
  const dir = await mkdtemp(join(parent, 'tidegate-')).catch((err: Error) => {
    throw new UserError(messages.tmpDirFailed(parent, err.message), { file: parent });
  });
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The whole pipeline, and the only place that knows its order (STYLE rule 1): source → layers
 * (streamed once, in parallel) → merged view → catalogers → checks → ownership → match →
 * provenance (signatures, attestations, base image) → gate.
 * A source that knows its packages without layers (an SBOM) hands over an inventory instead, and
 * the walk, catalogers and checks are skipped.
 *
 * @throws UserError when the image or DB cannot be read (exit 2). A failed gate is the
 *   returned verdict, never a throw.
 */
export async function scan(opts: ScanOptions): Promise<ScanResult> {
  const logger = opts.logger ?? silentLogger;
  const limits: WalkLimits = {
    maxLayerBytes: opts.limits?.maxLayerBytes ?? DEFAULT_MAX_LAYER_BYTES,
    maxFileBytes: opts.limits?.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
  };
  return withTmpDir(opts.workDir, async (tmpDir) => {
    const image = await openImage(opts.reference, {
      logger,
      tmpDir,
      platform: opts.platform ?? DEFAULT_PLATFORM,
      env: opts.env ?? process.env,
      registry: opts.registry ?? {},
      sbomReader: readSbomContents,
    });
    try {
      if (image.inventory) return await finish(opts, image, image.inventory.layers, image.inventory, logger);
      const contentChecks = (opts.checks ?? defaultChecks).filter(
        (c): c is ContentCheck => c.kind === 'content',
      );
      const maskedConfig = maskConfigSecrets(image.config, contentChecks);
      const origins = layerOrigins(image, maskedConfig);
      const found = await inspect(image, opts, limits, logger, origins, maskedConfig);
      return await finish(opts, image, origins, found, logger);
    } finally {
      await image.close();
    }
  });
}

/** Ownership, matching and the gate over what was found; the result every report renders. */
async function finish(
  opts: ScanOptions,
  image: OpenedImage,
  origins: LayerOrigin[],
  found: Found,
  logger: Logger,
): Promise<ScanResult> {
  const { packages } = found;
  const issues = [...found.issues];
  const ignored = opts.distroOwnership === false ? [] : ownershipRules(packages);
  const matched = opts.db
    ? await matchPackages(packages, ignored, opts.db, logger)
    : { findings: [], issues: [] };
  await opts.enricher?.annotate(matched.findings);
  issues.push(...matched.issues);
  const info = imageInfo(opts.reference, image, found.config ?? image.config, origins);
  const policy = opts.policy ?? DEFAULT_POLICY;
  const prov = await checkProvenance({
    image: info,
    policy: policy.provenance,
    ...(opts.dockerfile ? { dockerfile: opts.dockerfile } : {}),
    registry: opts.registry ?? {},
    env: opts.env ?? process.env,
    logger,
  });
  const gated = gate(
    {
      findings: [
        ...matched.findings,
        ...(found.findings ?? []),
        ...prov.findings,
        ...unownedFindings(found.unowned ?? [], policy.provenance.unownedExecutables),
      ],
      issues,
      packages,
      image: info,
    },
    { ...opts.gate, policy },
  );
  const dbStats = opts.db ? await opts.db.stats() : undefined;
  return {
    schemaVersion: 1,
    tool: { name: 'tidegate', version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    image: info,
    ...(found.distro ? { distro: found.distro } : {}),
    packages,
    findings: gated.findings,
    ignored,
    issues,
    ...(opts.db && dbStats ? { db: { location: opts.db.location, records: dbStats.records } } : {}),
    ...(gated.baseline ? { baseline: gated.baseline } : {}),
    ...(gated.baseImage ? { baseImage: gated.baseImage } : {}),
    ...(prov.provenance ? { provenance: prov.provenance } : {}),
    ...(found.unowned?.length ? { unowned: found.unowned } : {}),
    verdict: gated.verdict,
  };
}
