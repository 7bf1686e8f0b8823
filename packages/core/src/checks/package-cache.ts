import type { CheckHit, FilesCheck } from './check.js';

/** Package-manager caches and index copies, with the entries inside them that are not cache. */
const CACHES: { root: string; manager: string; keep?: RegExp }[] = [
  { root: 'var/lib/apt/lists', manager: 'apt', keep: /^(?:lock|partial|auxfiles)(?:\/|$)/ },
  { root: 'var/cache/apt', manager: 'apt', keep: /^(?:archives\/)?(?:lock|partial)(?:\/|$)/ },
  { root: 'var/cache/apk', manager: 'apk' },
  { root: 'var/cache/yum', manager: 'yum' },
  { root: 'var/cache/dnf', manager: 'dnf' },
  { root: 'var/cache/zypp', manager: 'zypper' },
  { root: 'root/.cache/pip', manager: 'pip' },
  { root: 'root/.npm/_cacache', manager: 'npm' },
  { root: 'usr/local/share/.cache/yarn', manager: 'yarn' },
];

/**
 * Package-manager caches left behind (Dockle DKL-DI-0005, Docker's best practices on
 * `apt-get`): downloaded packages and indexes only grow the image, and stale indexes mislead
 * whoever installs on top of it. One finding per cache directory that still holds files.
 */
export const packageCache: FilesCheck = {
  id: 'TG-FS-package-cache',
  version: 1,
  kind: 'files',
  finding: 'misconfiguration',
  scope: 'image',
  title: 'Package-manager cache left in the image',
  severity: 'low',
  dockle: ['DKL-DI-0004', 'DKL-DI-0005'],
  remediation:
    'Clean up in the same RUN step: apt-get clean && rm -rf /var/lib/apt/lists/*, apk add --no-cache, pip --no-cache-dir, npm cache clean --force.',
  run(tree) {
    const found = new Map<string, { files: number; bytes: number; layer: number }>();
    for (const [path, meta] of tree.entries()) {
      if (meta.type !== 'file') continue;
      const cache = CACHES.find((c) => path.startsWith(`${c.root}/`));
      if (!cache || cache.keep?.test(path.slice(cache.root.length + 1))) continue;
      const f = found.get(cache.root) ?? { files: 0, bytes: 0, layer: -1 };
      f.files++;
      f.bytes += meta.size;
      f.layer = Math.max(f.layer, tree.layerOf(path) ?? -1);
      found.set(cache.root, f);
    }
    return [...found].map(([root, f]): CheckHit => {
      const manager = CACHES.find((c) => c.root === root)!.manager;
      return {
        location: root,
        ...(f.layer >= 0 ? { layerIndex: f.layer } : {}),
        detail: `${manager} cache ${root} holds ${f.files} files`,
        evidence: `${f.files} files, ${f.bytes} bytes`,
      };
    });
  },
};
