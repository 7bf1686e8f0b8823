import { createHash } from 'node:crypto';
import { messages, UserError } from '../errors.js';
import { openTarStream } from './decompress.js';
import type { LayerRef } from './source.js';

/**
 * Proves, before a cached walk is used, that the layer in hand really is the one the cache
 * entry was made from. The cache is keyed by the stored digest *and* the diffID, both of which
 * were verified when the entry was written; but a local archive only *claims* them, so a
 * hostile image could name a benign cached layer and hide its own content. Checking costs one
 * hash of the stored bytes (no tar parsing, and no decompression when the source checks the
 * compressed blob's digest itself). Registry layers are content-addressed and need no check.
 *
 * @throws UserError naming the layer when the bytes do not match.
 */
export async function checkCachedLayer(ref: LayerRef, maxLayerBytes: number): Promise<void> {
  if (ref.contentAddressed) return;
  const where = { layer: ref.digest };
  if (ref.verifiesDigest) {
    // the source's own stream fails on a digest mismatch; reading it to the end is the check
    for await (const _chunk of await ref.open());
    return;
  }
  const { tar } = await openTarStream(await ref.open(), maxLayerBytes);
  const hash = createHash('sha256');
  for await (const chunk of tar) hash.update(chunk as Buffer);
  const got = `sha256:${hash.digest('hex')}`;
  if (got !== ref.diffId) throw new UserError(messages.digestMismatch(ref.diffId, got), where);
}
