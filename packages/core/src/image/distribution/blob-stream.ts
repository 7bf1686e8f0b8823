import { Readable } from 'node:stream';
import { messages, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { OciDescriptor } from '../../types/oci/descriptor.js';
import { byteLimit, digestVerifier } from '../stream-utils.js';
import type { RegistryClient } from './client.js';
import { isTransientNetworkError, type RetryPolicy } from './retry.js';

/** A body that ended before the descriptor's size: resumed like a reset connection. */
class ShortBodyError extends Error {
  readonly code = 'ECONNRESET';
}

/**
 * Fetches the blob from `offset` on. A `206` must start exactly at `offset` (RFC 9110 §14.4); a
 * registry that ignores `Range` answers `200` with the whole blob, whose first `offset` bytes are
 * then skipped.
 */
async function fetchFrom(
  client: RegistryClient,
  desc: OciDescriptor,
  offset: number,
): Promise<{ body: Readable; skip: number }> {
  const headers: Record<string, string> = offset > 0 ? { range: `bytes=${offset}-` } : {};
  const res = await client.get(`blobs/${desc.digest}`, headers, `blob ${desc.digest}`);
  if (res.status === 206) {
    const start = /^bytes (\d+)-/.exec(String(res.headers['content-range'] ?? ''))?.[1];
    if (Number(start) !== offset) {
      res.body.destroy();
      throw new UserError(
        messages.registryStatus(client.ref, 206, `range starts at ${start ?? '?'}, not ${offset}`),
      );
    }
    return { body: res.body, skip: 0 };
  }
  return { body: res.body, skip: offset };
}

async function* chunks(
  client: RegistryClient,
  desc: OciDescriptor,
  policy: RetryPolicy,
  logger: Logger,
): AsyncGenerator<Buffer> {
  let offset = 0;
  for (let failures = 0; ;) {
    try {
      const { body, skip } = await fetchFrom(client, desc, offset);
      let toSkip = skip;
      for await (const c of body as AsyncIterable<Buffer>) {
        const chunk = toSkip ? c.subarray(Math.min(toSkip, c.length)) : c;
        toSkip -= c.length - chunk.length;
        offset += chunk.length;
        if (chunk.length) yield chunk;
      }
      if (offset >= desc.size) return;
      throw new ShortBodyError(`body ended after ${offset} of ${desc.size} bytes`);
    } catch (err) {
      if (!isTransientNetworkError(err) || ++failures >= policy.attempts) {
        if (err instanceof ShortBodyError)
          throw new UserError(messages.blobSizeMismatch(desc.digest, desc.size, offset));
        throw err;
      }
      logger.warn(`blob ${desc.digest}: ${(err as Error).message}; resuming at byte ${offset}`);
      await (policy.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))))(
        policy.baseDelayMs * 2 ** (failures - 1),
      );
    }
  }
}

/**
 * Streams a blob from the registry and verifies it while it streams (OCI distribution-spec,
 * "Pulling blobs"; OCI image-spec `descriptor.md`, "Digests"): more bytes than the descriptor's
 * size is an error at once, and the stream fails at its end unless the content hashes to the
 * digest. A connection that breaks mid-blob is resumed with a `Range` request instead of starting
 * again.
 */
export function openBlobStream(
  client: RegistryClient,
  desc: OciDescriptor,
  policy: RetryPolicy,
  logger: Logger,
): Readable {
  const raw = Readable.from(chunks(client, desc, policy, logger), {
    objectMode: false,
    highWaterMark: 1 << 16,
  });
  const limited = raw.pipe(
    byteLimit(
      desc.size,
      () => new UserError(messages.blobSizeMismatch(desc.digest, desc.size, `more than ${desc.size}`)),
    ),
  );
  const verified = limited.pipe(
    digestVerifier(
      desc.digest,
      (got) => new UserError(messages.digestMismatch(desc.digest, got), { layer: desc.digest }),
    ),
  );
  raw.once('error', (e) => limited.destroy(e));
  limited.once('error', (e) => verified.destroy(e));
  verified.once('close', () => raw.destroy());
  return verified;
}
