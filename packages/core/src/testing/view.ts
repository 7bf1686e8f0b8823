import { Readable } from 'node:stream';
import type { Cataloger } from '../catalog/cataloger.js';
import { catalogVisitors, runViewCatalogers, survivingPackages } from '../catalog/run.js';
import { FsView, type LayerResult } from '../image/fs-view.js';
import { walkLayer } from '../image/layer-walk.js';
import type { LayerVisitor } from '../image/visitor.js';
import { silentLogger } from '../logger.js';
import type { CatalogIssue, Distro, Package } from '../types/model.js';
import { buildTar, sha256, type TarEntry } from './images.js';

/** Files as `{ path: content }`; a value of `null` makes a whiteout for that path. */
export type LayerFiles = Record<string, string | Buffer | null>;

function entries(files: LayerFiles | TarEntry[]): TarEntry[] {
  if (Array.isArray(files)) return files;
  return Object.entries(files).map(([name, content]) => {
    if (content === null) {
      const i = name.lastIndexOf('/');
      return { name: `${name.slice(0, i + 1)}.wh.${name.slice(i + 1)}`, content: '' };
    }
    return { name, content };
  });
}

/** Walks layers (bottom first) with `catalogers` and any other visitors, and merges them. */
export async function walkLayers(
  layers: (LayerFiles | TarEntry[])[],
  catalogers: readonly Cataloger[],
  others: readonly LayerVisitor[] = [],
): Promise<{ results: LayerResult[]; view: FsView }> {
  const visitors = [...catalogVisitors(catalogers, silentLogger), ...others];
  const results: LayerResult[] = [];
  for (let index = 0; index < layers.length; index++) {
    const tar = await buildTar(entries(layers[index]!));
    const digest = sha256(tar);
    results.push(
      await walkLayer(
        {
          digest,
          diffId: digest,
          mediaType: 'tar',
          verifiesDigest: false,
          open: async () => Readable.from([tar]),
        },
        { index, digest, diffId: digest, createdBy: `step ${index + 1}` },
        visitors,
        { maxLayerBytes: 1 << 30, maxFileBytes: 64 << 20 },
        silentLogger,
      ),
    );
  }
  return { results, view: FsView.merge(results) };
}

/** Runs `catalogers` over layers as a scan would; returns packages, issues and the distro. */
export async function catalogLayers(
  layers: (LayerFiles | TarEntry[])[],
  catalogers: readonly Cataloger[],
): Promise<{ packages: Package[]; issues: CatalogIssue[]; distro?: Distro; view: FsView }> {
  const { results, view } = await walkLayers(layers, catalogers);
  const out = await runViewCatalogers(view, catalogers, silentLogger);
  return {
    packages: [...out.packages, ...survivingPackages(results, view)],
    issues: [...results.flatMap((r) => r.issues), ...out.issues],
    ...(out.distro ? { distro: out.distro } : {}),
    view,
  };
}

/** Reads one section of a txtar archive (`-- name --` headers), as Go's txtar format defines. */
export function txtarSection(text: string, name: string): string | undefined {
  const parts = text.split(/^-- (.+?) --$/m);
  for (let i = 1; i < parts.length; i += 2) if (parts[i] === name) return parts[i + 1]!.replace(/^\n/, '');
  return undefined;
}
