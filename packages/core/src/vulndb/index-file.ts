import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { writeFile } from 'node:fs/promises';
import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import { lookupKey } from './db.js';
import { DB_FORMAT } from './meta.js';
import { parseDoc } from './parse-doc.js';
import { readOsvSource } from './read-source.js';

/**
 * `index.json` of one imported archive. Records sit in `records.jsonl`, one JSON document per
 * line in import order; record `i` is the bytes `offsets[i]` to `offsets[i+1]`. `keys` maps
 * "ecosystem key NUL normalised package name" (see `lookupKey`) to record numbers, so a scan
 * parses only this map and then reads exactly the records of the packages it found.
 */
export interface ArchiveIndex {
  format: number;
  records: number;
  ecosystems: Record<string, number>;
  offsets: number[];
  keys: Record<string, number[]>;
}

/** Names of the two files of an imported archive. */
export const RECORDS_FILE = 'records.jsonl';
export const INDEX_FILE = 'index.json';

function addKeys(index: ArchiveIndex, record: OsvRecord, n: number): void {
  const keys = new Set<string>();
  const ecos = new Set<string>();
  for (const a of record.affected ?? []) {
    if (!a.package) continue;
    keys.add(lookupKey(a.package.ecosystem, a.package.name));
    ecos.add(a.package.ecosystem);
  }
  for (const k of keys) (index.keys[k] ??= []).push(n);
  for (const e of ecos) index.ecosystems[e] = (index.ecosystems[e] ?? 0) + 1;
}

/**
 * Imports every OSV record of `source` (zip or folder) into `outDir` as `records.jsonl` +
 * `index.json`. Every record is checked first (OSV schema §id, §modified, §affected); the first
 * bad one, an unreadable or truncated zip, or an archive without records throws a UserError and
 * leaves `outDir` for the caller to delete: the live DB is never touched here.
 */
export async function buildArchiveIndex(source: string, outDir: string): Promise<ArchiveIndex> {
  await mkdir(outDir, { recursive: true });
  const index: ArchiveIndex = { format: DB_FORMAT, records: 0, ecosystems: {}, offsets: [0], keys: {} };
  const out = createWriteStream(join(outDir, RECORDS_FILE));
  let offset = 0;
  try {
    for await (const doc of readOsvSource(source)) {
      for (const record of parseDoc(doc)) {
        const line = Buffer.from(`${JSON.stringify(record)}\n`);
        if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
        addKeys(index, record, index.records++);
        offset += line.length;
        index.offsets.push(offset);
      }
    }
  } finally {
    out.end();
    await finished(out).catch(() => undefined);
  }
  if (index.records === 0) throw new UserError(messages.dbEmpty(source), { file: source });
  await writeFile(join(outDir, INDEX_FILE), JSON.stringify(index));
  return index;
}
