import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../types/model.js';
import { parseEpss } from './epss.js';
import { parseKev } from './kev.js';
import type { DbMeta } from './meta.js';

/** Adds exploitation data to findings; `scan()` calls it after matching. */
export interface Enricher {
  annotate(findings: Finding[]): Promise<void>;
}

/** The CVE ids a finding is known by (its rule id and aliases). */
function cvesOf(f: Finding): string[] {
  return [f.ruleId, ...f.aliases].filter((id) => /^CVE-\d{4}-\d+$/.test(id));
}

/**
 * Attaches `kev` and `epss` to findings from the feeds stored in `<db>/` (see `feeds.ts`).
 * A feed that was never downloaded is skipped (findings then lack the field; `db status`
 * shows it). Of several CVE aliases, the highest EPSS score and any KEV entry win.
 */
export function cachedEnricher(dir: string, meta: DbMeta): Enricher {
  return {
    async annotate(findings) {
      const wanted = new Set(findings.flatMap(cvesOf));
      if (wanted.size === 0) return;
      const kev = meta.kev ? parseKev(await readFile(join(dir, meta.kev.file), 'utf8')).entries : undefined;
      const epss = meta.epss
        ? parseEpss(await readFile(join(dir, meta.epss.file)), wanted).scores
        : undefined;
      for (const f of findings) {
        for (const cve of cvesOf(f)) {
          const k = kev?.get(cve);
          if (k && !f.kev) f.kev = { ...k };
          const e = epss?.get(cve);
          if (e && (!f.epss || e.score > f.epss.score)) f.epss = { ...e };
        }
      }
    },
  };
}
