import type { CatalogIssue, LayerOrigin, Package } from '../types/model.js';
import type { FileMeta, ViewEntry } from './file-meta.js';
import { parentDir, resolveLinkTarget } from './safe-path.js';

/** Everything one pass over one layer produced. Plain data: it can be cached by diffID. */
export interface LayerResult {
  origin: LayerOrigin;
  /** Every entry of the layer tar except whiteout markers, by normalised path. */
  entries: Map<string, FileMeta>;
  /** Paths this layer deletes from the layers below (`.wh.<name>`). */
  whiteouts: string[];
  /** Directories whose lower-layer contents this layer hides (`.wh..wh..opq`). */
  opaqueDirs: string[];
  /** Bytes of the files some view cataloger or check wants. */
  kept: Map<string, Buffer>;
  /** Packages file catalogers found in this layer (survival is decided at merge). */
  packages: Package[];
  issues: CatalogIssue[];
  /**
   * What file-level passes that are not catalogers kept about this layer, by pass id (secret
   * scanning's hits): plain JSON, cached with the layer like its packages.
   */
  data?: Record<string, unknown[]>;
}

/** One layer's copy of a kept file. */
export interface FileVersion {
  layerIndex: number;
  bytes: Buffer;
}

const MAX_LINK_HOPS = 40;

/**
 * The merged filesystem of an image: layers applied bottom to top with whiteouts and opaque
 * directories honoured (OCI `layer.md`, "Whiteouts"). Only metadata of every file, and the bytes
 * of wanted files, are held. Symlinks resolve inside the image root only.
 */
export class FsView {
  readonly layers: readonly LayerOrigin[];
  private readonly entries = new Map<string, ViewEntry>();
  private readonly children = new Map<string, Set<string>>();
  private readonly kept = new Map<string, Buffer>();
  private readonly history = new Map<string, FileVersion[]>();

  private constructor(layers: readonly LayerOrigin[]) {
    this.layers = layers;
  }

  /** Applies layer results in order (index 0 = bottom). */
  static merge(results: readonly LayerResult[]): FsView {
    const view = new FsView(results.map((r) => r.origin));
    for (const r of results) view.apply(r);
    return view;
  }

  private apply(r: LayerResult): void {
    const layerIndex = r.origin.index;
    // Whiteouts and opaque markers hide what lower layers had; this layer's own entries stay.
    for (const dir of r.opaqueDirs)
      for (const name of [...(this.children.get(dir) ?? [])]) this.remove(join(dir, name));
    for (const p of r.whiteouts) this.remove(p);
    for (const [path, meta] of r.entries) {
      const old = this.entries.get(path);
      if (old?.type === 'dir' && meta.type !== 'dir') this.remove(path);
      this.entries.set(path, { ...meta, layerIndex });
      this.link(path);
      const bytes = r.kept.get(path);
      if (bytes) {
        this.kept.set(path, bytes);
        const h = this.history.get(path) ?? [];
        h.push({ layerIndex, bytes });
        this.history.set(path, h);
      } else if (meta.type !== 'dir') {
        this.kept.delete(path);
        this.history.delete(path);
      }
    }
  }

  private link(path: string): void {
    for (let p = path; p !== '';) {
      const parent = parentDir(p);
      const name = p.slice(parent ? parent.length + 1 : 0);
      let set = this.children.get(parent);
      if (!set) this.children.set(parent, (set = new Set()));
      if (set.has(name)) return;
      set.add(name);
      p = parent;
    }
  }

  private remove(path: string): void {
    for (const name of this.children.get(path) ?? []) this.remove(join(path, name));
    this.children.delete(path);
    this.entries.delete(path);
    this.kept.delete(path);
    this.history.delete(path);
    const parent = parentDir(path);
    this.children.get(parent)?.delete(path.slice(parent ? parent.length + 1 : 0));
  }

  /** Metadata of `path` itself (symlinks not followed). */
  entry(path: string): ViewEntry | undefined {
    return this.entries.get(path);
  }

  /** Names directly inside directory `dir` (`''` is the root). */
  list(dir: string): string[] {
    return [...(this.children.get(dir) ?? [])].sort();
  }

  /** Every entry of the merged view, in no particular order. */
  *walk(): IterableIterator<[string, ViewEntry]> {
    yield* this.entries;
  }

  get size(): number {
    return this.entries.size;
  }

  /**
   * Follows symlinks in every component of `path`, never leaving the image root: `..` stops at
   * the root and absolute targets start at it. Returns `undefined` on a loop (> 40 hops).
   */
  resolve(path: string): string | undefined {
    let hops = 0;
    let parts = path.split('/').filter(Boolean);
    let cur = '';
    for (let i = 0; i < parts.length; i++) {
      const next = cur ? `${cur}/${parts[i]}` : parts[i]!;
      const e = this.entries.get(next);
      if (e?.type === 'symlink' && e.linkTarget !== undefined) {
        if (++hops > MAX_LINK_HOPS) return undefined;
        const target = resolveLinkTarget(next, e.linkTarget);
        parts = [...target.split('/').filter(Boolean), ...parts.slice(i + 1)];
        cur = '';
        i = -1;
        continue;
      }
      cur = next;
    }
    return cur;
  }

  /** The kept bytes of `path` (after following symlinks), or `undefined` if not kept or absent. */
  async read(path: string): Promise<Buffer | undefined> {
    const real = this.resolve(path);
    return real === undefined ? undefined : this.kept.get(real);
  }

  /** Every kept path, for catalogers that glob (e.g. `var/lib/dpkg/info/*.list`). */
  keptPaths(): string[] {
    return [...this.kept.keys()];
  }

  /**
   * Each layer's copy of a kept file, bottom first, since it was last created (a deletion
   * restarts the list). Catalogers use it to tell which layer added a database entry.
   */
  versions(path: string): readonly FileVersion[] {
    return this.history.get(path) ?? [];
  }
}

function join(dir: string, name: string): string {
  return dir ? `${dir}/${name}` : name;
}
