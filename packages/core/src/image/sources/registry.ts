import type { ImageSourceKind } from '../source.js';
import { dockerArchiveSource } from './docker-archive.js';
import { ociLayoutSource } from './oci-layout.js';
import { sbomSource } from './sbom/index.js';

/**
 * Every image source, one line each (STYLE rule 4). A plain path is offered to each source's
 * `sniff` in this order.
 */
export const imageSources: readonly ImageSourceKind[] = [dockerArchiveSource, ociLayoutSource, sbomSource];
