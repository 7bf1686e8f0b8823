import { PackageURL } from 'packageurl-js';
import { purlNameParts } from '../ecosystems/purl-names.js';
import type { PackageType } from '../types/model.js';

/**
 * The purl of a language package, its namespace split off as the ecosystem table says
 * (npm `@scope/name`, Maven `groupId:artifactId`, Composer `vendor/name`, Go module paths).
 * PyPI names are normalised by packageurl-js (lowercase, `_` → `-`).
 */
export function languagePurl(type: PackageType, name: string, version: string): string {
  const { namespace, name: bare } = purlNameParts(type, name);
  return new PackageURL(type, namespace, bare, version || undefined, undefined, undefined).toString();
}
