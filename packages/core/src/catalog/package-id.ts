import { createHash } from 'node:crypto';
import type { PackageDraft } from './cataloger.js';
import type { LayerOrigin, Package } from '../types/model.js';

/**
 * A package id, stable across rebuilds of the same image content: type, name, version and the
 * first location (not the layer digest, which changes on every rebuild).
 */
export function packageId(p: Pick<Package, 'type' | 'name' | 'version' | 'locations'>): string {
  const h = createHash('sha256').update(`${p.type}\0${p.name}\0${p.version}\0${p.locations[0] ?? ''}`);
  return h.digest('hex').slice(0, 16);
}

/** Completes a cataloger's draft into a `Package`. */
export function finishPackage(draft: PackageDraft, foundBy: string, layer: LayerOrigin): Package {
  const { layer: own, ...rest } = draft;
  return { ...rest, id: packageId(draft), foundBy, layer: own ?? layer };
}
