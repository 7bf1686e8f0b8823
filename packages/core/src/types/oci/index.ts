import type { OciDescriptor } from './descriptor.js';

/** An image index (OCI `image-index.md`) or Docker manifest list. */
export interface OciIndex {
  schemaVersion: 2;
  mediaType?: string;
  manifests: OciDescriptor[];
  annotations?: Record<string, string>;
}
