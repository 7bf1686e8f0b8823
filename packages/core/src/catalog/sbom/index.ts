import { createHash } from 'node:crypto';
import type { SbomContents } from '../../image/source.js';
import { finishPackage } from '../package-id.js';
import { readSbom } from './document.js';
import { layerTable } from './layers.js';
import { documentPackages } from './packages.js';

/**
 * Reads an SBOM for the `sbom:` image source (which the scan hands this function as its
 * `sbomReader`): the document's packages, each with its layer of origin, the distro it names,
 * and what could not be read, as issues on `file`.
 * @throws UserError naming the file when it is no SBOM tidegate reads.
 */
export function readSbomContents(bytes: Buffer, file: string): SbomContents {
  const doc = readSbom(bytes.toString('utf8'), { file });
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const { drafts, distro, issues } = documentPackages(doc, file);
  const layers = layerTable(
    doc,
    drafts.map(([c]) => c),
    digest,
    file,
  );
  const packages = drafts.map(([c, d]) => finishPackage(d, 'sbom', layers.origin(c)));
  return {
    format: doc.format,
    repoTags: doc.repoTags,
    inventory: { packages, issues, layers: layers.all(), ...(distro ? { distro } : {}) },
  };
}
