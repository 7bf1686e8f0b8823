import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import { lookupKey, type AdvisoryDb } from './db.js';
import { parseDoc } from './parse-doc.js';
import { readOsvSource } from './read-source.js';

/**
 * An advisory DB held in memory, indexed by (ecosystem, normalised name). Built from an OSV
 * directory or zip given with `--db PATH`.
 */
export class MemoryDb implements AdvisoryDb {
  private readonly index = new Map<string, OsvRecord[]>();
  private readonly counts: Record<string, number> = {};
  private total = 0;

  constructor(readonly location: string) {}

  /** Adds a record under every (ecosystem, name) it affects. */
  add(record: OsvRecord): void {
    this.total++;
    const keys = new Set<string>();
    for (const a of record.affected ?? []) {
      if (!a.package) continue;
      keys.add(lookupKey(a.package.ecosystem, a.package.name));
    }
    const ecosystems = new Set<string>();
    for (const k of keys) {
      const list = this.index.get(k);
      if (list) list.push(record);
      else this.index.set(k, [record]);
      ecosystems.add(k.slice(0, k.indexOf('\0')));
    }
    for (const e of ecosystems) this.counts[e] = (this.counts[e] ?? 0) + 1;
  }

  async lookup(ecosystem: string, name: string): Promise<OsvRecord[]> {
    return this.index.get(lookupKey(ecosystem, name)) ?? [];
  }

  async stats(): Promise<{ ecosystems: Record<string, number>; records: number }> {
    return { ecosystems: { ...this.counts }, records: this.total };
  }
}

/**
 * Loads every OSV record under `path` (directory or zip). A document that is not JSON or not a
 * valid OSV record stops the load with an error naming the file and field (exit 2): a DB that
 * silently lost records would let vulnerabilities through.
 */
export async function loadOsvDb(path: string): Promise<MemoryDb> {
  const db = new MemoryDb(path);
  for await (const doc of readOsvSource(path)) for (const r of parseDoc(doc)) db.add(r);
  if ((await db.stats()).records === 0) throw new UserError(messages.dbEmpty(path), { file: path });
  return db;
}
