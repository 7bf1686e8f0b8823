import type { FileMeta } from '../image/file-meta.js';
import type { CheckHit, FilesCheck } from './check.js';

/** A files check as data: the check fields plus a predicate on one file's path and metadata. */
export type PathCheckSpec = Omit<FilesCheck, 'kind' | 'run' | 'scope' | 'version' | 'finding'> & {
  version?: number;
  /** True for a regular file (or hardlink) that must not be in the image. */
  matches(path: string, meta: FileMeta): boolean;
  /** One sentence about a matching file. */
  detail(path: string): string;
};

/** The last path segment. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Builds a "file that does not belong" check. It looks at every layer, not just the merged
 * view: a file a later layer deletes still ships, readable, in the layer that added it.
 */
export function pathCheck(spec: PathCheckSpec): FilesCheck {
  const { matches, detail, version, ...rest } = spec;
  return {
    ...rest,
    version: version ?? 1,
    kind: 'files',
    finding: 'misconfiguration',
    scope: 'layers',
    run(tree) {
      const hits: CheckHit[] = [];
      for (const [path, meta] of tree.entries()) {
        if ((meta.type === 'file' || meta.type === 'hardlink') && matches(path, meta))
          hits.push({ location: path, detail: detail(path) });
      }
      return hits;
    },
  };
}
