/**
 * Development-only packages of a lockfile graph: those not reachable from the project's
 * production roots. Used where a lockfile records edges but no `dev` flag (yarn.lock, pnpm v9,
 * Cargo.lock with its Cargo.toml, composer.lock has its own `packages-dev`).
 *
 * @param nodes every node, with the keys it can be reached by and the keys of its edges
 * @param roots keys of the production roots (the manifest's runtime dependencies)
 * @returns the nodes reachable from `roots`; callers treat every other node as development-only
 */
export function reachable<T extends { keys: readonly string[]; edges: readonly string[] }>(
  nodes: readonly T[],
  roots: readonly string[],
): Set<T> {
  const byKey = new Map<string, T>();
  for (const n of nodes) for (const k of n.keys) byKey.set(k, n);
  const seen = new Set<T>();
  const stack = roots.map((r) => byKey.get(r)).filter((n): n is T => n !== undefined);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    for (const e of n.edges) {
      const next = byKey.get(e);
      if (next && !seen.has(next)) stack.push(next);
    }
  }
  return seen;
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The runtime dependencies (`dependencies`, `optionalDependencies`, `peerDependencies`) and the
 * `devDependencies` a package.json declares, or `undefined` when it declares `workspaces` (the
 * members' own package.json files would be needed, so nothing is classed as development-only).
 */
export function manifestDeps(
  pkg: unknown,
): { prod: [string, string][]; dev: [string, string][] } | undefined {
  if (!isObj(pkg) || pkg.workspaces !== undefined) return undefined;
  const pairs = (k: string): [string, string][] =>
    isObj(pkg[k]) ? Object.entries(pkg[k]).map(([n, r]) => [n, String(r)]) : [];
  return {
    prod: [...pairs('dependencies'), ...pairs('optionalDependencies'), ...pairs('peerDependencies')],
    dev: pairs('devDependencies'),
  };
}
