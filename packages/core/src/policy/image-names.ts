import type { ImageInfo } from '../types/model.js';

/**
 * `nginx:1` → `docker.io/library/nginx:1`, `acme/app` → `docker.io/acme/app`; names whose first
 * segment looks like a host (has a `.` or `:`, or is `localhost`) are kept as they are. This is
 * how Docker expands short names (distribution/reference `ParseNormalizedNamed`).
 */
export function normaliseImageName(name: string): string {
  const first = name.split('/')[0]!;
  if (name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost'))
    return name;
  return name.includes('/') ? `docker.io/${name}` : `docker.io/library/${name}`;
}

const FILE_REFERENCE = /^(docker-archive|oci|oci-archive|dir):|^[./~]|\.tar$/;

/**
 * Every name the image is known by, as written and normalised: its repo tags, and the reference
 * when it names a registry image rather than a file. Registry and exception globs match these.
 */
export function imageNames(image: ImageInfo): string[] {
  const raw = [...image.repoTags];
  if (!FILE_REFERENCE.test(image.reference))
    raw.push(image.reference.replace(/^(registry|docker):\/?\/?/, ''));
  return [...new Set(raw.flatMap((n) => [n, normaliseImageName(n)]))];
}
