import type { ResolvedRef } from './reference.js';
import { resolveReference } from './reference.js';
import { ImageNotHereError, type ImageSourceKind, type OpenedImage, type SourceContext } from './source.js';
import { imageSources } from './sources/registry.js';

/**
 * Resolves `reference` and opens it. A bare `name:tag` is looked up in the local daemon first;
 * when the daemon is not running or does not have the image ({@link ImageNotHereError}), the
 * registry is asked instead. Which source served the image is logged either way.
 */
export async function openImage(
  reference: string,
  ctx: SourceContext,
  sources: readonly ImageSourceKind[] = imageSources,
): Promise<OpenedImage> {
  let resolved: ResolvedRef = await resolveReference(reference, sources);
  for (;;) {
    const { source, location, fallback } = resolved;
    try {
      const image = await source.open(location, ctx);
      ctx.logger.info(`reading ${reference} from ${source.kind}`);
      return image;
    } catch (err) {
      if (!(err instanceof ImageNotHereError) || !fallback) throw err;
      ctx.logger.info(`${err.message}; trying ${fallback.source.kind}`);
      resolved = fallback;
    }
  }
}
