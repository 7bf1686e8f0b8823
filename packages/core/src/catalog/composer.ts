import type { PackageDraft } from './cataloger.js';
import { spdxLicenses } from './license.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A Packagist package from a composer package object (getcomposer.org/doc/04-schema.md):
 * `name` (`vendor/package`), `version` as resolved, `license` (string or array of SPDX ids).
 * `undefined` for objects without both, and for platform packages (`php`, `ext-*`) which
 * composer never writes there anyway.
 */
export function composerDraft(path: string, p: unknown): PackageDraft | undefined {
  if (!isObj(p) || typeof p.name !== 'string' || typeof p.version !== 'string' || !p.name.includes('/'))
    return undefined;
  const lic = Array.isArray(p.license)
    ? p.license.map(String)
    : typeof p.license === 'string'
      ? [p.license]
      : [];
  return {
    name: p.name,
    version: p.version,
    type: 'composer',
    ecosystem: languageEcosystem('composer'),
    purl: languagePurl('composer', p.name, p.version),
    licenses: spdxLicenses(lic),
    locations: [path],
  };
}
