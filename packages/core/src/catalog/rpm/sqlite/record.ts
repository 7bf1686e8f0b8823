/**
 * SQLite's variable-length integers and record format
 * (https://www.sqlite.org/fileformat2.html, §1.6 "B-tree Pages" varints and §2.1 "Record Format").
 */

/** One column value. Integers beyond 2^53 come back as `bigint`. */
export type SqlValue = null | number | bigint | string | Buffer;

/** Text encodings of the database header (offset 56): 1 UTF-8, 2 UTF-16le, 3 UTF-16be. */
export type TextEncoding = 1 | 2 | 3;

/**
 * A varint at `at`: 1 to 9 bytes, big-endian, 7 bits per byte with the high bit meaning "more";
 * the ninth byte contributes all 8 bits. Returns the value and the number of bytes read.
 * Arithmetic avoids 32-bit shifts; values past 2^53 lose precision (sizes and rowids never get
 * there in an rpm database).
 */
export function readVarint(buf: Buffer, at: number): [value: number, length: number] {
  let v = 0;
  for (let i = 0; i < 8; i++) {
    const b = buf[at + i];
    if (b === undefined) throw new RangeError(`varint at ${at} runs past the end of its buffer`);
    v = v * 128 + (b & 0x7f);
    if (b < 0x80) return [v, i + 1];
  }
  const last = buf[at + 8];
  if (last === undefined) throw new RangeError(`varint at ${at} runs past the end of its buffer`);
  return [v * 256 + last, 9];
}

/** Bytes a serial type's value occupies in the record body (§2.1, table of serial types). */
function serialSize(t: number): number {
  if (t <= 4) return [0, 1, 2, 3, 4][t]!;
  if (t === 5) return 6;
  if (t === 6 || t === 7) return 8;
  if (t === 8 || t === 9) return 0;
  if (t === 10 || t === 11) throw new RangeError(`reserved serial type ${t}`);
  return Math.floor((t - 12) / 2);
}

function readInt(buf: Buffer, at: number, size: number): number | bigint {
  if (size === 8) {
    const big = buf.readBigInt64BE(at);
    return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(big)
      : big;
  }
  return buf.readIntBE(at, size);
}

function decodeText(bytes: Buffer, encoding: TextEncoding): string {
  if (encoding === 1) return bytes.toString('utf8');
  if (encoding === 2) return bytes.toString('utf16le');
  const swapped = Buffer.from(bytes);
  return swapped
    .subarray(0, swapped.length & ~1)
    .swap16()
    .toString('utf16le');
}

function value(buf: Buffer, at: number, t: number, encoding: TextEncoding): SqlValue {
  if (t === 0) return null;
  if (t === 8) return 0;
  if (t === 9) return 1;
  if (t === 7) return buf.readDoubleBE(at);
  const size = serialSize(t);
  if (t < 7) return readInt(buf, at, size);
  const bytes = buf.subarray(at, at + size);
  return t % 2 === 0 ? bytes : decodeText(bytes, encoding);
}

/**
 * The columns of one record: a header (its own size as a varint, then one serial type per
 * column), then the values back to back. @throws RangeError on a record that does not fit.
 */
export function decodeRecord(payload: Buffer, encoding: TextEncoding): SqlValue[] {
  const [headerSize, n] = readVarint(payload, 0);
  if (headerSize > payload.length || headerSize < n)
    throw new RangeError(`record header of ${headerSize} bytes in a ${payload.length}-byte record`);
  const types: number[] = [];
  for (let at = n; at < headerSize;) {
    const [t, len] = readVarint(payload, at);
    types.push(t);
    at += len;
  }
  const out: SqlValue[] = [];
  let body = headerSize;
  for (const t of types) {
    const size = serialSize(t);
    if (body + size > payload.length)
      throw new RangeError(`column ${out.length} runs past the end of its record`);
    out.push(value(payload, body, t, encoding));
    body += size;
  }
  return out;
}
