import type { FsView } from '../image/fs-view.js';
import { distroEcosystem } from '../match/ecosystems.js';
import type { Distro } from '../types/model.js';
import { emptyOutput, type CatalogOutput, type ViewCataloger } from './cataloger.js';

/** Parses the `KEY=value` lines of an os-release file (freedesktop.org os-release(5)). */
export function parseOsRelease(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    let v = m[2]!;
    if ((v.startsWith('"') && v.endsWith('"')) || (v.startsWith("'") && v.endsWith("'"))) v = v.slice(1, -1);
    out[m[1]!] = v.replace(/\\(["'$`\\])/g, '$1');
  }
  return out;
}

const OS_RELEASE = ['etc/os-release', 'usr/lib/os-release'];
const ALPINE_RELEASE = 'etc/alpine-release';
const DEBIAN_VERSION = 'etc/debian_version';

/**
 * Detects the distro from `/etc/os-release` (falling back to `/usr/lib/os-release`, as
 * os-release(5) says readers should), then `/etc/alpine-release` and `/etc/debian_version`
 * for images that ship no os-release. Runs before every other view cataloger.
 */
export const osReleaseCataloger: ViewCataloger = {
  id: 'os-release',
  version: 1,
  kind: 'view',
  staticPaths: [...OS_RELEASE, ALPINE_RELEASE, DEBIAN_VERSION],
  wants: (path) => OS_RELEASE.includes(path) || path === ALPINE_RELEASE || path === DEBIAN_VERSION,
  async catalog(view) {
    const out: CatalogOutput = emptyOutput();
    const distro = await detect(view);
    if (distro) out.distro = distro;
    return out;
  },
};

async function detect(view: FsView): Promise<Distro | undefined> {
  for (const path of OS_RELEASE) {
    const bytes = await view.read(path);
    if (!bytes) continue;
    const f = parseOsRelease(bytes.toString('utf8'));
    if (!f.ID) continue;
    return withEcosystem({
      id: f.ID.toLowerCase(),
      ...(f.VERSION_ID ? { versionId: f.VERSION_ID } : {}),
      ...(f.VERSION_CODENAME ? { codename: f.VERSION_CODENAME } : {}),
      ...(f.PRETTY_NAME ? { prettyName: f.PRETTY_NAME } : {}),
      source: path,
    });
  }
  const alpine = await view.read(ALPINE_RELEASE);
  if (alpine)
    return withEcosystem({ id: 'alpine', versionId: alpine.toString('utf8').trim(), source: ALPINE_RELEASE });
  const debian = await view.read(DEBIAN_VERSION);
  if (debian) {
    const v = debian.toString('utf8').trim();
    return withEcosystem({
      id: 'debian',
      ...(/^\d/.test(v) ? { versionId: v } : {}),
      source: DEBIAN_VERSION,
    });
  }
  return undefined;
}

function withEcosystem(d: Distro): Distro {
  const ecosystem = distroEcosystem(d);
  return ecosystem ? { ...d, ecosystem } : d;
}
