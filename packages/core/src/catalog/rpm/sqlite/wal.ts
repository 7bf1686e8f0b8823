/**
 * SQLite's write-ahead log (https://www.sqlite.org/fileformat2.html §4 "The Write-Ahead Log",
 * and `walIndexRecover()` / `walDecodeFrame()` in SQLite's `src/wal.c`), read the way a reader
 * that finds no usable `-shm` index recovers it:
 *
 * - a 32-byte header: magic `0x377f0682`/`0x377f0683` (the low bit says the checksums are
 *   computed on big-endian words), format version 3007000, page size, checkpoint sequence,
 *   two salts, and a checksum of the first 24 bytes;
 * - frames of a 24-byte header (page number, database size in pages after a commit — non-zero
 *   only on a commit frame —, the two salts, a cumulative checksum) plus one page.
 *
 * A frame is valid while its salts match the header's and its checksum continues the chain;
 * reading stops at the first invalid frame. Only frames up to the last valid commit frame
 * count: later ones belong to a transaction that never committed. A WAL whose header is
 * invalid is empty, as SQLite treats it. The `-shm` file is only a cache of this index.
 */
const MAGIC_LE = 0x377f0682;
const MAGIC_BE = 0x377f0683;
const VERSION = 3007000;
const HEADER = 32;
const FRAME_HEADER = 24;

/** The committed state a WAL adds to its database. */
export interface WalIndex {
  /** The latest committed copy of each page it holds. */
  pages: Map<number, Buffer>;
  /** Database size in pages after the last commit. */
  dbPages: number;
  /** Committed frames (for diagnostics and tests). */
  frames: number;
}

/** SQLite's `walChecksumBytes`: Fletcher-like sums over 32-bit words, two at a time. */
export function walChecksum(
  bytes: Buffer,
  bigEndian: boolean,
  s: [number, number] = [0, 0],
): [number, number] {
  let [s1, s2] = s;
  for (let i = 0; i + 8 <= bytes.length; i += 8) {
    const x0 = bigEndian ? bytes.readUInt32BE(i) : bytes.readUInt32LE(i);
    const x1 = bigEndian ? bytes.readUInt32BE(i + 4) : bytes.readUInt32LE(i + 4);
    s1 = (s1 + x0 + s2) >>> 0;
    s2 = (s2 + x1 + s1) >>> 0;
  }
  return [s1, s2];
}

interface WalHeader {
  bigEndian: boolean;
  pageSize: number;
  salt1: number;
  salt2: number;
  checksum: [number, number];
}

function readHeader(wal: Buffer): WalHeader | undefined {
  if (wal.length < HEADER) return undefined;
  const magic = wal.readUInt32BE(0);
  if ((magic !== MAGIC_LE && magic !== MAGIC_BE) || wal.readUInt32BE(4) !== VERSION) return undefined;
  const pageSize = wal.readUInt32BE(8);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0) return undefined;
  const bigEndian = (magic & 1) === 1;
  const checksum = walChecksum(wal.subarray(0, 24), bigEndian);
  if (checksum[0] !== wal.readUInt32BE(24) || checksum[1] !== wal.readUInt32BE(28)) return undefined;
  return { bigEndian, pageSize, salt1: wal.readUInt32BE(16), salt2: wal.readUInt32BE(20), checksum };
}

/**
 * The committed frames of a WAL. `undefined` when it holds none (empty, invalid header, or no
 * commit frame). @throws Error when the WAL's page size differs from the database's.
 */
export function readWal(wal: Buffer, dbPageSize: number): WalIndex | undefined {
  const h = readHeader(wal);
  if (!h) return undefined;
  if (h.pageSize !== dbPageSize)
    throw new Error(`the WAL's page size ${h.pageSize} differs from the database's ${dbPageSize}`);
  const pending = new Map<number, Buffer>();
  const pages = new Map<number, Buffer>();
  let sum = h.checksum;
  let dbPages = 0;
  let frames = 0;
  const frameSize = FRAME_HEADER + h.pageSize;
  for (let at = HEADER, n = 1; at + frameSize <= wal.length; at += frameSize, n++) {
    const pgno = wal.readUInt32BE(at);
    if (pgno === 0 || wal.readUInt32BE(at + 8) !== h.salt1 || wal.readUInt32BE(at + 12) !== h.salt2) break;
    const data = wal.subarray(at + FRAME_HEADER, at + frameSize);
    sum = walChecksum(data, h.bigEndian, walChecksum(wal.subarray(at, at + 8), h.bigEndian, sum));
    if (sum[0] !== wal.readUInt32BE(at + 16) || sum[1] !== wal.readUInt32BE(at + 20)) break;
    pending.set(pgno, data);
    const commit = wal.readUInt32BE(at + 4);
    if (commit !== 0) {
      for (const [p, d] of pending) pages.set(p, d);
      pending.clear();
      dbPages = commit;
      frames = n;
    }
  }
  return frames > 0 ? { pages, dbPages, frames } : undefined;
}
