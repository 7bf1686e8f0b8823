import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { isObj, nugetDraft } from './nuget.js';

/**
 * `<app>.deps.json` (the .NET host's dependency manifest, dotnet/runtime
 * docs/design/features/host-startup.md): `libraries` maps `Name/Version` to `{ type }`; only
 * `package` entries come from NuGet (`project` and `reference` entries are the app's own code).
 */
function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('dotnet-deps', path, bytes.length, LIMITS.manifest);
  if (big) return { packages: [], issues: [big] };
  let doc: unknown;
  try {
    const text = utf8Text(bytes);
    if (text === undefined) throw new Error('not UTF-8 text');
    doc = JSON.parse(text);
    if (!isObj(doc) || !isObj(doc.libraries)) throw new Error('no libraries object');
  } catch (err) {
    return {
      packages: [],
      issues: [
        fileIssue('dotnet-deps', path, messages.catalogUnparsable('deps.json', (err as Error).message)),
      ],
    };
  }
  const packages = Object.entries(doc.libraries).flatMap(([key, lib]) => {
    const slash = key.lastIndexOf('/');
    if (!isObj(lib) || lib.type !== 'package' || slash <= 0) return [];
    return [nugetDraft(path, key.slice(0, slash), key.slice(slash + 1))];
  });
  return { packages, issues: [] };
}

/** .NET applications' `*.deps.json`. */
export const dotnetDepsCataloger: FileCataloger = {
  id: 'dotnet-deps',
  version: 1,
  kind: 'file',
  wants: (path) => path.endsWith('.deps.json'),
  catalog,
};
