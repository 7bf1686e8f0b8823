import { createHash } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Reads at least `n` bytes from the start of `stream` (fewer only if it ends first) and returns
 * them with a stream that still yields every byte, the peeked ones included.
 */
export async function peek(stream: Readable, n: number): Promise<{ head: Buffer; stream: Readable }> {
  const it = stream[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let have = 0;
  let done = false;
  while (have < n) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    chunks.push(chunk);
    have += chunk.length;
  }
  const head = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (head.length) yield head;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as Uint8Array);
    }
  }
  const out = Readable.from(replay(), { objectMode: false, highWaterMark: 1 << 16 });
  out.once('close', () => {
    if (!stream.destroyed) stream.destroy();
  });
  return { head: head.subarray(0, n), stream: out };
}

/**
 * A pass-through that fails with `onExceeded()` once more than `limit` bytes went through it.
 * Guards against decompression bombs without buffering anything.
 */
export function byteLimit(limit: number, onExceeded: () => Error): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      seen += chunk.length;
      if (seen > limit) cb(onExceeded());
      else cb(null, chunk);
    },
  });
}

/**
 * A pass-through that hashes what flows through it and, at the end, fails with `onMismatch`
 * unless the hash equals `expected` (`sha256:<hex>`). Verification happens while streaming:
 * a consumer never sees "end" for content whose digest is wrong.
 */
export function digestVerifier(expected: string, onMismatch: (got: string) => Error): Transform {
  const [alg, want] = expected.split(':', 2);
  const hash = createHash(alg === 'sha512' ? 'sha512' : 'sha256');
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      hash.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      const got = hash.digest('hex');
      if (got !== want) cb(onMismatch(`${alg}:${got}`));
      else cb();
    },
  });
}

/** Collects a stream into one buffer, failing once it grows past `limit` bytes. */
export async function readAll(stream: Readable, limit = Number.MAX_SAFE_INTEGER): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += b.length;
    if (size > limit) {
      stream.destroy();
      throw new RangeError(`more than ${limit} bytes`);
    }
    chunks.push(b);
  }
  return Buffer.concat(chunks, size);
}

/**
 * Pads a stream with zero bytes up to the next multiple of `block` at its end. Some writers
 * (umoci 0.4, Go programs that never call `tar.Writer.Close`) end a layer right after the last
 * file's data, without the padding or the end-of-archive blocks; the data is all there, and
 * Docker reads such layers. Padding lets the tar parser finish; a real truncation (data cut
 * before its declared size) still fails, and digests are checked on the original bytes.
 */
export function padToMultiple(block: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      seen += chunk.length;
      cb(null, chunk);
    },
    flush(cb) {
      const rest = seen % block;
      if (rest) this.push(Buffer.alloc(block - rest));
      cb();
    },
  });
}
