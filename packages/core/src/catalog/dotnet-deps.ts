import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { LIMITS, readJsonFile } from './input.js';
import { isObj, nugetDraft } from './nuget.js';

/**
 * `<app>.deps.json` (the .NET host's dependency manifest, dotnet/runtime
 * docs/design/features/host-startup.md): `libraries` maps `Name/Version` to `{ type }`; only
 * `package` entries come from NuGet (`project` and `reference` entries are the app's own code).
 */
function catalog(file: FileInput): CatalogOutput {
  const path = file.path;
  const read = readJsonFile('dotnet-deps', file, LIMITS.manifest, 'deps.json', (d) => {
    if (!isObj(d) || !isObj(d.libraries)) throw new Error('no libraries object');
  });
  if ('issue' in read) return { packages: [], issues: [read.issue] };
  const doc = read.doc as { libraries: Record<string, unknown> };
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
