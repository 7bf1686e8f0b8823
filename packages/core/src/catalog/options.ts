import type { Cataloger, CatalogOptions } from './cataloger.js';

/**
 * The catalogers to run for `opts`: each one that has a `configure` is replaced by its variant,
 * the others are kept. Pass the result as `ScanOptions.catalogers`.
 *
 * @example scan({ reference, catalogers: configureCatalogers(catalogers, { includeDevDependencies: true }) })
 */
export function configureCatalogers(list: readonly Cataloger[], opts: CatalogOptions): Cataloger[] {
  return list.map((c) => (c.configure ? c.configure(opts) : c));
}

/** `id` for a variant that includes development dependencies. */
export function devId(id: string, opts: CatalogOptions): string {
  return opts.includeDevDependencies ? `${id}+dev` : id;
}
