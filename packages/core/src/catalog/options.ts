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

/**
 * A cataloger whose output depends on `includeDevDependencies` (lockfiles that mark development
 * packages): `make(id, includeDev)` builds it. Returns the default instance (development
 * dependencies left out); its `configure` builds the variant, whose id is `<id>+dev` so that its
 * layer cache key differs (rule 5).
 */
export function withDevVariant<C extends Cataloger>(
  id: string,
  make: (id: string, includeDev: boolean) => Omit<C, 'id' | 'configure'>,
  opts: CatalogOptions = {},
): C {
  const own = devId(id, opts);
  const configure = (o: CatalogOptions): Cataloger => withDevVariant(id, make, o);
  return { id: own, ...make(own, opts.includeDevDependencies === true), configure } as unknown as C;
}
