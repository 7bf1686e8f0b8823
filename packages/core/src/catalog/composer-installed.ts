import type { CatalogOutput, FileCataloger, FileInput, PackageDraft } from './cataloger.js';
import { composerDraft, isObj } from './composer.js';
import { LIMITS, readJsonFile } from './input.js';
import { withDevVariant } from './options.js';

/**
 * `vendor/composer/installed.json`: what composer installed. Composer 1 writes a JSON array of
 * package objects; composer 2 writes `{ packages: [...], dev: bool, "dev-package-names": [...] }`
 * (composer/composer src/Composer/Repository/FilesystemRepository.php). Packages named in
 * `dev-package-names` were installed for development only and are left out by default.
 */
function catalog(by: string, includeDev: boolean) {
  return (file: FileInput): CatalogOutput => {
    const path = file.path;
    const read = readJsonFile(by, file, LIMITS.lockfile, 'installed.json');
    if ('issue' in read) return { packages: [], issues: [read.issue] };
    const doc = read.doc;
    const list: unknown[] = Array.isArray(doc)
      ? doc
      : isObj(doc) && Array.isArray(doc.packages)
        ? doc.packages
        : [];
    const devNames = new Set(
      isObj(doc) && Array.isArray(doc['dev-package-names']) ? doc['dev-package-names'].map(String) : [],
    );
    const packages = list
      .map((p) => composerDraft(path, p))
      .filter((p): p is PackageDraft => p !== undefined && (includeDev || !devNames.has(p.name)));
    return { packages, issues: [] };
  };
}

/** composer's installed.json (v1 and v2 formats). */
export const composerInstalled = withDevVariant<FileCataloger>('composer-installed', (id, includeDev) => ({
  version: 1,
  kind: 'file',
  wants: (path) =>
    path === 'vendor/composer/installed.json' || path.endsWith('/vendor/composer/installed.json'),
  catalog: catalog(id, includeDev),
}));
