import type { FsView, LayerResult } from '../image/fs-view.js';
import { globMatch } from '../policy/glob.js';
import type { ProvenancePolicy } from '../policy/policy.js';
import type { Finding, LayerOrigin, Package, UnownedFile } from '../types/model.js';
import { provenanceFinding } from './findings.js';
import { ownershipIndex } from './ownership-index.js';
import { storedExecutables } from './unowned-pass.js';

/** `Go github.com/acme/tool v1.2.3`: what a binary's own build info says it is. */
function identities(packages: readonly Package[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of packages)
    if (p.relationship === 'root' && (p.type === 'golang' || p.type === 'cargo'))
      for (const l of p.locations)
        out.set(l, `${p.type === 'golang' ? 'Go' : 'Rust'} ${p.name} ${p.version}`);
  return out;
}

/**
 * Executables, scripts and shared libraries in the image as a container sees it that no package
 * manager installed: not in a distro package's file list, not inside a language package's own
 * directory. A Go or Rust binary is listed even though its build info names its modules (nothing
 * vetted how it got there), with that identity beside it, and each with the step that added it.
 */
export function unownedFiles(
  results: readonly LayerResult[],
  view: FsView,
  packages: readonly Package[],
  layers: readonly LayerOrigin[],
): UnownedFile[] {
  const owned = ownershipIndex(view, packages);
  const ids = identities(packages);
  return storedExecutables(results)
    .filter(({ layerIndex, file }) => view.entry(file.path)?.layerIndex === layerIndex)
    .filter(({ file }) => !owned.owner(file.path))
    .map(({ layerIndex, file }) => {
      const identity = ids.get(file.path);
      const layer = layers[layerIndex]!;
      return { ...file, layer, ...(identity ? { identity } : {}) };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** One finding per unowned file the policy does not allow (`unowned-executables`). */
export function unownedFindings(
  files: readonly UnownedFile[],
  rule: ProvenancePolicy['unownedExecutables'],
): Finding[] {
  const mode = rule.mode;
  if (mode === 'off') return [];
  return files
    .filter((f) => !rule.allow.some((g) => globMatch(g, f.path)))
    .map((f) =>
      provenanceFinding(
        'TG-PROV-unowned-executable',
        f.path,
        `/${f.path} (${f.kind}${f.identity ? `, ${f.identity}` : ''}) is not from a package manager`,
        { rule: 'unowned-executables', mode },
        { layer: f.layer },
      ),
    );
}
