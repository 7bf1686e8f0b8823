import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger } from './cataloger.js';
import { emptyOutput } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { spdxLicenses } from './license.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/**
 * True for `…/node_modules/<name>/package.json` and `…/node_modules/@scope/<name>/package.json`:
 * the manifest of an installed package, not of a test fixture deeper inside one.
 */
export function isInstalledManifest(path: string): boolean {
  if (!path.endsWith('/package.json')) return false;
  const parts = path.split('/');
  const n = parts.length;
  if (n >= 3 && parts[n - 3] === 'node_modules' && !parts[n - 2]!.startsWith('@')) return true;
  return n >= 4 && parts[n - 4] === 'node_modules' && parts[n - 3]!.startsWith('@');
}

/** npm's `license` (string or `{type}`) and legacy `licenses` array, as declared. */
export function npmLicenses(pkg: Record<string, unknown>): string[] {
  const one = (v: unknown): string | undefined =>
    typeof v === 'string'
      ? v
      : typeof v === 'object' && v && typeof (v as { type?: unknown }).type === 'string'
        ? (v as { type: string }).type
        : undefined;
  const out: string[] = [];
  const l = one(pkg.license);
  if (l) out.push(l);
  if (Array.isArray(pkg.licenses))
    for (const x of pkg.licenses) {
      const s = one(x);
      if (s) out.push(s);
    }
  return [...new Set(out)];
}

/**
 * Installed npm packages: every `node_modules/**\/package.json`, at any depth. Manifests over
 * `LIMITS.manifest` are skipped with an issue; licences are mapped to SPDX where known.
 */
export const npmCataloger: FileCataloger = {
  id: 'npm',
  version: 2,
  kind: 'file',
  wants: (path) => path.includes('node_modules/') && isInstalledManifest(path),
  catalog({ path, bytes }): CatalogOutput {
    const out = emptyOutput();
    const big = overLimit('npm', path, bytes.length, LIMITS.manifest);
    if (big) return { packages: [], issues: [big] };
    let pkg: Record<string, unknown>;
    try {
      const text = utf8Text(bytes);
      if (text === undefined) throw new Error('not UTF-8 text');
      pkg = JSON.parse(text) as Record<string, unknown>;
    } catch (err) {
      out.issues.push(fileIssue('npm', path, messages.jsonInvalid('package.json', (err as Error).message)));
      return out;
    }
    if (typeof pkg !== 'object' || pkg === null) return out;
    const { name, version } = pkg;
    // npm itself refuses to install a package.json without both; such files are not packages.
    if (typeof name !== 'string' || typeof version !== 'string' || !name || !version) return out;
    out.packages.push({
      name,
      version,
      type: 'npm',
      ecosystem: languageEcosystem('npm'),
      purl: languagePurl('npm', name, version),
      licenses: spdxLicenses(npmLicenses(pkg)),
      locations: [path],
    });
    return out;
  },
};
