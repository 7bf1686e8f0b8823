/** The `oci-layout` marker file of an image layout directory (OCI `image-layout.md`). */
export interface OciLayoutFile {
  imageLayoutVersion: string;
}

/** The file names an OCI image layout is made of. */
export const OCI_LAYOUT_FILE = 'oci-layout';
export const OCI_INDEX_FILE = 'index.json';
export const OCI_BLOBS_DIR = 'blobs';
/** Annotation naming the tag of a manifest in `index.json`. */
export const ANNOTATION_REF_NAME = 'org.opencontainers.image.ref.name';
