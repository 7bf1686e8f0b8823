import { ECOSYSTEMS, type EcosystemRow } from './table.js';

const rows: readonly EcosystemRow[] = ECOSYSTEMS;
const byType = new Map<string, EcosystemRow>();
for (const r of rows) if (r.purlType && !byType.has(r.purlType)) byType.set(r.purlType, r);

/**
 * Splits an OSV package name into purl namespace and name by its row's `purlNamespace`
 * (github.com/package-url/purl-spec, PURL-TYPES.rst): npm `@scope/name`, Maven
 * `groupId:artifactId`, Composer `vendor/name` and Go module paths (all but the last segment).
 */
export function purlNameParts(type: string, name: string): { namespace?: string; name: string } {
  const rule = byType.get(type)?.purlNamespace;
  if (rule === 'scope' && name.startsWith('@') && name.includes('/')) {
    const i = name.indexOf('/');
    return { namespace: name.slice(0, i), name: name.slice(i + 1) };
  }
  if (rule === 'group' && name.includes(':')) {
    const i = name.indexOf(':');
    return { namespace: name.slice(0, i), name: name.slice(i + 1) };
  }
  if (rule === 'path' && name.includes('/')) {
    const i = name.lastIndexOf('/');
    return { namespace: name.slice(0, i), name: name.slice(i + 1) };
  }
  return { name };
}

/**
 * The OSV package name of a purl's namespace and name, the inverse of {@link purlNameParts}:
 * Maven `group:artifact`, distro packages by name alone (their namespace is the vendor),
 * every other namespace joined with `/`.
 */
export function osvPackageName(type: string, namespace: string | undefined, name: string): string {
  if (!namespace) return name;
  const row = byType.get(type);
  if (row?.kind === 'distro') return name;
  return row?.purlNamespace === 'group' ? `${namespace}:${name}` : `${namespace}/${name}`;
}
