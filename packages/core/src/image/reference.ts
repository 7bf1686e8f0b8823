import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { messages, UserError } from '../errors.js';
import type { ImageSourceKind } from './source.js';
import { imageSources } from './sources/registry.js';

/** A reference resolved to the source that will open it. */
export interface ResolvedRef {
  source: ImageSourceKind;
  /** What follows the `kind:` prefix (a path, for the archive and directory sources). */
  location: string;
  /**
   * Tried when `source` reports the image as not there (a bare `name:tag`: the local daemon
   * first, then the registry).
   */
  fallback?: ResolvedRef;
}

/** A parsed image name (`[registry/]repository[:tag][@digest]`), Docker's grammar. */
export interface ImageName {
  /** Registry as users write it: `docker.io`, `ghcr.io`, `127.0.0.1:5000`. */
  registry: string;
  /** Host (and port) the HTTP API is served on: `registry-1.docker.io` for Docker Hub. */
  apiHost: string;
  /** Repository path inside the registry: `library/alpine`, `org/app`. */
  repository: string;
  tag?: string;
  digest?: string;
}

/** Docker Hub's canonical registry name and API host (distribution `reference/normalize.go`). */
export const DOCKER_HUB = 'docker.io';
export const DOCKER_HUB_API_HOST = 'registry-1.docker.io';

// distribution/reference `regexp.go`: path components, tags and digests.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN =
  /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX = 255;

/**
 * Parses `alpine`, `alpine:3.20`, `ghcr.io/org/app@sha256:…`, `127.0.0.1:5000/app:1`.
 *
 * The first path component is a registry when it contains `.` or `:` or is `localhost`
 * (distribution `reference/normalize.go` `splitDockerDomain`); otherwise the registry is Docker
 * Hub, and a one-component name gets the `library/` prefix (`alpine` →
 * `docker.io/library/alpine`). Returns `undefined` for anything that is not an image name.
 */
export function parseImageName(ref: string): ImageName | undefined {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return undefined;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return undefined;
  }
  const slash = rest.indexOf('/');
  const first = slash < 0 ? '' : rest.slice(0, slash);
  const hasDomain =
    slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first !== first.toLowerCase());
  let registry = hasDomain ? first : DOCKER_HUB;
  let repository = hasDomain ? rest.slice(slash + 1) : rest;
  if (hasDomain && !DOMAIN.test(registry)) return undefined;
  if (registry === 'index.docker.io') registry = DOCKER_HUB;
  if (registry === DOCKER_HUB && !repository.includes('/')) repository = `library/${repository}`;
  if (
    !repository ||
    repository.length > NAME_MAX ||
    !repository.split('/').every((c) => PATH_COMPONENT.test(c))
  )
    return undefined;
  const apiHost = registry === DOCKER_HUB ? DOCKER_HUB_API_HOST : registry;
  return { registry, apiHost, repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

/** `docker.io/library/alpine:3.20`: the fully qualified form, `:latest` added when no tag or digest. */
export function formatImageName(n: ImageName): string {
  const tag = n.tag ?? (n.digest ? undefined : 'latest');
  return `${n.registry}/${n.repository}${tag ? `:${tag}` : ''}${n.digest ? `@${n.digest}` : ''}`;
}

/** The manifest reference to ask the registry for: the digest when given, else the tag. */
export function manifestReference(n: ImageName): string {
  return n.digest ?? n.tag ?? 'latest';
}

/** skopeo's transport spelling `docker://NAME` is accepted for `registry:NAME`. */
const ALIASES: Record<string, string> = { 'docker://': 'registry:' };

function explicitKind(ref: string, sources: readonly ImageSourceKind[]): ResolvedRef | undefined {
  for (const [alias, kind] of Object.entries(ALIASES))
    if (ref.startsWith(alias)) return explicitKind(kind + ref.slice(alias.length), sources);
  const colon = ref.indexOf(':');
  if (colon <= 0) return undefined;
  const kind = ref.slice(0, colon);
  const location = ref.slice(colon + 1);
  // `registry:5000/app` is a registry host named "registry" with a port, not the registry: prefix.
  if (/^\d+\//.test(location)) return undefined;
  const source = sources.find((s) => s.kind === kind);
  return source ? { source, location } : undefined;
}

/**
 * Resolves what the user typed into a source.
 *
 * 1. `kind:location` picks a source explicitly (`docker-archive:img.tar`, `oci:dir:tag`,
 *    `oci-archive:img.tar`, `dir:rootfs`, `registry:alpine:3.20`, `docker-daemon:app:1`).
 * 2. An existing path is recognised by sniffing it (a directory with `oci-layout`, a tar with
 *    `manifest.json` or `oci-layout`).
 * 3. Anything else that parses as an image name is looked up in the local daemon first and,
 *    if the daemon is not running or does not have it, in the registry.
 */
export async function resolveReference(
  ref: string,
  sources: readonly ImageSourceKind[] = imageSources,
): Promise<ResolvedRef> {
  const explicit = explicitKind(ref, sources);
  if (explicit) return explicit;
  const st = await stat(ref).catch(() => undefined);
  if (st) {
    for (const source of sources) {
      if (source.sniff && (await source.sniff(ref))) return { source, location: ref };
    }
    throw new UserError(messages.notAnImage(), { file: ref });
  }
  if (/^[./~]/.test(ref) || /\.(tar|tar\.gz|tgz|tar\.zst)$/.test(ref))
    throw new UserError(messages.fileNotFound(ref), { file: ref });
  if (parseImageName(ref)) {
    const daemon = sources.find((s) => s.kind === 'docker-daemon');
    const registry = sources.find((s) => s.kind === 'registry');
    if (daemon && registry)
      return { source: daemon, location: ref, fallback: { source: registry, location: ref } };
    if (daemon ?? registry) return { source: (daemon ?? registry)!, location: ref };
  }
  throw new UserError(messages.unknownReference(ref));
}

/** What is at a path: a file, a directory, or nothing. */
export type PathKind = 'file' | 'dir' | undefined;

/** What is at `path` now (symlinks followed). */
export function pathKind(path: string): PathKind {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * Whether `v` names an image (to scan) rather than a JSON report (to read), for options that
 * take either, such as `--baseline`:
 * - a source prefix (`docker-archive:`, `oci:`, `oci-archive:`, `dir:`, `sbom:`,
 *   `docker-daemon:`, `registry:`, `docker://`) is an image;
 * - `*.json` is a report;
 * - an archive (`.tar`, `.tar.gz`, `.tgz`, `.tar.zst`) is an image;
 * - an existing directory is an image (an OCI layout or a root filesystem), another existing
 *   file a report;
 * - anything else is an image when it is an image name with a tag or digest (`app:1`,
 *   `ghcr.io/o/app@sha256:…`); a bare word stays a report path, so a missing report is reported
 *   as missing instead of being looked up in a registry.
 */
export function isImageReference(
  v: string,
  kindOf: (path: string) => PathKind = pathKind,
  sources: readonly ImageSourceKind[] = imageSources,
): boolean {
  if (explicitKind(v, sources) || /^docker:\/\//.test(v)) return true;
  if (/\.json$/i.test(v)) return false;
  if (/\.(tar|tar\.gz|tgz|tar\.zst)$/i.test(v)) return true;
  const kind = kindOf(v);
  if (kind) return kind === 'dir';
  return /[:@]/.test(v) && parseImageName(v) !== undefined;
}
