import type { PackageDraft } from './cataloger.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/**
 * A PyPI package found in a lockfile or requirements file; `line` is where it is declared.
 * Python lockfiles are file catalogers: unlike node_modules, no installed tree sits at a path
 * derivable from the lockfile (site-packages is elsewhere), so both are reported, each with
 * its own location.
 */
export function pypiDraft(path: string, name: string, version: string): PackageDraft {
  return {
    name,
    version,
    type: 'pypi',
    ecosystem: languageEcosystem('pypi'),
    purl: languagePurl('pypi', name, version),
    licenses: [],
    locations: [path],
  };
}

/** True for a lockfile path outside installed trees (site-packages, dist-packages, node_modules). */
export function projectFile(path: string, base: string): boolean {
  return (
    (path === base || path.endsWith(`/${base}`)) &&
    !/\/(site|dist)-packages\/|(^|\/)node_modules\//.test(path)
  );
}
