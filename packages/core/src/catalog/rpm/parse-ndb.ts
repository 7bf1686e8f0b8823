import type { DbRead, HeaderBlob } from './database.js';

/**
 * rpm's own "ndb" package database (`Packages.db`; SUSE's default since SLE 15 SP3 and Leap
 * 15.3), as written by `lib/backend/ndb/rpmpkg.c`. All integers little-endian.
 *
 * - Header (32 bytes): magic `RpmP`, version 0, generation, `slotnpages`, next package index.
 * - Slot pages: `slotnpages` pages of 4096 bytes (the header takes the first two slots of page
 *   0), each slot 16 bytes: magic `Slot`, package index, block offset, block count. A block is
 *   16 bytes; a slot with block offset 0 is free.
 * - Blobs at `blkoff * 16`: head (magic `BlbS`, package index, timestamp, blob length), the
 *   header blob, zero padding, tail in the last 12 bytes of the slot's blocks (adler32, blob
 *   length, magic `BlbE`); `blkcnt` must equal `ceil((16 + len + 12) / 16)`.
 *
 * Checks follow `rpmpkgReadSlots()` and `rpmpkgReadBlob()` as `rpm -qa` calls them (the adler32
 * is only checked by `rpmdb --verify`, so not here). rpm refuses the whole database on a bad
 * slot; this reader records the slot and reads the others.
 */
const PAGE = 4096;
const BLK = 16;
const SLOT = 16;
const HEADER = 32;
const BLOB_HEAD = 16;
const BLOB_TAIL = 12;
const MAX_ERRORS = 20;

const magic = (s: string) => Buffer.from(s, 'latin1').readUInt32LE(0);
const DB_MAGIC = magic('RpmP');
const SLOT_MAGIC = magic('Slot');
const HEAD_MAGIC = magic('BlbS');
const TAIL_MAGIC = magic('BlbE');

interface Slot {
  n: number;
  pkgidx: number;
  blkoff: number;
  blkcnt: number;
}

/** Used slots, checked like `rpmpkgReadSlots()`. */
function readSlots(db: Buffer, slotPages: number, problems: string[]): Slot[] {
  const fileBlocks = Math.floor(db.length / BLK);
  const minBlock = (slotPages * PAGE) / BLK;
  const slots: Slot[] = [];
  for (
    let at = HEADER, n = HEADER / SLOT;
    at < slotPages * PAGE && problems.length < MAX_ERRORS;
    at += SLOT, n++
  ) {
    if (db.readUInt32LE(at) !== SLOT_MAGIC) {
      problems.push(`slot ${n}: bad slot magic`);
      continue;
    }
    const s = {
      n,
      pkgidx: db.readUInt32LE(at + 4),
      blkoff: db.readUInt32LE(at + 8),
      blkcnt: db.readUInt32LE(at + 12),
    };
    if (s.blkoff === 0) continue;
    if (s.blkoff + s.blkcnt > fileBlocks)
      problems.push(`slot ${n}: package ${s.pkgidx} lies past the end of the file (truncated database)`);
    else if (!s.pkgidx || !s.blkcnt || s.blkoff < minBlock)
      problems.push(`slot ${n}: bad entry (package ${s.pkgidx}, block ${s.blkoff}, ${s.blkcnt} blocks)`);
    else slots.push(s);
  }
  return slots;
}

/** One blob, checked like `rpmpkgReadBlob()`. @throws Error with the reason rpm would fail. */
function readBlob(db: Buffer, s: Slot): Buffer {
  const at = s.blkoff * BLK;
  const end = at + s.blkcnt * BLK;
  if (s.blkcnt < Math.ceil((BLOB_HEAD + BLOB_TAIL) / BLK)) throw new Error('too few blocks');
  if (db.readUInt32LE(at) !== HEAD_MAGIC) throw new Error('bad blob head magic');
  if (db.readUInt32LE(at + 4) !== s.pkgidx)
    throw new Error(`blob belongs to package ${db.readUInt32LE(at + 4)}`);
  const len = db.readUInt32LE(at + 12);
  if (s.blkcnt !== Math.ceil((BLOB_HEAD + len + BLOB_TAIL) / BLK))
    throw new Error(`blob length ${len} does not fill ${s.blkcnt} blocks`);
  if (db.readUInt32LE(end - 8) !== len) throw new Error('blob tail length differs from its head');
  if (db.readUInt32LE(end - 4) !== TAIL_MAGIC) throw new Error('bad blob tail magic');
  return db.subarray(at + BLOB_HEAD, at + BLOB_HEAD + len);
}

/** Every header blob of a `Packages.db`, in block order (as `rpmpkgList()` returns them). */
export function readNdb(db: Buffer): DbRead {
  if (db.length < HEADER || db.readUInt32LE(0) !== DB_MAGIC)
    throw new Error('not an rpm ndb database (bad magic)');
  const version = db.readUInt32LE(4);
  if (version !== 0)
    throw new Error(`rpmpkg: Version mismatch. Expected version: 0. Found version: ${version}`);
  const problems: string[] = [];
  if (db.length % BLK !== 0)
    problems.push(`file size ${db.length} is not a multiple of ${BLK} bytes (truncated database?)`);
  let slotPages = db.readUInt32LE(12);
  if (slotPages === 0 || slotPages * PAGE > db.length) {
    problems.push(`${slotPages} slot pages do not fit in a ${db.length}-byte file (truncated database?)`);
    slotPages = Math.min(Math.max(slotPages, 1), Math.floor(db.length / PAGE));
  }
  const headers: HeaderBlob[] = [];
  for (const s of readSlots(db, slotPages, problems).sort((a, b) => a.blkoff - b.blkoff)) {
    try {
      headers.push({ key: s.pkgidx, blob: readBlob(db, s) });
    } catch (err) {
      problems.push(`slot ${s.n}, package ${s.pkgidx}: ${(err as Error).message}`);
    }
  }
  return { headers, problems };
}
