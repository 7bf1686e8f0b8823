import { parse } from 'smol-toml';
import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { withDevVariant } from './options.js';
import { projectFile, pypiDraft } from './python-lock.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * poetry.lock (TOML, python-poetry.org/docs/basic-usage "Committing your poetry.lock"):
 * one `[[package]]` table per locked distribution with `name` and `version`. Poetry < 1.5
 * writes `category = "dev"` for development-only packages; newer lockfiles record groups only
 * in pyproject.toml, so there every package counts as runtime.
 */
function catalog(by: string, includeDev: boolean) {
  return ({ path, bytes }: FileInput): CatalogOutput => {
    const big = overLimit(by, path, bytes.length, LIMITS.lockfile);
    if (big) return { packages: [], issues: [big] };
    let doc: Json;
    try {
      const text = utf8Text(bytes);
      if (text === undefined) throw new Error('not UTF-8 text');
      doc = parse(text) as Json;
    } catch (err) {
      return {
        packages: [],
        issues: [fileIssue(by, path, messages.catalogUnparsable('poetry.lock', (err as Error).message))],
      };
    }
    const list = Array.isArray(doc.package) ? doc.package.filter(isObj) : [];
    const packages = list
      .filter((p) => typeof p.name === 'string' && typeof p.version === 'string')
      .filter((p) => includeDev || p.category !== 'dev')
      .map((p) => pypiDraft(path, p.name as string, p.version as string));
    return { packages, issues: [] };
  };
}

/** poetry.lock, runtime packages (development ones too when configured). */
export const poetryLock = withDevVariant<FileCataloger>('poetry-lock', (id, includeDev) => ({
  version: 1,
  kind: 'file',
  wants: (path) => projectFile(path, 'poetry.lock'),
  catalog: catalog(id, includeDev),
}));
