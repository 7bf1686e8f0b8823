import { Transform, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress as ZstdDecompress } from 'fzstd';
import { messages, UserError } from '../errors.js';
import { byteLimit, peek } from './stream-utils.js';

/** How a layer blob is compressed, told from its first bytes (never from its media type alone). */
export type Compression = 'gzip' | 'zstd' | 'none';

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

/** Detects the compression of a blob from its first bytes. */
export function sniffCompression(head: Buffer): Compression {
  if (GZIP_MAGIC.every((b, i) => head[i] === b)) return 'gzip';
  if (ZSTD_MAGIC.every((b, i) => head[i] === b)) return 'zstd';
  return 'none';
}

/**
 * True when `head` (at least 512 bytes) looks like the first header of a tar archive: either the
 * `ustar` magic at offset 257, or a v7 header whose checksum field is right.
 */
export function looksLikeTar(head: Buffer): boolean {
  if (head.length < 512) return head.length === 0 || head.every((b) => b === 0);
  if (head.subarray(257, 262).toString('latin1') === 'ustar') return true;
  if (head.subarray(0, 512).every((b) => b === 0)) return true; // empty archive: two zero blocks
  const stored = parseInt(head.subarray(148, 156).toString('latin1').replace(/\0.*$/, '').trim(), 8);
  if (Number.isNaN(stored)) return false;
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : head[i]!;
  return sum === stored;
}

/** A streaming zstd decoder as a Node transform (Node 20's zlib has no zstd). */
function createZstdDecoder(): Transform {
  const out: Buffer[] = [];
  const decoder = new ZstdDecompress((data) => {
    out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  });
  const drain = (t: Transform) => {
    for (const b of out.splice(0)) t.push(b);
  };
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      try {
        decoder.push(chunk);
        drain(this);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
    flush(cb) {
      try {
        decoder.push(new Uint8Array(0), true);
        drain(this);
        cb();
      } catch (err) {
        cb(err as Error);
      }
    },
  });
}

/**
 * Turns a stored layer blob into a stream of tar bytes: detects gzip/zstd/plain from the first
 * bytes, decompresses, and stops with an error once more than `maxBytes` come out.
 */
export async function openTarStream(
  raw: Readable,
  maxBytes: number,
): Promise<{ tar: Readable; compression: Compression }> {
  const { head, stream } = await peek(raw, 4);
  const compression = sniffCompression(head);
  let out: Readable = stream;
  if (compression === 'gzip') out = stream.pipe(createGunzip({ chunkSize: 1 << 18 }));
  else if (compression === 'zstd') out = stream.pipe(createZstdDecoder());
  // errors on the source must reach the consumer of the piped stream
  if (out !== stream) stream.once('error', (e) => out.destroy(e));
  const limited = out.pipe(byteLimit(maxBytes, () => new UserError(messages.layerTooLarge(maxBytes))));
  out.once('error', (e) => limited.destroy(e));
  const checked = await peek(limited, 512);
  if (!looksLikeTar(checked.head)) {
    checked.stream.destroy();
    const what =
      compression === 'none' ? 'the first 512 bytes are no tar header' : `${compression} content is no tar`;
    throw new UserError(messages.layerNotTar(what));
  }
  return { tar: checked.stream, compression };
}
