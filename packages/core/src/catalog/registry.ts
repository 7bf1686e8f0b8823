import { apkCataloger } from './apk.js';
import type { Cataloger } from './cataloger.js';
import { dpkgCataloger } from './dpkg/index.js';
import { npmCataloger } from './npm.js';
import { osReleaseCataloger } from './os-release.js';

/**
 * Every cataloger, one line each (STYLE rule 4). View catalogers run in this order, so
 * `os-release` comes first: the distro it finds sets the ecosystem of the OS packages after it.
 */
export const catalogers: readonly Cataloger[] = [
  osReleaseCataloger,
  dpkgCataloger,
  apkCataloger,
  npmCataloger,
];
