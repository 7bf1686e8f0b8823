import { stat } from 'node:fs/promises';
import { messages, UserError } from '../errors.js';
import type { ImageSourceKind } from './source.js';
import { imageSources } from './sources/registry.js';

/** A reference resolved to the source that will open it. */
export interface ResolvedRef {
  source: ImageSourceKind;
  /** What follows the `kind:` prefix (a path, for the archive and directory sources). */
  location: string;
}

/**
 * Resolves what the user typed into a source. `kind:location` picks a source explicitly
 * (`docker-archive:img.tar`, `oci:dir:tag`); a bare path is recognised by sniffing it
 * (a directory with `oci-layout`, a tar with `manifest.json`).
 */
export async function resolveReference(
  ref: string,
  sources: readonly ImageSourceKind[] = imageSources,
): Promise<ResolvedRef> {
  const colon = ref.indexOf(':');
  if (colon > 0) {
    const kind = ref.slice(0, colon);
    const source = sources.find((s) => s.kind === kind);
    if (source) return { source, location: ref.slice(colon + 1) };
  }
  const st = await stat(ref).catch(() => undefined);
  if (st) {
    for (const source of sources) {
      if (source.sniff && (await source.sniff(ref))) return { source, location: ref };
    }
    throw new UserError(messages.notAnImage(), { file: ref });
  }
  if (/^[./~]/.test(ref) || ref.endsWith('.tar') || ref.endsWith('.tar.gz'))
    throw new UserError(messages.fileNotFound(ref), { file: ref });
  throw new UserError(messages.unknownReference(ref));
}
