/** A content descriptor (OCI image spec `descriptor.md`). */
export interface OciDescriptor {
  mediaType: string;
  /** `algorithm:hex`, e.g. `sha256:…`. */
  digest: string;
  /** Size of the referenced blob in bytes. */
  size: number;
  urls?: string[];
  annotations?: Record<string, string>;
  platform?: OciPlatform;
  artifactType?: string;
}

/** The platform a manifest in an index was built for (OCI `image-index.md`). */
export interface OciPlatform {
  architecture: string;
  os: string;
  'os.version'?: string;
  'os.features'?: string[];
  variant?: string;
}
