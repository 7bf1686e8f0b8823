import type { DbRead, HeaderBlob } from './database.js';

/**
 * rpm's Berkeley DB `Packages` file (RHEL/CentOS ≤ 8, Amazon Linux 2, SLES ≤ 15 SP2), read the
 * way rpm 4.16+'s own read-only backend reads it (`lib/backend/bdb_ro.c`), which walks the
 * Berkeley DB hash access method's on-disk pages (Berkeley DB `dbinc/db_page.h`, `hash.h`):
 *
 * - page 0 is the hash metadata page: magic `0x061561` at byte 12 (its byte order gives the
 *   file's), hash version 8–10 at 16, page size at 20, last page at 32, `max_bucket` at 72,
 *   `spares[32]` at 96;
 * - bucket `b` lives on page `b + spares[bits(b)]`, with overflow buckets chained through
 *   `next_pgno` (byte 16 of every page header); hash pages are types 2, 8 and 13 (byte 25);
 * - a hash page's items alternate key, value; an item is `H_KEYDATA` (type 1, bytes inline) or
 *   `H_OFFPAGE` (type 3: first overflow page and total length), whose data fills the chain of
 *   overflow pages (type 7, `hf_offset` at byte 22 = bytes used).
 *
 * Keys are 4-byte header numbers in the file's byte order; number 0 holds rpm's bookkeeping,
 * not a package (`rpmdbNextIterator` skips offset 0). Where rpm stops at the first unreadable
 * page, this reader records the problem and continues with the next bucket, so one bad page
 * does not hide the packages after it.
 */
const HASH_MAGIC = 0x00061561;
const PAGE_HEADER = 26;
const HASH_PAGE_TYPES = new Set([2, 8, 13]);
const OVERFLOW = 7;
const H_KEYDATA = 1;
const H_OFFPAGE = 3;
const MAX_ERRORS = 20;

interface Db {
  bytes: Buffer;
  le: boolean;
  pageSize: number;
  lastPage: number;
  maxBucket: number;
  spares: number[];
}

function u32(db: Pick<Db, 'bytes' | 'le'>, at: number): number {
  return db.le ? db.bytes.readUInt32LE(at) : db.bytes.readUInt32BE(at);
}

function u16(db: Db, at: number): number {
  return db.le ? db.bytes.readUInt16LE(at) : db.bytes.readUInt16BE(at);
}

/** Reads the metadata page. @throws Error when this is not a Berkeley DB hash file. */
function openDb(bytes: Buffer): Db {
  if (bytes.length < 512)
    throw new Error(
      `not a Berkeley DB file: ${bytes.length} bytes is shorter than its 512-byte metadata page`,
    );
  const le = bytes.readUInt32LE(12) === HASH_MAGIC;
  if (!le && bytes.readUInt32BE(12) !== HASH_MAGIC)
    throw new Error('not a Berkeley DB hash database (bad magic)');
  const head = { bytes, le };
  const version = u32(head, 16);
  if (version < 8 || version > 10) throw new Error(`unsupported Berkeley DB hash version ${version}`);
  const pageSize = u32(head, 20);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new Error(`Berkeley DB page size ${pageSize} is not a power of two from 512 to 65536`);
  const spares = Array.from({ length: 32 }, (_, i) => u32(head, 96 + 4 * i));
  return { bytes, le, pageSize, lastPage: u32(head, 32), maxBucket: u32(head, 72), spares };
}

/** Start of page `n`, checked like `bdb_getpage()`: in range, inside the file, numbered `n`. */
function page(db: Db, n: number): number {
  const at = n * db.pageSize;
  if (n === 0 || n > db.lastPage)
    throw new Error(`page ${n} is outside the database (last page ${db.lastPage})`);
  if (at + db.pageSize > db.bytes.length)
    throw new Error(`page ${n} is past the end of the file (truncated?)`);
  if (u32(db, at + 8) !== n) throw new Error(`page ${n} is labelled page ${u32(db, at + 8)}`);
  return at;
}

