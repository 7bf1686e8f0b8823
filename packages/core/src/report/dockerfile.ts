import { parseInstructions } from '../dockerfile.js';
import type { LayerOrigin } from '../types/model.js';

/** Where each layer's instruction is in the Dockerfile (1-based lines). */
export interface DockerfileMap {
  /** The path as reports show it (forward slashes, no leading `./`). */
  path: string;
  /** Line of the final stage's `FROM`: base-image layers and unmatched layers point here. */
  fromLine: number;
  /** Line per layer index, for the layers whose `created_by` matches an instruction. */
  layerLines: Record<number, number>;
}

/** `created_by` of BuildKit (`RUN /bin/sh -c x # buildkit`) and classic builders, as an instruction. */
function instructionOf(createdBy: string): string {
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^(RUN )?\/bin\/sh -c /, 'RUN ')
    .replace(/ # buildkit$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function lastToken(s: string): string {
  return s.split(' ').pop() ?? '';
}

/**
 * Maps layers to Dockerfile lines: the same instruction text, else the same keyword and last
 * argument (a classic builder writes `COPY dir:<hash> in /app`), searching forward from the
 * previous match so repeated instructions map in order. Only the final stage (after its last
 * `FROM`) produces the image's own layers.
 */
export function mapDockerfile(
  path: string,
  text: string,
  layers: readonly LayerOrigin[],
  baseLayers?: number,
): DockerfileMap {
  const all = parseInstructions(text);
  const fromIdx = all.map((x) => x.keyword).lastIndexOf('FROM');
  const fromLine = fromIdx >= 0 ? all[fromIdx]!.line : 1;
  const stage = all.slice(fromIdx + 1);
  const layerLines: Record<number, number> = {};
  let next = 0;
  for (const l of layers) {
    if ((baseLayers !== undefined && l.index < baseLayers) || !l.createdBy) continue;
    const want = instructionOf(l.createdBy);
    const kw = want.split(' ')[0]!.toUpperCase();
    let hit = stage.findIndex((x, i) => i >= next && x.text === want);
    if (hit < 0)
      hit = stage.findIndex((x, i) => i >= next && x.keyword === kw && lastToken(x.text) === lastToken(want));
    if (hit < 0) continue;
    layerLines[l.index] = stage[hit]!.line;
    next = hit + 1;
  }
  return { path: path.replace(/\\/g, '/').replace(/^\.\//, ''), fromLine, layerLines };
}
