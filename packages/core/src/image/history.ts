import type { OciImageConfig } from '../types/oci/config.js';

/**
 * Maps each layer to the history entry that created it. History entries with `empty_layer: true`
 * (ENV, LABEL, CMD…) produced no layer and are skipped, so the n-th non-empty entry belongs to the
 * n-th layer (OCI `config.md`, `history`). When the counts disagree (some builders write no
 * history) the layers without an entry get none rather than a wrong one.
 */
export function layerHistory(config: OciImageConfig): { createdBy?: string; historyIndex?: number }[] {
  const layers = config.rootfs?.diff_ids?.length ?? 0;
  const out: { createdBy?: string; historyIndex?: number }[] = Array.from({ length: layers }, () => ({}));
  const history = config.history ?? [];
  const nonEmpty = history.map((h, i) => ({ h, i })).filter(({ h }) => !h.empty_layer);
  if (nonEmpty.length !== layers) {
    // Align from the top: the last history entries are the image's own steps, the ones users see.
    const offset = nonEmpty.length - layers;
    for (let l = 0; l < layers; l++) {
      const e = nonEmpty[l + offset];
      if (e) out[l] = { createdBy: e.h.created_by ?? '', historyIndex: e.i };
    }
    return out;
  }
  nonEmpty.forEach(({ h, i }, l) => {
    out[l] = { createdBy: h.created_by ?? '', historyIndex: i };
  });
  return out;
}
