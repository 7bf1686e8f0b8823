import type { FileCataloger } from '../cataloger.js';
import { catalogPythonMetadata, isPythonMetadata } from './catalog.js';

/** Installed Python distributions: `*.dist-info/METADATA`, `*.egg-info/PKG-INFO`, `*.egg-info` files. */
export const pythonInstalledCataloger: FileCataloger = {
  id: 'python-installed',
  version: 1,
  kind: 'file',
  wants: (path) => isPythonMetadata(path),
  catalog: catalogPythonMetadata,
};
