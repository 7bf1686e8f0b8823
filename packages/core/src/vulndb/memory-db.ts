import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import { normaliseName, type AdvisoryDb } from './db.js';
import { readOsvSource } from './read-source.js';
import { asRecord, checkRecord } from './record-check.js';

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
      keys.add(`${a.package.ecosystem}\0${normaliseName(a.package.ecosystem, a.package.name)}`);
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
    return this.index.get(`${ecosystem}\0${normaliseName(ecosystem, name)}`) ?? [];
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
  for await (const doc of readOsvSource(path)) {
    let json: unknown;
    try {
      json = JSON.parse(doc.text);
    } catch (err) {
      throw new UserError(messages.dbRecordInvalid(`not JSON: ${(err as Error).message}`), {
        file: doc.name,
      });
    }
    // OSV's API and some mirrors wrap records as {"vulns": [...]}; a bare array also occurs.
    const records = Array.isArray(json) ? json : isWrapped(json) ? json.vulns : [json];
    records.forEach((r, i) => {
      const problem = checkRecord(r);
      const file = records.length > 1 ? `${doc.name}[${i}]` : doc.name;
      if (problem) throw new UserError(messages.dbRecordInvalid(problem), { file });
      db.add(asRecord(r));
    });
  }
  if ((await db.stats()).records === 0) throw new UserError(messages.dbEmpty(path), { file: path });
  return db;
}

function isWrapped(v: unknown): v is { vulns: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { vulns?: unknown }).vulns);
}
