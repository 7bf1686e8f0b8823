import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { finishPackage } from '../../../catalog/package-id.js';
import { messages, UserError, type Where } from '../../../errors.js';
import { MEDIATYPE_OCI_IMAGE_MANIFEST } from '../../../types/oci/media-types.js';
import type { ImageSourceKind, OpenedImage } from '../../source.js';
import { looksLikeSbom, readSbom, type SbomDocument } from './document.js';
import { layerTable } from './layers.js';
import { documentPackages } from './packages.js';

/** SBOMs larger than this are refused: a real one for an image is a few MB. */
const MAX_SBOM_BYTES = 256 << 20;
const SNIFF_BYTES = 64 << 10;

/**
 * An SBOM scanned in place of its image (`sbom:FILE`, or a plain path that looks like one):
 * CycloneDX 1.2–1.6 JSON, SPDX 2.x JSON or tag-value, or an in-toto attestation of either.
 * An SBOM has no layers, so this source opens none: it hands the scan its packages and distro
 * as an `inventory`, and the scan skips the layer walk and the catalogers.
 */
export const sbomSource: ImageSourceKind = {
  kind: 'sbom',
  description:
    'an SBOM instead of an image: CycloneDX or SPDX 2.x (JSON, tag-value, or an in-toto attestation)',
  async sniff(path) {
    const st = await stat(path).catch(() => undefined);
    if (!st?.isFile() || st.size === 0) return false;
    const fh = await open(path, 'r');
    try {
      const { buffer, bytesRead } = await fh.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
      return looksLikeSbom(buffer.toString('utf8', 0, bytesRead));
    } finally {
      await fh.close();
    }
  },
  async open(location) {
    const where: Where = { file: location };
    const st = await stat(location).catch(() => undefined);
    if (!st?.isFile()) throw new UserError(messages.fileNotFound(location), where);
    if (st.size > MAX_SBOM_BYTES)
      throw new UserError(`SBOM of ${st.size} bytes is over the ${MAX_SBOM_BYTES}-byte limit`, where);
    const bytes = await readFile(location);
    return openedFromDocument(readSbom(bytes.toString('utf8'), where), bytes, location);
  },
};

function openedFromDocument(doc: SbomDocument, bytes: Buffer, file: string): OpenedImage {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const { drafts, distro, issues } = documentPackages(doc, file);
  const layers = layerTable(
    doc,
    drafts.map(([c]) => c),
    digest,
    file,
  );
  const packages = drafts.map(([c, d]) => finishPackage(d, 'sbom', layers.origin(c)));
  const all = layers.all();
  const mediaType = doc.format === 'CycloneDX' ? 'application/vnd.cyclonedx+json' : 'application/spdx+json';
  return {
    source: 'sbom',
    manifest: {
      schemaVersion: 2,
      mediaType: MEDIATYPE_OCI_IMAGE_MANIFEST,
      config: { mediaType, digest, size: bytes.length },
      layers: [],
    },
    config: {
      architecture: 'unknown',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: all.map((l) => l.diffId) },
    },
    configDigest: digest,
    repoTags: doc.repoTags,
    layers: [],
    inventory: { packages, issues, layers: all, ...(distro ? { distro } : {}) },
    close: async () => {},
  };
}
