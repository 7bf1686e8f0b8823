import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A minimal OSV record for one package, for tests whose expectations depend on the image's own versions. */
export function osvRecord(
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    schema_version: '1.6.0',
    id,
    modified: '2024-01-01T00:00:00Z',
    published: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    ...extra,
  };
}

/** Writes records as `<dir>/<id>.json`, OSV's bulk layout. */
export async function writeOsvDir(dir: string, records: Record<string, unknown>[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const r of records) await writeFile(join(dir, `${r.id as string}.json`), JSON.stringify(r, null, 2));
  return dir;
}
