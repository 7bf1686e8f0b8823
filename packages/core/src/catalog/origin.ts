import type { FsView } from '../image/fs-view.js';
import type { LayerOrigin } from '../types/model.js';

/**
 * The layer that introduced each entry of a database file that every layer rewrites whole
 * (dpkg `status`, apk `installed`): the lowest layer from which the entry (name + version) is
 * present in every later copy. An upgrade in a later layer therefore counts as that layer's.
 *
 * @param keysOf parses one copy of the file into entry keys (`name@version`).
 */
export function originsFromVersions(
  view: FsView,
  path: string,
  keysOf: (bytes: Buffer) => Set<string>,
): Map<string, LayerOrigin> {
  const origins = new Map<string, LayerOrigin>();
  const versions = view.versions(path);
  let previous = new Set<string>();
  for (const v of versions) {
    const keys = keysOf(v.bytes);
    const layer = view.layers[v.layerIndex]!;
    for (const k of keys) if (!previous.has(k)) origins.set(k, layer);
    for (const k of previous) if (!keys.has(k)) origins.delete(k);
    previous = keys;
  }
  return origins;
}
