import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import type { RawDoc } from './read-source.js';
import { asRecord, checkRecord } from './record-check.js';

function isWrapped(v: unknown): v is { vulns: unknown[] } {
  return typeof v === 'object' && v !== null && Array.isArray((v as { vulns?: unknown }).vulns);
}

/**
 * The OSV records in one JSON document: a record (OSV's bulk layout), a bare array, or the
 * API's `{"vulns": [...]}` wrapper. A document that is not JSON, or a record that breaks the
 * structure the matcher relies on (see `checkRecord`), is a UserError naming the file and
 * field (exit 2): a DB that silently lost records would let vulnerabilities through.
 */
export function parseDoc(doc: RawDoc): OsvRecord[] {
  let json: unknown;
  try {
    json = JSON.parse(doc.text);
  } catch (err) {
    throw new UserError(messages.dbRecordInvalid(`not JSON: ${(err as Error).message}`), { file: doc.name });
  }
  const records = Array.isArray(json) ? json : isWrapped(json) ? json.vulns : [json];
  return records.map((r, i) => {
    const problem = checkRecord(r);
    const file = records.length > 1 ? `${doc.name}[${i}]` : doc.name;
    if (problem) throw new UserError(messages.dbRecordInvalid(problem), { file });
    return asRecord(r);
  });
}
