import type { SqliteFile } from './pager.js';
import { readVarint } from './record.js';

/**
 * Table b-tree traversal (https://www.sqlite.org/fileformat2.html §1.6 "B-tree Pages"):
 * interior table pages (type 0x05) hold `(left child page, rowid)` cells plus a right-most
 * child pointer; leaf table pages (0x0d) hold `(payload size, rowid, payload)` cells. The page
 * header sits at offset 100 on page 1 (after the database header), else at 0; the cell
 * pointer array follows it (12 bytes of header on interior pages, 8 on leaves).
 */

/** One row of a table: its rowid and the record bytes. */
export interface Row {
  rowid: number;
  payload: Buffer;
}

const INTERIOR_TABLE = 0x05;
const LEAF_TABLE = 0x0d;

/**
 * How many payload bytes a leaf cell keeps on its page (§1.6 "Cell Payload Overflow Pages"):
 * all of them up to `X = U - 35`; beyond that `K = M + (P - M) % (U - 4)` if `K <= X`, else
 * `M = (U - 12) * 32 / 255 - 23`, the rest going to a chain of overflow pages.
 */
export function localPayload(payloadSize: number, usable: number): number {
  const x = usable - 35;
  if (payloadSize <= x) return payloadSize;
  const m = Math.floor(((usable - 12) * 32) / 255) - 23;
  const k = m + ((payloadSize - m) % (usable - 4));
  return k <= x ? k : m;
}

/** The rest of a payload: overflow pages, each a 4-byte next-page number then `U - 4` bytes. */
function overflowChain(file: SqliteFile, first: number, size: number): Buffer[] {
  const parts: Buffer[] = [];
  let left = size;
  for (let n = first, hops = 0; left > 0; hops++) {
    if (hops >= file.pageCount) throw new Error(`overflow chain from page ${first} loops`);
    const page = file.page(n);
    const chunk = Math.min(left, file.usable - 4);
    parts.push(page.subarray(4, 4 + chunk));
    left -= chunk;
    n = page.readUInt32BE(0);
  }
  return parts;
}

function leafCell(file: SqliteFile, page: Buffer, ptr: number): Row {
  if (ptr >= file.usable) throw new Error(`cell pointer ${ptr} is outside the page`);
  const [size, a] = readVarint(page, ptr);
  const [rowid, b] = readVarint(page, ptr + a);
  if (size > file.pageCount * file.usable)
    throw new Error(`row ${rowid}: payload of ${size} bytes is larger than the database`);
  const at = ptr + a + b;
  const local = localPayload(size, file.usable);
  if (at + local > file.usable) throw new Error(`row ${rowid}: payload runs off its page`);
  if (local === size) return { rowid, payload: page.subarray(at, at + size) };
  const rest = overflowChain(file, page.readUInt32BE(at + local), size - local);
  return { rowid, payload: Buffer.concat([page.subarray(at, at + local), ...rest], size) };
}

/** Child page numbers of an interior page, in key order (left children, then the right-most). */
function children(page: Buffer, off: number, cells: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < cells; i++) out.push(page.readUInt32BE(page.readUInt16BE(off + 12 + 2 * i)));
  out.push(page.readUInt32BE(off + 8));
  return out;
}

/** The rows of one leaf page; a cell that cannot be read is recorded and skipped. */
function* leafRows(
  file: SqliteFile,
  page: Buffer,
  n: number,
  off: number,
  problems: string[],
): Generator<Row> {
  const cells = page.readUInt16BE(off + 3);
  for (let i = 0; i < cells; i++) {
    let row: Row | undefined;
    try {
      row = leafCell(file, page, page.readUInt16BE(off + 8 + 2 * i));
    } catch (err) {
      problems.push(`page ${n} cell ${i}: ${(err as Error).message}`);
    }
    if (row) yield row;
  }
}

/**
 * Every row of the table rooted at `root`, in rowid order. A page or cell that cannot be read
 * is recorded in `problems` and skipped; the rest of the tree is still read. Pages reached
 * twice (a corrupt or hostile file) are reported, never followed again.
 */
export function* tableRows(file: SqliteFile, root: number, problems: string[]): Generator<Row> {
  const seen = new Set<number>();
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) {
      problems.push(`page ${n} is reached twice in the b-tree (a loop)`);
      continue;
    }
    seen.add(n);
    let page: Buffer;
    try {
      page = file.page(n);
    } catch (err) {
      problems.push((err as Error).message);
      continue;
    }
    const off = n === 1 ? 100 : 0;
    if (page[off] === LEAF_TABLE) yield* leafRows(file, page, n, off, problems);
    else if (page[off] !== INTERIOR_TABLE)
      problems.push(`page ${n} is not a table b-tree page (type ${page[off]})`);
    else {
      try {
        stack.push(...children(page, off, page.readUInt16BE(off + 3)).reverse());
      } catch {
        problems.push(`interior page ${n} has cell pointers outside the page`);
      }
    }
  }
}
