import type { FsView, LayerResult } from '../image/fs-view.js';
import type { Keeper, WalkPlan } from '../image/layer-walk.js';
import type { Logger } from '../logger.js';
import type { CatalogIssue, Distro, Package } from '../types/model.js';
import type { Cataloger, FileCataloger, ViewCataloger } from './cataloger.js';
import { finishPackage } from './package-id.js';

/** The walk plan for a set of catalogers plus any extra keepers (checks that read files). */
export function walkPlanFor(
  catalogers: readonly Cataloger[],
  extraKeepers: readonly Keeper[] = [],
): WalkPlan {
  return {
    fileCatalogers: catalogers.filter((c): c is FileCataloger => c.kind === 'file'),
    keepers: [...catalogers.filter((c): c is ViewCataloger => c.kind === 'view'), ...extraKeepers],
  };
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
    try {
      const out = await c.catalog(view, { logger, layers: view.layers, ...(distro ? { distro } : {}) });
      if (out.distro) distro = out.distro;
      for (const p of out.packages) {
        const layer = p.layer ?? top;
        if (layer) packages.push(finishPackage(p, c.id, layer));
      }
      issues.push(...out.issues);
    } catch (err) {
      const message = `cataloger failed: ${err instanceof Error ? err.message : String(err)}`;
      issues.push({ by: c.id, message, ...(c.osDatabase ? { osDatabase: true } : {}) });
    }
  }
  return { packages, issues, ...(distro ? { distro } : {}) };
}
