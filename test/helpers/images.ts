import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { tool } from './tools.js';

/** A file tree to put into one image layer: path → content (`{ symlink }` for links). */
export type Tree = Record<string, string | { symlink: string } | { mode: number; content: string }>;

async function writeTree(root: string, tree: Tree): Promise<void> {
  for (const [path, v] of Object.entries(tree)) {
    const full = join(root, path);
    await mkdir(dirname(full), { recursive: true });
    if (typeof v === 'string') await writeFile(full, v);
    else if ('symlink' in v) await (await import('node:fs/promises')).symlink(v.symlink, full);
    else await writeFile(full, v.content, { mode: v.mode });
  }
}

/**
 * Builds a real OCI image with umoci: one layer per tree (plus whiteouts where a later tree maps
 * a path to `null` via `remove`), then returns the layout dir and `name:tag` for `oci:` refs.
 */
export async function buildOciImage(
  workDir: string,
  name: string,
  layers: { tree?: Tree; dir?: string; remove?: string[]; history?: string }[],
  config: { user?: string; labels?: Record<string, string> } = {},
): Promise<string> {
  const layout = join(workDir, name);
  await rm(layout, { recursive: true, force: true });
  await tool('umoci', ['init', '--layout', layout]);
  await tool('umoci', ['new', '--image', `${layout}:latest`]);
  const configArgs: string[] = [];
  if (config.user) configArgs.push('--config.user', config.user);
  for (const [k, v] of Object.entries(config.labels ?? {})) configArgs.push('--config.label', `${k}=${v}`);
  if (configArgs.length) await tool('umoci', ['config', '--image', `${layout}:latest`, ...configArgs]);
  for (const layer of layers) {
    const src = layer.dir ?? (await mkdtemp(join(tmpdir(), 'tidegate-tree-')));
    if (layer.tree) await writeTree(src, layer.tree);
    const history = ['--history.created_by', layer.history ?? 'COPY . /'];
    await tool('umoci', ['insert', '--image', `${layout}:latest`, ...history, src, '/']);
    for (const path of layer.remove ?? [])
      await tool('umoci', ['insert', '--image', `${layout}:latest`, '--whiteout', `/${path}`]);
    if (!layer.dir) await rm(src, { recursive: true, force: true });
  }
  return layout;
}

/** Converts an image with skopeo (`oci:DIR:latest` → `docker-archive:FILE`). */
export async function toDockerArchive(layout: string, file: string, tag = 'test/app:1'): Promise<string> {
  await rm(file, { force: true });
  await tool('skopeo', ['copy', '--quiet', `oci:${layout}:latest`, `docker-archive:${file}:${tag}`]);
  return file;
}

/** Copies a directory tree (for fixtures that tests modify). */
export async function copyTree(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true, verbatimSymlinks: true });
}
