/**
 * Helpers for the catalogers' tests (never imported by production code). Fixture folders
 * reproduce paths inside the image (STYLE rule 20): `testdata/<cataloger>/<case>/<image path>`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { FileMeta } from '../image/file-meta.js';
import { coreSrc } from '../testing/index.js';
import type { LayerFiles } from '../testing/view.js';
import type { Package } from '../types/model.js';
import type { Cataloger } from './cataloger.js';

/** Every file under `dir` as layer files, at `prefix` + its path relative to `dir`. */
export function dirLayer(dir: string, prefix = ''): LayerFiles {
  const out: LayerFiles = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`${prefix}${relative(dir, p)}`] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

/** A fixture folder of this package: `catalog/testdata/<parts>`. */
export function fixture(...parts: string[]): string {
  return coreSrc('catalog', 'testdata', ...parts);
}

/** `name@version` of each package, sorted: the usual shape of an expectation. */
export function ids(packages: readonly Pick<Package, 'name' | 'version'>[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

/** Metadata of a plain file of `size` bytes, for `wants` predicates. */
export function fileMeta(size = 100, mode = 0o644): FileMeta {
  return { type: 'file', mode, size, uid: 0, gid: 0 };
}

/** The paths of `paths` that `c` wants (as plain files of `size` bytes). */
export function wanted(c: Cataloger, paths: readonly string[], size = 100): string[] {
  return paths.filter((p) => (c.staticPaths ? c.staticPaths.includes(p) : c.wants(p, fileMeta(size))));
}
