import { messages, UserError, type Where } from '../errors.js';
import type { OciDescriptor, OciPlatform } from '../types/oci/descriptor.js';

/** A platform as `os/arch[/variant]`, e.g. `linux/arm64/v8`. */
export interface PlatformSpec {
  os: string;
  architecture: string;
  variant?: string;
}

/** The default platform when an index offers several: what CI runners build for. */
export const DEFAULT_PLATFORM = 'linux/amd64';

/** Parses `linux/arm64/v8`; throws a `UserError` on anything else. */
export function parsePlatform(s: string): PlatformSpec {
  const parts = s.split('/');
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !p))
    throw new UserError(messages.flagValueInvalid('--platform', s, ['os/arch', 'os/arch/variant']));
  const [os, architecture, variant] = parts as [string, string, string?];
  return variant ? { os, architecture, variant } : { os, architecture };
}

export function formatPlatform(p: OciPlatform | PlatformSpec): string {
  return [p.os, p.architecture, p.variant].filter(Boolean).join('/');
}

/** arm64 images usually carry variant v8 or none; treat the two as the same. */
function variantMatches(want: string | undefined, have: string | undefined, arch: string): boolean {
  if (!want) return true;
  if (want === have) return true;
  return arch === 'arm64' && (want === 'v8' || want === undefined) && (have === 'v8' || have === undefined);
}

/**
 * Picks the manifest for `platform` from an index's entries. Entries that are attestations
 * (`unknown/unknown`, `vnd.docker.reference.type` annotation) are never picked.
 */
export function pickManifest(manifests: OciDescriptor[], platform: string, where: Where): OciDescriptor {
  const want = parsePlatform(platform);
  const images = manifests.filter(
    (m) => !m.annotations?.['vnd.docker.reference.type'] && m.platform?.os !== 'unknown',
  );
  if (images.length === 1 && !images[0]!.platform) return images[0]!;
  const hit = images.find(
    (m) =>
      m.platform &&
      m.platform.os === want.os &&
      m.platform.architecture === want.architecture &&
      variantMatches(want.variant, m.platform.variant, want.architecture),
  );
  if (hit) return hit;
  const available = images.map((m) => (m.platform ? formatPlatform(m.platform) : m.digest));
  throw new UserError(messages.noMatchingPlatform(platform, available), where);
}
