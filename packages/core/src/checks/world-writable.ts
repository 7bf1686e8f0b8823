import type { FileMeta } from '../image/file-meta.js';
import type { CheckHit, FileTree, FilesCheck } from './check.js';
import { modeString } from './setuid-files.js';

/** True for a world-writable directory with the sticky bit (`/tmp`, `/var/tmp`, `/dev/shm`). */
function isStickyShared(meta: FileMeta | undefined): boolean {
  return meta?.type === 'dir' && (meta.mode & 0o1002) === 0o1002;
}

/** True when `path` lies inside a sticky world-writable directory of `tree`. */
function underStickyDir(tree: FileTree, path: string): boolean {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    if (isStickyShared(tree.get(path.slice(0, i)))) return true;
  }
  return false;
}

/**
 * World-writable files and directories in the merged view: any process in the container, as
 * any user, can replace what root later runs or reads. Sticky shared directories (`/tmp`-like)
 * and everything inside them are fine, as are symlinks (always `rwxrwxrwx`). Entries inside a
 * reported directory are counted into its finding, not reported one by one.
 */
export const worldWritable: FilesCheck = {
  id: 'TG-FS-world-writable',
  version: 1,
  kind: 'files',
  finding: 'misconfiguration',
  scope: 'image',
  title: 'World-writable file or directory',
  severity: 'medium',
  remediation:
    'Remove the write bit for others (chmod o-w) or copy with --chmod; use a sticky directory for shared scratch space.',
  run(tree) {
    const writable = [...tree.entries()]
      .filter(
        ([p, m]) =>
          (m.type === 'file' || m.type === 'dir') &&
          m.mode & 0o002 &&
          !isStickyShared(m) &&
          !underStickyDir(tree, p),
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const hits: (CheckHit & { below: number })[] = [];
    for (const [path, meta] of writable) {
      const parent = hits[hits.length - 1];
      if (parent && path.startsWith(`${parent.location}/`)) parent.below++;
      else
        hits.push({
          location: path,
          detail: `${path} is world-writable`,
          evidence: modeString(meta.mode),
          below: 0,
        });
    }
    return hits.map(({ below, ...h }) =>
      below ? { ...h, detail: `${h.detail}, with ${below} world-writable entries below it` } : h,
    );
  },
};
