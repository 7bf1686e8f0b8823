import type { ViewCataloger } from '../cataloger.js';
import { catalogDpkg, DOC, INFO, STATUS, STATUS_D } from './packages.js';

/**
 * Debian and Ubuntu packages from dpkg's database: `status`, `status.d/` (distroless images,
 * one file per package), `info/<pkg>[:<arch>].list` for file ownership and layer of origin,
 * and DEP-5 `copyright` files for licences.
 */
export const dpkgCataloger: ViewCataloger = {
  id: 'dpkg',
  version: 1,
  kind: 'view',
  osDatabase: true,
  wants: (path) =>
    path === STATUS ||
    (path.startsWith(STATUS_D) && !path.includes('/', STATUS_D.length)) ||
    (path.startsWith(INFO) && path.endsWith('.list') && !path.includes('/', INFO.length)) ||
    (path.startsWith(DOC) &&
      path.endsWith('/copyright') &&
      path.indexOf('/', DOC.length) === path.length - 10),
  catalog: catalogDpkg,
};