function bucketPage(db: Db, bucket: number): number {
  let bits = 0;
  for (let b = bucket; b; b >>>= 1) bits++;
  return bucket + db.spares[bits]!;
}

/** The value of an `H_OFFPAGE` item: the overflow chain starting at `first`, `total` bytes. */
function overflow(db: Db, first: number, total: number): Buffer {
  if (total === 0) throw new Error('empty overflow item');
  if (total > db.bytes.length)
    throw new Error(`overflow item of ${total} bytes is larger than the file (truncated?)`);
  const parts: Buffer[] = [];
  let left = total;
  const seen = new Set<number>();
  for (let n = first; left > 0;) {
    if (seen.has(n)) throw new Error(`overflow chain loops at page ${n}`);
    seen.add(n);
    const at = page(db, n);
    if (db.bytes[at + 25] !== OVERFLOW)
      throw new Error(`page ${n} in an overflow chain is not an overflow page`);
    const used = u16(db, at + 22);
    if (used + PAGE_HEADER > db.pageSize || used > left)
      throw new Error(`overflow page ${n} claims ${used} bytes`);
    parts.push(db.bytes.subarray(at + PAGE_HEADER, at + PAGE_HEADER + used));
    left -= used;
    n = u32(db, at + 16);
  }
  return Buffer.concat(parts, total);
}

/** One item (`hash_getkv()`): inline bytes or an overflow chain. */
function item(db: Db, at: number, off: number, len: number): Buffer {
  if (len <= 0 || off + len > db.pageSize) throw new Error(`item at offset ${off} runs off its page`);
  const type = db.bytes[at + off];
  if (type === H_KEYDATA) return db.bytes.subarray(at + off + 1, at + off + len);
  if (type === H_OFFPAGE && len === 12) return overflow(db, u32(db, at + off + 4), u32(db, at + off + 8));
  throw new Error(`item of unsupported type ${type} at offset ${off}`);
}

/** The key/value pairs of one hash page (`hash_next()`). */
function pagePairs(db: Db, at: number, out: HeaderBlob[]): void {
  const n = u16(db, at + 20);
  for (let i = 0; i + 1 < n; i += 2) {
    const koff = u16(db, at + PAGE_HEADER + 2 * i);
    const voff = u16(db, at + PAGE_HEADER + 2 * i + 2);
    if (koff >= db.pageSize || voff >= db.pageSize)
      throw new Error(`item offsets ${koff}/${voff} are off the page`);
    const klen = i === 0 ? db.pageSize - koff : u16(db, at + PAGE_HEADER + 2 * i - 2) - koff;
    const key = item(db, at, koff, klen);
    const value = item(db, at, voff, koff - voff);
    const num = key.length === 4 ? (db.le ? key.readUInt32LE(0) : key.readUInt32BE(0)) : 0;
    if (num !== 0) out.push({ key: num, blob: value });
  }
}

/** Every header blob of a `Packages` hash database, bucket by bucket. */
export function readBdb(bytes: Buffer): DbRead {
  const db = openDb(bytes);
  const headers: HeaderBlob[] = [];
  const problems: string[] = [];
  const seen = new Set<number>();
  for (let bucket = 0; bucket <= db.maxBucket && problems.length < MAX_ERRORS; bucket++) {
    try {
      for (let n = bucketPage(db, bucket); n !== 0;) {
        if (seen.has(n)) throw new Error(`page ${n} is reached twice (a loop in the bucket chains)`);
        seen.add(n);
        const at = page(db, n);
        if (!HASH_PAGE_TYPES.has(db.bytes[at + 25]!))
          throw new Error(`page ${n} of bucket ${bucket} is not a hash page`);
        pagePairs(db, at, headers);
        n = u32(db, at + 16);
      }
    } catch (err) {
      problems.push(`bucket ${bucket}: ${(err as Error).message}`);
    }
  }
  return { headers, problems };
}
