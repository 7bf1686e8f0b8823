import { createHash } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { messages, UserError, type Where } from '../../errors.js';
import { MEDIATYPE_OCI_IMAGE_MANIFEST } from '../../types/oci/media-types.js';
import type { ImageSourceKind, OpenedImage, SbomContents } from '../source.js';

/** SBOMs larger than this are refused: a real one for an image is a few MB. */
const MAX_SBOM_BYTES = 256 << 20;
const SNIFF_BYTES = 64 << 10;

/** Which format a text is, cheaply, from its first bytes (for sniffing plain paths). */
export function looksLikeSbom(head: string): boolean {
  const start = head.trimStart();
  if (start.startsWith('SPDXVersion:')) return true;
  return start.startsWith('{') && /"(bomFormat|spdxVersion|payloadType|predicateType)"\s*:/.test(head);
}

/**
 * An SBOM scanned in place of its image (`sbom:FILE`, or a plain path that looks like one):
 * CycloneDX 1.2–1.6 JSON, SPDX 2.x JSON or tag-value, or an in-toto attestation of either.
 * An SBOM has no layers, so this source opens none: it hands the scan its packages and distro
 * as an `inventory`, and the scan skips the layer walk and the catalogers. The document itself
 * is read by the context's `sbomReader` (`catalog/sbom/`), which knows package formats.
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
  async open(location, ctx) {
    const where: Where = { file: location };
    const st = await stat(location).catch(() => undefined);
    if (!st?.isFile()) throw new UserError(messages.fileNotFound(location), where);
    if (st.size > MAX_SBOM_BYTES)
      throw new UserError(`SBOM of ${st.size} bytes is over the ${MAX_SBOM_BYTES}-byte limit`, where);
    if (!ctx.sbomReader) throw new Error('the sbom source needs an sbomReader in its context');
    const bytes = await readFile(location);
    return openedFromContents(ctx.sbomReader(bytes, location), bytes);
  },
};

function openedFromContents(sbom: SbomContents, bytes: Buffer): OpenedImage {
  const digest = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const mediaType = sbom.format === 'CycloneDX' ? 'application/vnd.cyclonedx+json' : 'application/spdx+json';
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
      rootfs: { type: 'layers', diff_ids: sbom.inventory.layers.map((l) => l.diffId) },
    },
    configDigest: digest,
    repoTags: sbom.repoTags,
    layers: [],
    inventory: sbom.inventory,
    close: async () => {},
  };
}
