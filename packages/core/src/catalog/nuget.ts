import type { PackageDraft } from './cataloger.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/** A NuGet package draft (names are case-insensitive on NuGet; reported as written). */
export function nugetDraft(
  path: string,
  name: string,
  version: string,
  relationship?: PackageDraft['relationship'],
): PackageDraft {
  return {
    name,
    version,
    type: 'nuget',
    ecosystem: languageEcosystem('nuget'),
    purl: languagePurl('nuget', name, version),
    licenses: [],
    locations: [path],
    ...(relationship ? { relationship } : {}),
  };
}

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
