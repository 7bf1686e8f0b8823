import type { FileCataloger } from '../cataloger.js';
import { executableCandidate } from '../exe/open.js';
import { catalogGoBinary } from './catalog.js';

/**
 * Go binaries: the module build info the linker embeds (Go's `debug/buildinfo`), from ELF,
 * Mach-O and PE files. Offered every executable file (an x bit, or `.exe`); anything without
 * the build info magic is passed over without an issue.
 */
export const goBinaryCataloger: FileCataloger = {
  id: 'go-binary',
  version: 1,
  kind: 'file',
  wantsHardlinks: false,
  wants: (path, meta) => executableCandidate(path, meta),
  catalog: catalogGoBinary,
};
