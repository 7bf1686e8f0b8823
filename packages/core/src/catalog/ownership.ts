import type { IgnoreRule, Package } from '../types/model.js';

const DISTRO_TYPES: ReadonlySet<Package['type']> = new Set(['deb', 'apk', 'rpm']);

/**
 * Distro ownership (DESIGN.md contracts; syft `by_file_ownership.go`): a language package whose
 * manifest file belongs to a dpkg/apk/rpm package, like Debian's python3-urllib3, is the distro's
 * to patch. The distro backports fixes without changing the upstream version, so matching it
 * against PyPI/npm advisories would report fixed issues. It is skipped by an ignore rule that
 * names the owning package, never silently.
 */
export function ownershipRules(packages: readonly Package[]): IgnoreRule[] {
  const owner = new Map<string, Package>();
  for (const p of packages) {
    if (!DISTRO_TYPES.has(p.type)) continue;
    for (const f of p.files ?? []) if (!owner.has(f)) owner.set(f, p);
  }
  if (owner.size === 0) return [];
  const rules: IgnoreRule[] = [];
  for (const p of packages) {
    if (DISTRO_TYPES.has(p.type)) continue;
    const by = p.locations.map((l) => owner.get(l)).find(Boolean);
    if (!by) continue;
    rules.push({
      packageId: p.id,
      reason: 'owned-by-distro-package',
      by: by.id,
      detail: `${p.locations[0]} belongs to ${by.type} package ${by.name} ${by.version}; its advisories come from the distro`,
    });
  }
  return rules;
}
