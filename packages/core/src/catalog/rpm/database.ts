import type { FsView } from '../../image/fs-view.js';
import type { Distro } from '../../types/model.js';
import { readBdb } from './parse-bdb.js';
import { readNdb } from './parse-ndb.js';
import { readSqlite } from './parse-sqlite.js';

/** One header blob and the number rpm stores it under (rpm's "header instance"). */
export interface HeaderBlob {
  key: number;
  blob: Buffer;
}

/** What a backend reader found: the blobs, and the problems it read past. */
export interface DbRead {
  headers: HeaderBlob[];
  problems: string[];
}

/** rpm's three database backends (`lib/backend/`): `sqlite`, `ndb` and Berkeley DB. */
export type Backend = 'sqlite' | 'ndb' | 'bdb';

/** Each backend's package file (`rpmdbOps_s.path`). */
export const DB_FILE: Readonly<Record<Backend, string>> = {
  sqlite: 'rpmdb.sqlite',
  ndb: 'Packages.db',
  bdb: 'Packages',
};

/** SQLite's write-ahead log beside the database (https://www.sqlite.org/wal.html). */
export const WAL_FILE = 'rpmdb.sqlite-wal';

/**
 * Where rpm keeps its database (`%_dbpath`): `/var/lib/rpm`; `/usr/lib/sysimage/rpm` on
 * openSUSE and Fedora ≥ 36 (with `/var/lib/rpm` a symlink to it); `/usr/share/rpm` on
 * rpm-ostree systems (Fedora CoreOS, RHEL for Edge).
 */
export const DB_DIRS: readonly string[] = ['var/lib/rpm', 'usr/lib/sysimage/rpm', 'usr/share/rpm'];

/** Every file the rpm cataloger reads, as exact paths (STYLE rule 2). */
export const RPM_PATHS: readonly string[] = DB_DIRS.flatMap((d) =>
  [...Object.values(DB_FILE), WAL_FILE].map((f) => `${d}/${f}`),
);

/** Autodetection order of rpm 4.18's `backends[]` (`lib/backend/dbi.c`). */
const DETECT_ORDER: readonly Backend[] = ['sqlite', 'ndb', 'bdb'];

const SUSE = /^(sles|sled|sle[-_]|opensuse)/;
const EL = new Set(['rhel', 'centos', 'rocky', 'almalinux', 'ol', 'scientific']);

/**
 * The backend a distro's rpm is configured with (`%_db_backend`): ndb on SUSE (SLE 15 SP3,
 * Leap 15.3 and Tumbleweed onwards), Berkeley DB on Enterprise Linux ≤ 8 and Amazon Linux ≤ 2,
 * sqlite elsewhere (Fedora ≥ 33, EL 9, Amazon Linux 2023, Azure Linux).
 */
export function configuredBackend(distro: Pick<Distro, 'id' | 'versionId'> | undefined): Backend {
  const major = Number(/^(\d+)/.exec(distro?.versionId ?? '')?.[1] ?? NaN);
  if (distro && SUSE.test(distro.id)) return 'ndb';
  if (distro && EL.has(distro.id) && major <= 8) return 'bdb';
  if (distro?.id === 'amzn' && major <= 2) return 'bdb';
  return 'sqlite';
}

/** A database found in the image: its real (symlink-resolved) paths. */
export interface FoundDb {
  backend: Backend;
  path: string;
  walPath?: string;
}

/**
 * The databases rpm would open, one per database directory: as `dbDetectBackend()` does, the
 * configured backend if its file exists, else the first backend whose file exists. A directory
 * that is a symlink to another (`var/lib/rpm` → `usr/lib/sysimage/rpm`) counts once.
 */
export function findDatabases(view: FsView, distro: Distro | undefined): FoundDb[] {
  const order = [configuredBackend(distro), ...DETECT_ORDER];
  const found: FoundDb[] = [];
  const seen = new Set<string>();
  for (const dir of DB_DIRS) {
    for (const backend of order) {
      const path = view.resolve(`${dir}/${DB_FILE[backend]}`);
      if (path === undefined || view.entry(path)?.type !== 'file') continue;
      if (!seen.has(path)) {
        seen.add(path);
        const wal = backend === 'sqlite' ? view.resolve(`${dir}/${WAL_FILE}`) : undefined;
        found.push({ backend, path, ...(wal !== undefined && view.entry(wal) ? { walPath: wal } : {}) });
      }
      break;
    }
  }
  return found;
}

/** Reads one database's header blobs. @throws Error when the file is not of its format at all. */
export function readDatabase(backend: Backend, bytes: Buffer, wal?: Buffer): DbRead {
  if (backend === 'sqlite') return readSqlite(bytes, wal);
  if (backend === 'ndb') return readNdb(bytes);
  return readBdb(bytes);
}
