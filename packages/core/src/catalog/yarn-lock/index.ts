import type { ViewCataloger } from '../cataloger.js';
import { LIMITS } from '../input.js';
import { withDevVariant } from '../options.js';
import { catalogYarn, isProjectManifest, isYarnLock } from './catalog.js';

/**
 * yarn.lock, classic (v1) and berry (v2+), with the project's package.json beside it to tell
 * development-only entries apart. A view cataloger: the installed-tree rule needs the merged
 * view (`node-project.ts`).
 */
export const yarnLock = withDevVariant<ViewCataloger>('yarn-lock', (id, includeDev) => ({
  version: 1,
  kind: 'view',
  wants: (path, meta) =>
    meta.size <= LIMITS.lockfile &&
    (isYarnLock(path) || (meta.size <= LIMITS.manifest && isProjectManifest(path))),
  catalog: catalogYarn(id, includeDev),
}));
