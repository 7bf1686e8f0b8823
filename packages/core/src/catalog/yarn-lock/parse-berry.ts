import { parse } from 'yaml';
import type { YarnEntry } from './parse-classic.js';
import { splitSpec } from './parse-classic.js';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * yarn berry (v2+) lockfile: YAML (yarnpkg.com/advanced/lockfile, `__metadata.version` ≥ 4).
 * Keys are comma-joined descriptors (`"debug@npm:^4, debug@npm:4.3.4"`); `resolution` names
 * the locator actually installed (`debug@npm:4.3.4`, `resolve@patch:resolve@npm%3A1.22.1#…`),
 * whose package name is reported with the `version` field. Workspace, link and portal
 * resolutions are the project's own code.
 *
 * @throws Error when the YAML is invalid or is not a berry lockfile.
 */
export function parseBerry(text: string): YarnEntry[] {
  const doc: unknown = parse(text, { maxAliasCount: 100 });
  if (!isObj(doc) || !isObj(doc.__metadata)) throw new Error('no __metadata: not a yarn berry lockfile');
  const out: YarnEntry[] = [];
  for (const [key, v] of Object.entries(doc)) {
    if (key === '__metadata' || !isObj(v)) continue;
    const resolution = typeof v.resolution === 'string' ? v.resolution : key.split(',')[0]!.trim();
    const [name, locator] = splitSpec(resolution);
    const deps = isObj(v.dependencies)
      ? Object.entries(v.dependencies).map(([n, r]) => `${n}@${String(r)}`)
      : [];
    out.push({
      specs: key.split(',').map((s) => s.trim()),
      name,
      version: v.version === undefined ? '' : String(v.version),
      deps,
      local: /^(workspace|link|portal):/.test(locator) || v.linkType === 'soft',
    });
  }
  return out;
}
