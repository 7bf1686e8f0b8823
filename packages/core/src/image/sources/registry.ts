import type { ImageSourceKind } from '../source.js';
import { dockerArchiveSource } from './docker-archive.js';
import { dockerDaemonSource } from './docker-daemon.js';
import { ociArchiveSource } from './oci-archive.js';
import { ociLayoutSource } from './oci-layout.js';
import { registrySource } from './registry-source.js';
import { rootfsDirSource } from './rootfs-dir.js';
import { sbomSource } from './sbom.js';

/**
 * Every image source, one line each (STYLE rule 4). A plain path is offered to each source's
 * `sniff` in this order; a bare image name goes to `docker-daemon`, then to `registry`.
 */
export const imageSources: readonly ImageSourceKind[] = [
  dockerArchiveSource,
  ociLayoutSource,
  ociArchiveSource,
  rootfsDirSource,
  sbomSource,
  dockerDaemonSource,
  registrySource,
];
