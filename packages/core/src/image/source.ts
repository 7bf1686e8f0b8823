import type { Readable } from 'node:stream';
import { UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { CatalogIssue, Distro, LayerOrigin, Package } from '../types/model.js';
import type { RawEntry } from './layer-walk.js';
import type { OciImageConfig } from '../types/oci/config.js';
import type { OciManifest } from '../types/oci/manifest.js';

/** One layer as a source stores it. */
export interface LayerRef {
  /** Digest of the stored blob (the diffID when the source stores layers uncompressed). */
  digest: string;
  /** sha256 of the uncompressed tar, from the config's `rootfs.diff_ids`. */
  diffId: string;
  mediaType: string;
  /** Stored size in bytes, when known. */
  size?: number;
  /**
   * Opens the stored bytes (possibly compressed). The stream fails if the content does not match
   * `digest` — digests are verified while streaming, never after the fact.
   */
  open(): Promise<Readable>;
  /** True when `open()` checks `digest` itself, so the walker need not hash again if digest = diffID. */
  verifiesDigest: boolean;
  /**
   * False for layers that are not content-addressed (a `dir:` root filesystem): their `diffId`
   * names nothing, so their walk is neither cached nor checked against it.
   */
  cacheable?: boolean;
  /**
   * True when the store itself guarantees that `digest` names these bytes (a registry, which
   * verifies every push), so a cached walk of this digest needs no re-reading. Local archives
   * are not: a hostile file can claim the digest of a layer the cache already knows.
   */
  contentAddressed?: boolean;
  /**
   * For layers that are not tars (a `dir:` root filesystem): the entries, walked instead of
   * `open()`'s bytes. Such a layer has no digest to verify.
   */
  entries?(): AsyncIterable<RawEntry>;
}

/** An image a source has opened: everything needed to walk its layers. */
export interface OpenedImage {
  /** Source kind that opened it (`docker-archive`, `oci`, …). */
  source: string;
  manifest: OciManifest;
  /** Manifest digest, when the source has one (OCI layout, registry). */
  manifestDigest?: string;
  config: OciImageConfig;
  configDigest: string;
  /**
   * True when the source has no image config and `config` was made up (a root filesystem
   * directory): checks of the config (root user, HEALTHCHECK, history) are then skipped.
   */
  noConfig?: boolean;
  repoTags: string[];
  layers: LayerRef[];
  /**
   * Set by sources that know the packages without layers to walk (an SBOM): the scan then
   * skips the walk and the catalogers and takes these.
   */
  inventory?: Inventory;
  /** Releases temporary files and handles. Safe to call twice. */
  close(): Promise<void>;
}

/** Packages a source hands over in place of layers (an SBOM has packages but no layers). */
export interface Inventory {
  packages: Package[];
  /** What could not be read; they mark the scan incomplete like a cataloger's issues. */
  issues: CatalogIssue[];
  distro?: Distro;
  /** The layers the packages name, bottom first (`LayerOrigin.index` is the position). */
  layers: LayerOrigin[];
}

/** What an SBOM holds, as `catalog/sbom/` reads it for the `sbom:` source. */
export interface SbomContents {
  format: 'CycloneDX' | 'SPDX';
  /** Image tags the document records (Trivy's `RepoTag` properties), else none. */
  repoTags: string[];
  inventory: Inventory;
}

/**
 * Turns an SBOM's bytes into packages. The scan passes `catalog/sbom/`'s reader, so that `image/`
 * needs to know no package format (docs/adr/0012-layer-visitors.md). @throws UserError naming `file`.
 */
export type SbomReader = (bytes: Buffer, file: string) => SbomContents;

/** How to reach registries; every field is optional. */
export interface RegistryOptions {
  /** Username for the registry of the scanned image (`--username`). */
  username?: string;
  /** Password or token for it (`--password-stdin`). Never logged. */
  password?: string;
  /** Registries (`host` or `host:port`) to reach over plain HTTP (`--insecure-registry`). */
  insecure?: readonly string[];
  /** Directory holding Docker's `config.json`. Default `$DOCKER_CONFIG`, else `~/.docker`. */
  dockerConfigDir?: string;
}

/** What a source may use while opening an image. */
export interface SourceContext {
  logger: Logger;
  /** A private temporary directory for this scan; removed afterwards. */
  tmpDir: string;
  /** Platform to pick from an index, `os/arch[/variant]`. */
  platform: string;
  /** Registry access (credentials, plain-HTTP hosts). */
  registry?: RegistryOptions;
  /** Environment to read `DOCKER_HOST`, `DOCKER_CONFIG`, `TIDEGATE_REGISTRY_*` from. Default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Reads SBOMs for the `sbom:` source; without it that source refuses to open. */
  sbomReader?: SbomReader;
}

/**
 * Thrown by a source when the image is simply not there (no daemon running, no such image in
 * it), so that a bare `name:tag` can fall back to the next source. Any other failure stops the scan.
 */
export class ImageNotHereError extends UserError {
  readonly notHere = true;
}

/** One kind of image source (one file each under `image/sources/`). */
export interface ImageSourceKind {
  /** The reference prefix (`docker-archive` for `docker-archive:PATH`). */
  kind: string;
  /** One line for `--help` and the docs. */
  description: string;
  /** For a plain path: does this source recognise it? */
  sniff?(path: string): Promise<boolean>;
  open(location: string, ctx: SourceContext): Promise<OpenedImage>;
}
