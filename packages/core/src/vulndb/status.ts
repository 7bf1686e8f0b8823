import { oldestCheck, readMeta } from './meta.js';
import { formatAge } from './open-cached.js';

/** What `tidegate db status` prints. */
export interface DbStatus {
  dir: string;
  exists: boolean;
  /** Oldest `checkedAt` of all archives, and its age in ms at `now`. */
  checkedAt?: string;
  ageMs?: number;
  age?: string;
  records: number;
  archives: {
    name: string;
    records: number;
    ecosystems: Record<string, number>;
    source: string;
    importedAt: string;
    checkedAt: string;
  }[];
  kev?: { version?: string; entries: number; checkedAt: string };
  epss?: { version?: string; entries: number; checkedAt: string };
}

/** Reads `<db>/meta.json` into a {@link DbStatus}; never throws for a missing DB (`exists: false`). */
export async function dbStatus(dir: string, now = new Date()): Promise<DbStatus> {
  const meta = await readMeta(dir);
  if (!meta) return { dir, exists: false, records: 0, archives: [] };
  const checkedAt = oldestCheck(meta);
  const ageMs = checkedAt ? now.getTime() - Date.parse(checkedAt) : undefined;
  const archives = Object.entries(meta.archives)
    .map(([name, a]) => ({
      name,
      records: a.records,
      ecosystems: a.ecosystems,
      source: a.source,
      importedAt: a.importedAt,
      checkedAt: a.checkedAt,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const feed = (f: typeof meta.kev) =>
    f && { ...(f.version ? { version: f.version } : {}), entries: f.entries, checkedAt: f.checkedAt };
  return {
    dir,
    exists: archives.length > 0,
    ...(checkedAt ? { checkedAt } : {}),
    ...(ageMs !== undefined ? { ageMs, age: formatAge(ageMs) } : {}),
    records: archives.reduce((n, a) => n + a.records, 0),
    archives,
    ...(meta.kev ? { kev: feed(meta.kev)! } : {}),
    ...(meta.epss ? { epss: feed(meta.epss)! } : {}),
  };
}
