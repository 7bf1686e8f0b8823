import { messages, UserError } from '../errors.js';
import type { OsvRecord } from '../types/osv/record.js';
import { lookupKey, type AdvisoryDb, type PackageQuery } from './db.js';
import { parseDoc } from './parse-doc.js';

/** OSV's public API (https://google.github.io/osv.dev/api/). */
export const DEFAULT_OSV_API_URL = 'https://api.osv.dev';

/** `querybatch` accepts at most 1,000 queries per request. */
const BATCH = 1000;

interface BatchResult {
  results?: { vulns?: { id: string }[]; next_page_token?: string }[];
}

async function call<T>(url: string, init: RequestInit, retries = 3): Promise<T> {
  for (let i = 0; ; i++) {
    let res: Response | undefined;
    let detail = '';
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) });
      if (res.ok) return (await res.json()) as T;
      detail = `HTTP ${res.status} from ${url}`;
    } catch (err) {
      detail = `${url}: ${((err as Error).cause as Error | undefined)?.message ?? (err as Error).message}`;
    }
    if ((res && res.status < 500) || i >= retries) throw new UserError(messages.osvApiFailed(detail));
    await new Promise((r) => setTimeout(r, 500 * 2 ** i));
  }
}

/**
 * `--db osv-api`: no local DB; the packages of one scan are sent to OSV's `POST /v1/querybatch`
 * (package + version, OSV API §querybatch), and every returned id is fetched in full with
 * `GET /v1/vulns/{id}` (the batch answer carries only ids). Every answer is checked like an
 * imported record; any failure is a UserError (exit 2), never a partial result.
 */
export class OsvApiDb implements AdvisoryDb {
  readonly location: string;
  private readonly byKey = new Map<string, OsvRecord[]>();
  private readonly records = new Map<string, OsvRecord>();

  constructor(private readonly base: string = DEFAULT_OSV_API_URL) {
    this.location = `osv-api (${base})`;
  }

  async prefetch(queries: readonly PackageQuery[]): Promise<void> {
    const uniq = [...new Map(queries.map((q) => [`${q.ecosystem}\0${q.name}\0${q.version}`, q])).values()];
    const ids = new Set<string>();
    for (let i = 0; i < uniq.length; i += BATCH) await this.batch(uniq.slice(i, i + BATCH), ids);
    const todo = [...ids].filter((id) => !this.records.has(id));
    const workers = Array.from({ length: Math.min(8, todo.length) }, async () => {
      for (let id = todo.pop(); id !== undefined; id = todo.pop()) await this.fetchVuln(id);
    });
    await Promise.all(workers);
  }

  private async batch(queries: PackageQuery[], ids: Set<string>): Promise<void> {
    let pending = queries.map(
      (q) =>
        ({ package: { ecosystem: q.ecosystem, name: q.name }, version: q.version }) as Record<
          string,
          unknown
        >,
    );
    while (pending.length) {
      const res = await call<BatchResult>(`${this.base}/v1/querybatch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ queries: pending }),
      });
      const next: Record<string, unknown>[] = [];
      (res.results ?? []).forEach((r, i) => {
        for (const v of r.vulns ?? []) ids.add(v.id);
        if (r.next_page_token) next.push({ ...pending[i], page_token: r.next_page_token });
      });
      pending = next;
    }
  }

  private async fetchVuln(id: string): Promise<void> {
    const json = await call<unknown>(`${this.base}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' });
    for (const record of parseDoc({ name: `osv-api:${id}`, text: JSON.stringify(json) })) {
      this.records.set(record.id, record);
      const keys = new Set(
        (record.affected ?? []).flatMap((a) =>
          a.package ? [lookupKey(a.package.ecosystem, a.package.name)] : [],
        ),
      );
      for (const k of keys) (this.byKey.get(k) ?? this.byKey.set(k, []).get(k)!).push(record);
    }
  }

  async lookup(ecosystem: string, name: string): Promise<OsvRecord[]> {
    return this.byKey.get(lookupKey(ecosystem, name)) ?? [];
  }

  async stats(): Promise<{ ecosystems: Record<string, number>; records: number }> {
    const ecosystems: Record<string, number> = {};
    for (const r of this.records.values())
      for (const e of new Set(
        (r.affected ?? []).map((a) => a.package?.ecosystem).filter((x): x is string => !!x),
      ))
        ecosystems[e] = (ecosystems[e] ?? 0) + 1;
    return { ecosystems, records: this.records.size };
  }
}
