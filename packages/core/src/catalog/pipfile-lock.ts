import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { LIMITS, readJsonFile } from './input.js';
import { withDevVariant } from './options.js';
import { projectFile, pypiDraft } from './python-lock.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pipfile.lock (pipenv, github.com/pypa/pipfile): JSON with `default` (runtime) and `develop`
 * sections mapping names to `{ version: "==1.2.3" }`. Entries without a pinned version
 * (editable or VCS installs) name no version and are skipped.
 */
function catalog(by: string, includeDev: boolean) {
  return (file: FileInput): CatalogOutput => {
    const path = file.path;
    const read = readJsonFile(by, file, LIMITS.lockfile, 'Pipfile.lock', (d) => {
      if (!isObj(d)) throw new Error('not a JSON object');
    });
    if ('issue' in read) return { packages: [], issues: [read.issue] };
    const doc = read.doc as Json;
    const sections = includeDev ? [doc.default, doc.develop] : [doc.default];
    const packages = sections.filter(isObj).flatMap((s) =>
      Object.entries(s).flatMap(([name, v]) => {
        const pin = isObj(v) && typeof v.version === 'string' ? /^===?(.+)$/.exec(v.version)?.[1] : undefined;
        return pin ? [pypiDraft(path, name, pin)] : [];
      }),
    );
    return { packages, issues: [] };
  };
}

/** Pipfile.lock, `default` section (`develop` too when configured). */
export const pipfileLock = withDevVariant<FileCataloger>('pipfile-lock', (id, includeDev) => ({
  version: 1,
  kind: 'file',
  wants: (path) => projectFile(path, 'Pipfile.lock'),
  catalog: catalog(id, includeDev),
}));
