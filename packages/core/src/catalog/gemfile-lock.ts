import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput, PackageDraft } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { gemDraft } from './ruby.js';

/**
 * Gemfile.lock (Bundler's lockfile, bundler.io/man/gemfile.5): `GEM`, `GIT` and `PATH`
 * sections list resolved gems under `specs:` at four spaces as `name (version[-platform])`;
 * their own dependencies sit at six spaces. `DEPENDENCIES` lists what the Gemfile names
 * (direct). Gem versions never contain `-`, so what follows one is the platform.
 * A file cataloger: Bundler installs into the Ruby's gem directory, not a path beside the
 * lockfile, so installed specifications and the lockfile are both reported, each where found.
 */
export function parseGemfileLock(path: string, text: string): PackageDraft[] {
  const out: PackageDraft[] = [];
  const direct = new Set<string>();
  let section = '';
  for (const line of text.split(/\r?\n/)) {
    if (/^[A-Z]/.test(line)) section = line.trim();
    const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
    if (spec && (section === 'GEM' || section === 'GIT' || section === 'PATH')) {
      out.push(gemDraft(path, spec[1]!, spec[2]!.split('-')[0]!));
    }
    const dep = /^ {2}([^\s!(]+)/.exec(line);
    if (dep && section === 'DEPENDENCIES') direct.add(dep[1]!);
  }
  const seen = new Set<string>();
  return out
    .filter((p) => !seen.has(`${p.name}@${p.version}`) && seen.add(`${p.name}@${p.version}`))
    .map((p) => (direct.size ? { ...p, relationship: direct.has(p.name) ? 'direct' : 'indirect' } : p));
}

function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('gemfile-lock', path, bytes.length, LIMITS.lockfile);
  if (big) return { packages: [], issues: [big] };
  const text = utf8Text(bytes);
  if (text === undefined)
    return {
      packages: [],
      issues: [fileIssue('gemfile-lock', path, messages.catalogNotText('Gemfile.lock'))],
    };
  const packages = parseGemfileLock(path, text);
  if (!packages.length && !/^(GEM|GIT|PATH|PLATFORMS|DEPENDENCIES)$/m.test(text)) {
    return {
      packages,
      issues: [
        fileIssue(
          'gemfile-lock',
          path,
          messages.catalogUnparsable('Gemfile.lock', 'no GEM, GIT or PATH section'),
        ),
      ],
    };
  }
  return { packages, issues: [] };
}

/** Gemfile.lock outside installed gem trees (a gem's own lockfile inside `gems/` is not what the image runs). */
export const gemfileLockCataloger: FileCataloger = {
  id: 'gemfile-lock',
  version: 1,
  kind: 'file',
  wants: (path) =>
    (path === 'Gemfile.lock' || path.endsWith('/Gemfile.lock')) && !/(^|\/)gems\/[^/]+\//.test(path),
  catalog,
};
