import type { FileCataloger } from '../cataloger.js';
import { catalogJavaArchive, isJavaArchive } from './catalog.js';

/**
 * Java archives (jar, war, ear, jpi, hpi), with the archives nested inside them read from
 * memory: `META-INF/maven/**\/pom.properties` first, MANIFEST.MF as the fallback, the SHA-1 of
 * each archive. Zip-slip names, zip bombs and deep nesting are reported and skipped.
 */
export const javaArchiveCataloger: FileCataloger = {
  id: 'java-archive',
  version: 1,
  kind: 'file',
  wants: (path, meta) => meta.size >= 22 && isJavaArchive(path),
  catalog: (input) => catalogJavaArchive(input),
};
