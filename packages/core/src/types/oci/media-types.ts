/**
 * Media types from the OCI image spec v1.1 (`media-types.md`) and Docker's Image Manifest V2
 * Schema 2, as named constants so a typo is a compile error.
 */
export const MEDIATYPE_OCI_IMAGE_INDEX = 'application/vnd.oci.image.index.v1+json';
export const MEDIATYPE_OCI_IMAGE_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const MEDIATYPE_OCI_IMAGE_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const MEDIATYPE_OCI_LAYER_TAR = 'application/vnd.oci.image.layer.v1.tar';
export const MEDIATYPE_OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';
export const MEDIATYPE_OCI_LAYER_ZSTD = 'application/vnd.oci.image.layer.v1.tar+zstd';
export const MEDIATYPE_OCI_LAYER_NONDISTRIBUTABLE_GZIP =
  'application/vnd.oci.image.layer.nondistributable.v1.tar+gzip';

export const MEDIATYPE_DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
export const MEDIATYPE_DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
export const MEDIATYPE_DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
export const MEDIATYPE_DOCKER_LAYER_GZIP = 'application/vnd.docker.image.rootfs.diff.tar.gzip';
export const MEDIATYPE_DOCKER_LAYER_FOREIGN_GZIP =
  'application/vnd.docker.image.rootfs.foreign.diff.tar.gzip';

/** Media types that name an index (a list of manifests, one per platform). */
export const INDEX_MEDIA_TYPES: ReadonlySet<string> = new Set([
  MEDIATYPE_OCI_IMAGE_INDEX,
  MEDIATYPE_DOCKER_MANIFEST_LIST,
]);

/** Media types that name a single-platform image manifest. */
export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  MEDIATYPE_OCI_IMAGE_MANIFEST,
  MEDIATYPE_DOCKER_MANIFEST,
]);
