import type { FsView } from '../../image/fs-view.js';
import type { LayerOrigin } from '../../types/model.js';
import type { FoundDb } from './database.js';
import { readDatabase } from './database.js';
import { headerInt32s, headerString, parseHeader, TAG } from './header.js';
import { rpmVersion } from './package.js';

/** What identifies an installed package across database copies: name, EVR and arch. */
export function packageKey(p: {
  name: string;
  epoch?: number;
  version: string;
  release: string;
  arch?: string;
}): string {
  return `${p.name}\0${rpmVersion(p)}\0${p.arch ?? ''}`;
}

/** The keys of every readable header in one copy of a database; unreadable headers are left out. */
function keysOf(db: FoundDb, bytes: Buffer, wal: Buffer | undefined): Set<string> {
  const keys = new Set<string>();
  for (const { blob } of readDatabase(db.backend, bytes, wal).headers) {
    try {
      const h = parseHeader(blob);
      const name = headerString(h, TAG.NAME);
      const version = headerString(h, TAG.VERSION);
      if (!name || version === undefined) continue;
      const epoch = headerInt32s(h, TAG.EPOCH)?.[0];
      const arch = headerString(h, TAG.ARCH);
      keys.add(
        packageKey({
          name,
          version,
          release: headerString(h, TAG.RELEASE) ?? '',
          ...(epoch !== undefined ? { epoch } : {}),
          ...(arch ? { arch } : {}),
        }),
      );
    } catch {
      // Damaged headers are reported from the final copy; an earlier copy only dates packages.
    }
  }
  return keys;
}

function lastAtOrBefore<T extends { layerIndex: number }>(
  versions: readonly T[],
  layer: number,
): T | undefined {
  let found: T | undefined;
  for (const v of versions) if (v.layerIndex <= layer) found = v;
  return found;
}

/**
 * The layer that installed each package: the lowest layer from which it is present in every
 * later state of the database (as `originsFromVersions` does for dpkg and apk). A state is the
 * database file plus its WAL as of a layer that changed either. An upgrade in a later layer
 * therefore counts as that layer's. `finalKeys` are the keys of the database as the image has
 * it, already read by the caller.
 */
export function rpmOrigins(view: FsView, db: FoundDb, finalKeys: Set<string>): Map<string, LayerOrigin> {
  const dbVersions = view.versions(db.path);
  const walVersions = db.walPath ? view.versions(db.walPath) : [];
  const states = [...new Set([...dbVersions, ...walVersions].map((v) => v.layerIndex))].sort((a, b) => a - b);
  const origins = new Map<string, LayerOrigin>();
  let previous = new Set<string>();
  states.forEach((layerIndex, i) => {
    const copy = lastAtOrBefore(dbVersions, layerIndex);
    if (!copy) return;
    let keys: Set<string>;
    try {
      keys =
        i === states.length - 1
          ? finalKeys
          : keysOf(db, copy.bytes, lastAtOrBefore(walVersions, layerIndex)?.bytes);
    } catch {
      return; // an unreadable intermediate copy dates nothing
    }
    const layer = view.layers[layerIndex]!;
    for (const k of keys) if (!previous.has(k)) origins.set(k, layer);
    for (const k of previous) if (!keys.has(k)) origins.delete(k);
    previous = keys;
  });
  return origins;
}
