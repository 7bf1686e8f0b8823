import type { DbRead, HeaderBlob } from './database.js';
import { tableRows } from './sqlite/btree.js';
import { openSqlite, type SqliteFile } from './sqlite/pager.js';
import { decodeRecord } from './sqlite/record.js';

/**
 * rpm's SQLite database (`rpmdb.sqlite`, rpm ≥ 4.16: Fedora ≥ 33, EL 9, Amazon Linux 2023,
 * Azure Linux), read with tidegate's own read-only reader of the SQLite file format
 * (`./sqlite/`), WAL included. rpm's `lib/backend/sqlite.c` creates the table as
 * `CREATE TABLE 'Packages' (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)`:
 * `hnum` is the rowid (an `INTEGER PRIMARY KEY` is stored as NULL in the record, §2.1) and
 * `blob` one header.
 *
 * Why not a library: sql.js and the official WASM build need their `.wasm` beside the bundle,
 * load a copy of the whole file into WASM memory, and cannot open a database in WAL mode
 * (header read version 2, which rpm's databases are) without a shared-memory VFS. Reading
 * one table needs only the b-tree, record and WAL formats: a few hundred lines.
 */
export function readSqlite(db: Buffer, wal?: Buffer): DbRead {
  const file = openSqlite(db, wal);
  const problems: string[] = [];
  const root = packagesRoot(file, problems);
  const headers: HeaderBlob[] = [];
  for (const row of tableRows(file, root, problems)) {
    try {
      const blob = decodeRecord(row.payload, file.encoding)[1];
      if (Buffer.isBuffer(blob)) headers.push({ key: row.rowid, blob });
      else problems.push(`row ${row.rowid} of Packages has no blob`);
    } catch (err) {
      problems.push(`row ${row.rowid} of Packages: ${(err as Error).message}`);
    }
  }
  return { headers, problems };
}

/**
 * The root page of table `Packages`, from the schema table on page 1 (`sqlite_schema`:
 * type, name, tbl_name, rootpage, sql). @throws Error when there is none: not an rpm database.
 */
function packagesRoot(file: SqliteFile, problems: string[]): number {
  for (const row of tableRows(file, 1, problems)) {
    const [type, name, , rootpage] = decodeRecord(row.payload, file.encoding);
    if (type === 'table' && name === 'Packages' && typeof rootpage === 'number') return rootpage;
  }
  throw new Error(`no Packages table in the SQLite database${problems.length ? ` (${problems[0]})` : ''}`);
}
