import type { FsView, LayerResult } from '../image/fs-view.js';
import type { LayerFile, LayerVisitor, VisitOutput } from '../image/visitor.js';
import type { Logger } from '../logger.js';
import type { CatalogIssue, Distro, Package } from '../types/model.js';
import type { CatalogOutput, Cataloger, FileCataloger } from './cataloger.js';
import { finishPackage } from './package-id.js';

/**
 * The one error policy for catalogers (rule 17): a cataloger that throws has its error recorded
 * as an issue with the coordinates it was working on, OS databases flagged, and the scan goes on.
 */
async function guarded(
  c: Cataloger,
  run: () => Promise<CatalogOutput> | CatalogOutput,
  where: { path?: string; layer?: string } = {},
): Promise<CatalogOutput> {
  try {
    return await run();
  } catch (err) {
    const message = `cataloger failed: ${err instanceof Error ? err.message : String(err)}`;
    return {
      packages: [],
      issues: [{ by: c.id, message, ...where, ...(c.osDatabase ? { osDatabase: true } : {}) }],
    };
  }
}

/** A file cataloger as a layer visitor: it sees each wanted file's bytes while its layer streams. */
function fileVisitor(c: FileCataloger, logger: Logger): LayerVisitor {
  return {
    id: c.id,
    ...(c.staticPaths ? { staticPaths: c.staticPaths } : {}),
    wants: (path, meta) => c.wants(path, meta),
    ...(c.wantsHardlinks === false ? { wantsHardlinks: false as const } : {}),
    async visit(file: LayerFile): Promise<VisitOutput> {
      const { path, meta, layer } = file;
      const out = await guarded(
        c,
        async () => c.catalog({ path, bytes: await file.read(), meta, layer }, { logger }),
        {
          path,
          layer: layer.digest,
        },
      );
      return {
        packages: out.packages.map((p) => finishPackage(p, c.id, layer)),
        issues: out.issues.map((i) => ({ ...i, layer: i.layer ?? layer.digest })),
        ...(out.data?.length ? { data: out.data } : {}),
      };
    },
  };
}

/**
 * The layer visitors for `catalogers`, in registry order: a file cataloger reads its files while
 * each layer streams; a view cataloger only has its files kept for the merged view, where
 * {@link runViewCatalogers} runs it.
 */
export function catalogVisitors(catalogers: readonly Cataloger[], logger: Logger): LayerVisitor[] {
  return catalogers.map((c) =>
    c.kind === 'file'
      ? fileVisitor(c, logger)
      : {
          id: c.id,
          ...(c.staticPaths ? { staticPaths: c.staticPaths } : {}),
          wants: (path, meta) => c.wants(path, meta),
          keep: true,
        },
  );
}

/**
 * Packages file catalogers found while layers streamed that still exist in the final image: the
 * file they were read from must come from the same layer in the merged view (a later layer
 * that deletes or replaces it removes the package).
 */
export function survivingPackages(results: readonly LayerResult[], view: FsView): Package[] {
  const out: Package[] = [];
  for (const r of results) {
    for (const p of r.packages) {
      const at = p.locations[0];
      if (at === undefined || view.entry(at)?.layerIndex === r.origin.index) out.push(p);
    }
  }
  return out;
}

/** Runs the view catalogers in registry order over the merged view. */
export async function runViewCatalogers(
  view: FsView,
  catalogers: readonly Cataloger[],
  logger: Logger,
): Promise<{ packages: Package[]; issues: CatalogIssue[]; distro?: Distro }> {
  const packages: Package[] = [];
  const issues: CatalogIssue[] = [];
  let distro: Distro | undefined;
  const top = view.layers[view.layers.length - 1];
  for (const c of catalogers) {
    if (c.kind !== 'view') continue;
    const ctx = { logger, layers: view.layers, ...(distro ? { distro } : {}) };
    const out = await guarded(c, () => c.catalog(view, ctx));
    if (out.distro) distro = out.distro;
    for (const p of out.packages) {
      const layer = p.layer ?? top;
      if (layer) packages.push(finishPackage(p, c.id, layer));
    }
    issues.push(...out.issues);
  }
  return { packages, issues, ...(distro ? { distro } : {}) };
}
