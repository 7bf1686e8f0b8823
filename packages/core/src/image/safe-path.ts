import { posix } from 'node:path';

/**
 * Normalises a path from a layer tar into the form used everywhere in tidegate: relative to the
 * image root, `/`-separated, no leading `./` or `/`, no trailing slash, no `.` or `..` parts.
 *
 * Returns `undefined` when the path would leave the image root (`../etc/passwd`,
 * `a/../../b`): such entries are skipped with a warning, never followed (issue 3, hostile input).
 * Absolute paths (`/etc/passwd`) are taken as relative to the image root, as Docker does.
 */
export function normaliseEntryPath(raw: string): string | undefined {
  if (raw.includes('\0')) return undefined;
  const parts: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * Resolves a link target relative to the directory holding the link, clamped to the image root
 * (`..` at the root stays at the root, as inside a chroot). Absolute targets start at the root.
 */
export function resolveLinkTarget(linkPath: string, target: string): string {
  const base = target.startsWith('/') ? '' : posix.dirname(linkPath);
  const parts: string[] = [];
  for (const part of `${base === '.' ? '' : base}/${target}`.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** `a/b/c` → `a/b`; `a` → `` (the root). */
export function parentDir(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `a/b/c` → `c`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
