import { basename } from 'node:path';
import type { LayerOrigin } from '../../types/model.js';
import type { SbomComponent, SbomDocument } from './document.js';

/**
 * Layers of origin for an SBOM's packages (DESIGN.md: every package keeps its layer). Where the
 * document names a package's layer (Trivy's `LayerDiffID`/`LayerDigest`, Syft's `layerID`),
 * that layer; its index is its place in the document's own diffID list where it has one
 * (Trivy's `DiffID` properties, in image order), else the order of first mention. Packages the
 * document places nowhere get one stand-in layer for the document itself, digest = the
 * document's sha256, so reports still say where they came from.
 */
export interface LayerTable {
  origin(c: SbomComponent): LayerOrigin;
  /** Every layer handed out, by index. */
  all(): LayerOrigin[];
}

export function layerTable(
  doc: SbomDocument,
  components: readonly SbomComponent[],
  docDigest: string,
  file: string,
): LayerTable {
  const byKey = new Map<string, LayerOrigin>();
  const layers: LayerOrigin[] = [];
  const add = (diffId: string, digest: string) => {
    const l: LayerOrigin = { index: layers.length, digest, diffId };
    layers.push(l);
    byKey.set(diffId, l);
    return l;
  };
  for (const d of doc.diffIds) if (!byKey.has(d)) add(d, d);
  for (const c of components) {
    const key = c.layer?.diffId ?? c.layer?.digest;
    if (!key) continue;
    const known = byKey.get(key) ?? add(key, c.layer?.digest ?? key);
    if (c.layer?.digest && c.layer.diffId) known.digest = c.layer.digest;
    if (c.layer?.digest) byKey.set(c.layer.digest, known);
  }
  let documentLayer: LayerOrigin | undefined;
  return {
    origin(c) {
      const known = byKey.get(c.layer?.diffId ?? c.layer?.digest ?? '');
      if (known) return known;
      documentLayer ??= { ...add(docDigest, docDigest), createdBy: `SBOM ${basename(file)}` };
      layers[documentLayer.index] = documentLayer;
      return documentLayer;
    },
    all: () => layers,
  };
}
