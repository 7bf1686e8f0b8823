import { PackageURL } from 'packageurl-js';
import type { PackageType } from '../types/model.js';

/**
 * The purl of a language package, with each type's namespace rule from the purl spec
 * (github.com/package-url/purl-spec, PURL-TYPES.rst): npm `@scope/name`, Maven
 * `groupId:artifactId`, Composer `vendor/name`, Go module paths (all but the last segment
 * are the namespace). PyPI names are normalised by packageurl-js (lowercase, `_` → `-`).
 */
export function languagePurl(type: PackageType, name: string, version: string): string {
  let namespace: string | undefined;
  let bare = name;
  if (type === 'npm' && name.startsWith('@') && name.includes('/')) {
    namespace = name.slice(0, name.indexOf('/'));
    bare = name.slice(namespace.length + 1);
  } else if (type === 'maven' && name.includes(':')) {
    [namespace, bare] = [name.slice(0, name.indexOf(':')), name.slice(name.indexOf(':') + 1)];
  } else if ((type === 'composer' || type === 'golang') && name.includes('/')) {
    namespace = name.slice(0, name.lastIndexOf('/'));
    bare = name.slice(name.lastIndexOf('/') + 1);
  }
  return new PackageURL(type, namespace, bare, version || undefined, undefined, undefined).toString();
}
