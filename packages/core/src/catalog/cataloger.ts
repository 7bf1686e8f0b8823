import type { FileMeta } from '../image/file-meta.js';
import type { FsView } from '../image/fs-view.js';
import type { Logger } from '../logger.js';
import type { CatalogIssue, Distro, LayerOrigin, Package } from '../types/model.js';

/** A package as a cataloger reports it; the runner adds `id`, `foundBy` and, for file catalogers, `layer`. */
export type PackageDraft = Omit<Package, 'id' | 'foundBy' | 'layer'> & { layer?: LayerOrigin };

/** What a cataloger returns. Problems go in `issues`, never in a thrown error (rule 17). */
export interface CatalogOutput {
  packages: PackageDraft[];
  issues: CatalogIssue[];
  /** Set by the os-release cataloger; later catalogers see it in their context. */
  distro?: Distro;
}

/** Scan-wide choices some catalogers honour (see `configureCatalogers`). */
export interface CatalogOptions {
  /**
   * Report dependencies a lockfile marks as development-only (npm `dev`, pnpm `devDependencies`,
   * Pipfile `develop`, composer `packages-dev`…). Default false: they are not shipped.
   */
  includeDevDependencies?: boolean;
}

interface CatalogerBase {
  /** Plugin id in purl/OSV terms (`dpkg`, `apk`, `npm`). */
  id: string;
  /** True for OS package databases (dpkg, apk, rpm): a failure to read them fails the gate by default. */
  osDatabase?: boolean;
  /** Bump whenever the output for the same input changes: it is part of the layer cache key (rule 5). */
  version: number;
  /**
   * Exact image paths (no leading slash) this cataloger wants. When set, `wants` is never
   * called: the walker looks paths up in a set and skips everything else without a call.
   */
  staticPaths?: readonly string[];
  /** Predicate over every regular file of every layer; keep it cheap (string tests, no regexes on hot paths if avoidable). */
  wants(path: string, meta: FileMeta): boolean;
  /**
   * A variant honouring `opts`, for catalogers whose output depends on them. A variant whose
   * output differs must differ in `id` (e.g. `npm-package-lock+dev`), so cache keys differ too.
   */
  configure?(opts: CatalogOptions): Cataloger;
}

/** Input of a file cataloger: one wanted file's bytes, read once while its layer streams. */
export interface FileInput {
  path: string;
  bytes: Buffer;
  meta: FileMeta;
  layer: LayerOrigin;
}

/** Sees one file at a time, while the layer streams (npm package.json, a Go binary, a jar). */
export interface FileCataloger extends CatalogerBase {
  kind: 'file';
  catalog(input: FileInput, ctx: { logger: Logger }): Promise<CatalogOutput> | CatalogOutput;
}

/** Context of a view cataloger: what earlier catalogers established. */
export interface ViewContext {
  logger: Logger;
  distro?: Distro;
  layers: readonly LayerOrigin[];
}

/** Sees the merged, whiteout-applied view: multi-file databases (dpkg, apk, rpm) and os-release. */
export interface ViewCataloger extends CatalogerBase {
  kind: 'view';
  catalog(view: FsView, ctx: ViewContext): Promise<CatalogOutput> | CatalogOutput;
}

export type Cataloger = FileCataloger | ViewCataloger;

/** An empty result, for catalogers that found nothing. */
export function emptyOutput(): CatalogOutput {
  return { packages: [], issues: [] };
}
