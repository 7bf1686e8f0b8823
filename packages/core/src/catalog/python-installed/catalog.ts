import { messages } from '../../errors.js';
import type { CatalogOutput, FileInput } from '../cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from '../input.js';
import { spdxLicenses } from '../license.js';
import { languagePurl } from '../purl.js';
import { declaredLicenses, parseCoreMetadata } from './parse-metadata.js';
import { languageEcosystem } from '../../ecosystems/index.js';

/**
 * Installed distributions: `<name>-<ver>.dist-info/METADATA` (wheels, PEP 376/427),
 * `<name>-<ver>.egg-info/PKG-INFO` (setuptools eggs) and single-file `<name>-<ver>.egg-info`
 * (distutils, as Debian's python3-* packages still ship some).
 */
export function isPythonMetadata(path: string): boolean {
  return (
    path.endsWith('.dist-info/METADATA') || path.endsWith('.egg-info/PKG-INFO') || path.endsWith('.egg-info')
  );
}

/**
 * One distribution from its metadata file. The name is reported as declared (the purl and the
 * matcher apply PEP 503 normalisation); files without `Name` and `Version` are reported as
 * issues, since pip itself refuses them.
 */
export function catalogPythonMetadata({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('python', path, bytes.length, LIMITS.manifest);
  if (big) return { packages: [], issues: [big] };
  const what = path.split('/').slice(-2).join('/');
  const text = utf8Text(bytes);
  if (text === undefined)
    return { packages: [], issues: [fileIssue('python', path, messages.catalogNotText(what))] };
  const meta = parseCoreMetadata(text);
  const name = meta.get('name')?.[0];
  const version = meta.get('version')?.[0];
  if (!name || !version) {
    return {
      packages: [],
      issues: [fileIssue('python', path, messages.catalogUnparsable(what, 'no Name or Version header'))],
    };
  }
  return {
    packages: [
      {
        name,
        version,
        type: 'pypi',
        ecosystem: languageEcosystem('pypi'),
        purl: languagePurl('pypi', name, version),
        licenses: spdxLicenses(declaredLicenses(meta)),
        locations: [path],
      },
    ],
    issues: [],
  };
}
