import { messages } from '../errors.js';
import type { CatalogOptions, CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { devId } from './options.js';
import { projectFile, pypiDraft } from './python-lock.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Pipfile.lock (pipenv, github.com/pypa/pipfile): JSON with `default` (runtime) and `develop`
 * sections mapping names to `{ version: "==1.2.3" }`. Entries without a pinned version
 * (editable or VCS installs) name no version and are skipped.
 */
function catalog(by: string, includeDev: boolean) {
  return ({ path, bytes }: FileInput): CatalogOutput => {
    const big = overLimit(by, path, bytes.length, LIMITS.lockfile);
    if (big) return { packages: [], issues: [big] };
    let doc: unknown;
    try {
      const text = utf8Text(bytes);
      if (text === undefined) throw new Error('not UTF-8 text');
      doc = JSON.parse(text);
      if (!isObj(doc)) throw new Error('not a JSON object');
    } catch (err) {
      return {
        packages: [],
        issues: [fileIssue(by, path, messages.catalogUnparsable('Pipfile.lock', (err as Error).message))],
      };
    }
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
export function pipfileLockCataloger(opts: CatalogOptions = {}): FileCataloger {
  const id = devId('pipfile-lock', opts);
  return {
    id,
    version: 1,
    kind: 'file',
    wants: (path) => projectFile(path, 'Pipfile.lock'),
    catalog: catalog(id, opts.includeDevDependencies === true),
    configure: (o) => pipfileLockCataloger(o),
  };
}

/** The default instance (development dependencies excluded). */
export const pipfileLock = pipfileLockCataloger();
