import { closeSync, openSync, readSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import { archiveOf, lookupKey, type AdvisoryDb } from './db.js';
import { INDEX_FILE, RECORDS_FILE, type ArchiveIndex } from './index-file.js';
import type { DbMeta } from './meta.js';

/** One archive opened for reading: its parsed index and the records file descriptor. */
interface OpenArchive {
  index: ArchiveIndex;
  fd: number;
  cache: Map<number, OsvRecord>;
}

/**
 * The cached, indexed DB under `<cache>/db` (see `index-file.ts` for the layout). An archive's
 * `index.json` is parsed the first time a package of its ecosystem is looked up; only the
 * records that index names are read and parsed, so a scan of an Alpine image never touches
 * the npm archive.
 */
export class IndexedDb implements AdvisoryDb {
  private readonly open = new Map<string, OpenArchive | null>();

  constructor(
    readonly location: string,
    private readonly meta: DbMeta,
  ) {}

  covers(ecosystem: string): boolean {
    return this.meta.archives[archiveOf(ecosystem)] !== undefined;
  }

  async lookup(ecosystem: string, name: string): Promise<OsvRecord[]> {
    const archive = await this.archive(archiveOf(ecosystem));
    const nums = archive?.index.keys[lookupKey(ecosystem, name)];
    if (!archive || !nums) return [];
    return nums.map((n) => this.record(archive, n));
  }

  async stats(): Promise<{ ecosystems: Record<string, number>; records: number }> {
    const ecosystems: Record<string, number> = {};
    let records = 0;
    for (const a of Object.values(this.meta.archives)) {
      records += a.records;
      for (const [e, n] of Object.entries(a.ecosystems)) ecosystems[e] = (ecosystems[e] ?? 0) + n;
    }
    return { ecosystems, records };
  }

  async close(): Promise<void> {
    for (const a of this.open.values()) if (a) closeSync(a.fd);
    this.open.clear();
  }

  private async archive(name: string): Promise<OpenArchive | undefined> {
    if (this.open.has(name)) return this.open.get(name) ?? undefined;
    const meta = this.meta.archives[name];
    if (!meta) {
      this.open.set(name, null);
      return undefined;
    }
    const dir = join(this.location, 'osv', meta.dir);
    try {
      const index = JSON.parse(await readFile(join(dir, INDEX_FILE), 'utf8')) as ArchiveIndex;
      const opened = {
        index,
        fd: openSync(join(dir, RECORDS_FILE), 'r'),
        cache: new Map<number, OsvRecord>(),
      };
      this.open.set(name, opened);
      return opened;
    } catch (err) {
      throw new UserError(messages.dbCorrupt(`${name}: ${(err as Error).message}`), { file: dir });
    }
  }

  private record(archive: OpenArchive, n: number): OsvRecord {
    const hit = archive.cache.get(n);
    if (hit) return hit;
    const start = archive.index.offsets[n]!;
    const buf = Buffer.alloc(archive.index.offsets[n + 1]! - start);
    readSync(archive.fd, buf, 0, buf.length, start);
    let record: OsvRecord;
    try {
      record = JSON.parse(buf.toString('utf8')) as OsvRecord;
    } catch (err) {
      throw new UserError(messages.dbCorrupt(`record ${n}: ${(err as Error).message}`), {
        file: this.location,
      });
    }
    archive.cache.set(n, record);
    return record;
  }
}
