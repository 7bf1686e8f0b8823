import type { CatalogIssue, LayerOrigin, Package } from '../types/model.js';
import type { FileMeta } from './file-meta.js';

/**
 * One regular file of a layer as the walker offers it to the visitors that asked for it
 * (docs/adr/0012-layer-visitors.md). Valid only while `visit` runs: the layer stream moves on
 * once every visitor of the file has returned.
 */
export interface LayerFile {
  /** Normalised image path, no leading slash. */
  path: string;
  /** For a hardlink: its own path with the target's metadata (`linkTarget` names the target). */
  meta: FileMeta;
  /** The layer being walked. */
  layer: LayerOrigin;
  /**
   * The file's bytes. The walker reads a file at most once per layer, however many visitors
   * call this, and only files some visitor wanted; the size limit was checked before any visitor
   * was called.
   */
  read(): Promise<Buffer>;
}

/** What a visitor adds to its layer's result. Plain data: the layer cache stores it as it is. */
export interface VisitOutput {
  /** Complete packages (the visitor sets `id`, `foundBy` and `layer`). */
  packages?: Package[];
  /** Problems, with their coordinates. */
  issues?: CatalogIssue[];
  /** Plain JSON the walker files under the visitor's `id` in `LayerResult.data` (secret hits). */
  data?: unknown[];
}

/**
 * Something that wants files of each layer: a file cataloger, a view cataloger (which only
 * needs the bytes kept for the merged view), secret scanning. The walker calls `wants` for each
 * regular file and hardlink (or looks the path up in `staticPaths`), reads the file once if any
 * visitor wants it, keeps the bytes for the merged view when a visitor sets `keep`, and calls
 * each wanting visitor's `visit`, in the order the visitors were given.
 *
 * Keep visitors free of state shared across layers: the walker may walk several layers at once
 * (and, later, on worker threads). What a visitor learns about a layer goes in its
 * {@link VisitOutput}, which the walker files in that layer's result.
 */
export interface LayerVisitor {
  /** Unique among the visitors of one walk; `LayerResult.data` is keyed by it. */
  readonly id: string;
  /**
   * Exact image paths (no leading slash) this visitor wants. When set, `wants` is never called:
   * the walker looks paths up in a map and skips every other file without a call.
   */
  readonly staticPaths?: readonly string[];
  /** Predicate over every regular file and hardlink; keep it cheap (string tests). */
  wants(path: string, meta: FileMeta): boolean;
  /** Keep the bytes of wanted files in the layer result, for the merged view. */
  readonly keep?: boolean;
  /**
   * `false` when `wants` never accepts hardlink entries, so the walker need not hold bytes it
   * read only for this visitor in case a later hardlink points at them (secret scanning reads
   * most text files; holding them all would keep a layer's text in memory until it ends).
   */
  readonly wantsHardlinks?: false;
  /** Called once per wanted file. Must not throw: problems are issues in the output. */
  visit?(file: LayerFile): Promise<VisitOutput> | VisitOutput;
}
