import { createHash } from 'node:crypto';
import { ELF_MAGIC } from '../catalog/exe/elf.js';
import type { LayerResult } from '../image/fs-view.js';
import type { VersionedPlugin } from '../image/layer-cache.js';
import type { LayerVisitor, VisitOutput } from '../image/visitor.js';

/** The id the pass files what it found under in `LayerResult.data` (and in layer cache keys). */
export const UNOWNED_PASS_ID = 'provenance-executables';

/** One executable file of one layer, as the layer cache keeps it: plain JSON. */
export interface StoredExecutable {
  path: string;
  size: number;
  sha256: string;
  kind: 'executable' | 'shared-library' | 'script';
}

const SHARED_LIBRARY = /\.so(\.[0-9][0-9.]*)?$/;

/**
 * Files worth a look: any x bit, or a shared-library name (libraries often have no x bit). The
 * magic decides after: an ELF header, or a `#!` line on a file with an x bit.
 */
function candidate(path: string, meta: { type: string; mode: number; size: number }): boolean {
  if (meta.type !== 'file' || meta.size < 4) return false;
  return (meta.mode & 0o111) !== 0 || SHARED_LIBRARY.test(path);
}

function classify(path: string, bytes: Buffer): StoredExecutable['kind'] | undefined {
  if (bytes.subarray(0, 4).equals(ELF_MAGIC))
    return SHARED_LIBRARY.test(path) ? 'shared-library' : 'executable';
  if (bytes[0] === 0x23 && bytes[1] === 0x21) return 'script';
  return undefined;
}

/**
 * Every executable (ELF by magic, or a `#!` script with an x bit) and shared library of every
 * layer, with size and sha256: a layer visitor beside the catalogers and secret scanning (the
 * walker reads each file once for all of them). Nothing is kept but the digest; ownership is
 * decided after the merge (`unownedFiles`). Its id and version enter the layer cache key.
 */
export const unownedPass: LayerVisitor & VersionedPlugin = {
  id: UNOWNED_PASS_ID,
  version: 1,
  wantsHardlinks: false,
  wants: candidate,
  async visit({ path, read }): Promise<VisitOutput> {
    const bytes = await read();
    const kind = classify(path, bytes);
    if (!kind) return {};
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const data: StoredExecutable[] = [{ path, size: bytes.length, sha256, kind }];
    return { data };
  },
};

/** What the pass found in each layer, walked now or read from the layer cache. */
export function storedExecutables(
  results: readonly LayerResult[],
): { layerIndex: number; file: StoredExecutable }[] {
  return results.flatMap((r) =>
    ((r.data?.[UNOWNED_PASS_ID] ?? []) as StoredExecutable[]).map((file) => ({
      layerIndex: r.origin.index,
      file,
    })),
  );
}
