import type { PackageDraft } from './cataloger.js';
import { spdxLicenses } from './license.js';
import { languagePurl } from './purl.js';

/** A RubyGems package draft. */
export function gemDraft(path: string, name: string, version: string, licenses: string[] = []): PackageDraft {
  return {
    name,
    version,
    type: 'gem',
    ecosystem: 'RubyGems',
    purl: languagePurl('gem', name, version),
    licenses: spdxLicenses(licenses),
    locations: [path],
  };
}
