import type { PackageDraft } from './cataloger.js';
import { spdxLicenses } from './license.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/** A RubyGems package draft. */
export function gemDraft(path: string, name: string, version: string, licenses: string[] = []): PackageDraft {
  return {
    name,
    version,
    type: 'gem',
    ecosystem: languageEcosystem('gem'),
    purl: languagePurl('gem', name, version),
    licenses: spdxLicenses(licenses),
    locations: [path],
  };
}
