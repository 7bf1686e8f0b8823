import type { OciDescriptor } from './descriptor.js';

/** An image manifest (OCI `manifest.md`; Docker schema 2 has the same shape). */
export interface OciManifest {
  schemaVersion: 2;
  mediaType?: string;
  artifactType?: string;
  config: OciDescriptor;
  layers: OciDescriptor[];
  subject?: OciDescriptor;
  annotations?: Record<string, string>;
}
