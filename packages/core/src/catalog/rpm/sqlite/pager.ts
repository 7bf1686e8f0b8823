import type { TextEncoding } from './record.js';
import { readWal, type WalIndex } from './wal.js';

/**
 * A read-only SQLite database: the 100-byte header and page access, with a WAL's committed
 * pages laid over the file's (https://www.sqlite.org/fileformat2.html §1.3 "The Database
 * Header", §4.4 "Reader Algorithm": a page is read from the WAL when the WAL holds a committed
 * copy of it, else from the database file).
 */
export interface SqliteFile {
  pageSize: number;
  /** Page size minus the reserved bytes at the end of each page (header offset 20). */
  usable: number;
  encoding: TextEncoding;
  /** Pages in the database, as of the last committed transaction. */
  pageCount: number;
  /** Committed WAL frames applied (0 without a WAL). */
  walFrames: number;
  page(n: number): Buffer;
}

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

function headerPageSize(db: Buffer): number {
  const raw = db.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  if (size < 512 || (size & (size - 1)) !== 0)
    throw new Error(`invalid page size ${raw} in the database header`);
  return size;
}

/** Pages in the file: header field 28 when "version-valid-for" (92) matches the change counter (24), else from the file size. */
function filePageCount(db: Buffer, pageSize: number): number {
  const counter = db.readUInt32BE(24);
  const inHeader = db.readUInt32BE(28);
  if (inHeader > 0 && counter === db.readUInt32BE(92)) return inHeader;
  return Math.floor(db.length / pageSize);
}

/**
 * Opens a database image (and its WAL, if any). @throws Error when `db` is not an SQLite
 * database, or when the WAL does not belong to it.
 */
export function openSqlite(db: Buffer, walBytes?: Buffer): SqliteFile {
  if (db.length < 100 || !db.subarray(0, 16).equals(MAGIC))
    throw new Error('not an SQLite database (bad header magic)');
  const pageSize = headerPageSize(db);
  const wal: WalIndex | undefined = walBytes ? readWal(walBytes, pageSize) : undefined;
  const pageCount = wal ? wal.dbPages : filePageCount(db, pageSize);
  const page = (n: number): Buffer => {
    if (!Number.isInteger(n) || n < 1 || n > pageCount)
      throw new Error(`page ${n} is outside the database (${pageCount} pages)`);
    const fromWal = wal?.pages.get(n);
    if (fromWal) return fromWal;
    const at = (n - 1) * pageSize;
    if (at + pageSize > db.length) throw new Error(`page ${n} is past the end of the file (truncated?)`);
    return db.subarray(at, at + pageSize);
  };
  // Page 1 may itself be in the WAL: read the reserved-space and encoding fields from its latest copy.
  const first = page(1);
  const reserved = first[20]!;
  const encoding = first.readUInt32BE(56);
  if (first[21] !== 64 || first[22] !== 32 || first[23] !== 32)
    throw new Error('invalid payload fractions in the database header');
  if (pageSize - reserved < 480)
    throw new Error(`${reserved} reserved bytes leave too little of a ${pageSize}-byte page`);
  return {
    pageSize,
    usable: pageSize - reserved,
    encoding: encoding === 2 || encoding === 3 ? encoding : 1,
    pageCount,
    walFrames: wal?.frames ?? 0,
    page,
  };
}
