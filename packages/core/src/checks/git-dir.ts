import type { CheckHit, FilesCheck } from './check.js';

/** The `.git` directory a path lies in or is, if any (`app/.git/config` → `app/.git`). */
export function gitDirOf(path: string): string | undefined {
  if (path === '.git' || path.startsWith('.git/')) return '.git';
  const at = path.indexOf('/.git/');
  if (at >= 0) return path.slice(0, at + 5);
  return path.endsWith('/.git') ? path : undefined;
}

/**
 * A `.git` directory in the image (Dockle DKL-LI-0003): the repository's whole history, with
 * every secret ever committed and the remote's URL (often with a token), ships with the image.
 * Looks at every layer, so a `.git` a later step deletes is still reported.
 */
export const gitDir: FilesCheck = {
  id: 'TG-FILE-git-dir',
  version: 1,
  kind: 'files',
  finding: 'misconfiguration',
  scope: 'layers',
  title: 'Git repository in the image',
  severity: 'medium',
  dockle: ['DKL-LI-0003'],
  remediation: 'Add .git to .dockerignore (and copy only what the application needs).',
  run(tree) {
    const dirs = new Set<string>();
    for (const [path, meta] of tree.entries()) {
      const dir = gitDirOf(path);
      // a `.git` *file* is a worktree or submodule pointer, not a repository
      if (dir === path && meta.type !== 'dir') continue;
      if (dir !== undefined) dirs.add(dir);
    }
    return [...dirs]
      .sort()
      .map((d): CheckHit => ({ location: d, detail: `${d} holds a git repository and its history` }));
  },
};
