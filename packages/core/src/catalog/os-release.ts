import type { FsView } from '../image/fs-view.js';
import { distroEcosystem } from '../ecosystems/index.js';
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

/** A distro as one file describes it, before its ecosystem is worked out. */
type Found = Omit<Distro, 'source' | 'ecosystem'>;

function fromOsRelease(text: string): Found | undefined {
  const f = parseOsRelease(text);
  if (!f.ID) return undefined;
  return {
    id: f.ID.toLowerCase(),
    ...(f.VERSION_ID ? { versionId: f.VERSION_ID } : {}),
    ...(f.VERSION_CODENAME ? { codename: f.VERSION_CODENAME } : {}),
    ...(f.PRETTY_NAME ? { prettyName: f.PRETTY_NAME } : {}),
  };
}

/** Product names of `/etc/*-release` lines, to os-release `ID`s. */
const RELEASE_NAMES: [RegExp, string][] = [
  [/^Red Hat Enterprise Linux/, 'rhel'],
  [/^CentOS/, 'centos'],
  [/^Rocky Linux/, 'rocky'],
  [/^AlmaLinux/, 'almalinux'],
  [/^Fedora/, 'fedora'],
  [/^Amazon Linux/, 'amzn'],
  [/^Oracle Linux/, 'ol'],
  [/^(CBL-Mariner|Common Base Linux Mariner)/, 'mariner'],
  [/^Scientific Linux/, 'scientific'],
];

/**
 * The one-line release files of Red Hat's family, which predate os-release (RHEL ≤ 6, CentOS
 * ≤ 6, Amazon Linux AMI): `CentOS Linux release 7.6.1810 (Core)`, `Amazon Linux AMI release
 * 2018.03`, `Red Hat Enterprise Linux Server release 6.10 (Santiago)`.
 */
function fromReleaseLine(text: string): Found | undefined {
  const line = text.split('\n')[0]!.trim();
  const m = /^(.*?)\s+release\s+(\d[\w.]*)/.exec(line);
  const id = m && RELEASE_NAMES.find(([re]) => re.test(m[1]!))?.[1];
  return m && id ? { id, versionId: m[2]!, prettyName: line } : undefined;
}

/**
 * SUSE's `/etc/SuSE-release` (SLE ≤ 12, openSUSE ≤ 42.3): a product line, then `VERSION = 12`
 * and `PATCHLEVEL = 3`; SLES 12 SP3's os-release says `VERSION_ID="12.3"`, so the same here.
 */
function fromSuseRelease(text: string): Found | undefined {
  const [first = ''] = text.split('\n');
  const version = /^VERSION\s*=\s*(\S+)/m.exec(text)?.[1];
  if (!version) return undefined;
  const patch = /^PATCHLEVEL\s*=\s*(\d+)/m.exec(text)?.[1];
  const versionId = patch && patch !== '0' ? `${version}.${patch}` : version;
  if (first.startsWith('SUSE Linux Enterprise Server')) return { id: 'sles', versionId };
  if (first.startsWith('SUSE Linux Enterprise Desktop')) return { id: 'sled', versionId };
  if (first.startsWith('openSUSE'))
    return { id: Number(version) >= 42 ? 'opensuse-leap' : 'opensuse', versionId };
  return undefined;
}

/** `/etc/lsb-release` (Ubuntu, Linux Mint…): `DISTRIB_ID`, `DISTRIB_RELEASE`, `DISTRIB_CODENAME`. */
function fromLsbRelease(text: string): Found | undefined {
  const f = parseOsRelease(text);
  if (!f.DISTRIB_ID) return undefined;
  return {
    id: f.DISTRIB_ID.toLowerCase(),
    ...(f.DISTRIB_RELEASE ? { versionId: f.DISTRIB_RELEASE } : {}),
    ...(f.DISTRIB_CODENAME ? { codename: f.DISTRIB_CODENAME } : {}),
    ...(f.DISTRIB_DESCRIPTION ? { prettyName: f.DISTRIB_DESCRIPTION } : {}),
  };
}

/**
 * apk's repository list names the distro where no release file does (minimal apko images):
 * `…/alpine/v3.19/main`, `https://packages.wolfi.dev/os`, `https://packages.cgr.dev/…`.
 */
function fromApkRepositories(text: string): Found | undefined {
  const alpine = /\/alpine\/v(\d+\.\d+)\//.exec(text);
  if (alpine) return { id: 'alpine', versionId: alpine[1]! };
  if (/\bpackages\.wolfi\.dev\b/.test(text)) return { id: 'wolfi' };
  if (/\b(packages|apk)\.cgr\.dev\b/.test(text)) return { id: 'chainguard' };
  return undefined;
}

/**
 * A distroless Debian image (Google's `distroless/base` keeps one dpkg status file per package
 * in `status.d/`): `base-files`' version is the Debian release (`12.4+deb12u5` → 12).
 */
function fromDistrolessBaseFiles(text: string): Found | undefined {
  if (!/^Package:\s*base-files\s*$/m.test(text)) return undefined;
  const major = /^Version:\s*(\d+)/m.exec(text)?.[1];
  return major ? { id: 'debian', versionId: major, prettyName: 'Distroless' } : undefined;
}

function fromDebianVersion(text: string): Found {
  const v = text.trim();
  return { id: 'debian', ...(/^\d/.test(v) ? { versionId: v } : {}) };
}

/**
 * Where the distro is read from, in order: os-release(5) (`/etc` first, then `/usr/lib`, as
 * the man page says readers should), then the files that predate it or stand in for it.
 */
const SOURCES: { path: string; parse: (text: string) => Found | undefined }[] = [
  { path: 'etc/os-release', parse: fromOsRelease },
  { path: 'usr/lib/os-release', parse: fromOsRelease },
  { path: 'etc/centos-release', parse: fromReleaseLine },
  { path: 'etc/redhat-release', parse: fromReleaseLine },
  { path: 'etc/system-release', parse: fromReleaseLine },
  { path: 'etc/SuSE-release', parse: fromSuseRelease },
  { path: 'etc/lsb-release', parse: fromLsbRelease },
  { path: 'etc/alpine-release', parse: (t) => ({ id: 'alpine', versionId: t.trim() }) },
  { path: 'etc/apk/repositories', parse: fromApkRepositories },
  { path: 'etc/debian_version', parse: fromDebianVersion },
  { path: 'var/lib/dpkg/status.d/base-files', parse: fromDistrolessBaseFiles },
];

const PATHS: ReadonlySet<string> = new Set(SOURCES.map((s) => s.path));

/**
 * Detects the distro from os-release and its fallbacks (see `SOURCES`). Runs before every
 * other view cataloger, which find it in their context.
 */
export const osReleaseCataloger: ViewCataloger = {
  id: 'os-release',
  version: 2,
  kind: 'view',
  staticPaths: [...PATHS],
  wants: (path) => PATHS.has(path),
  async catalog(view) {
    const out: CatalogOutput = emptyOutput();
    const distro = await detect(view);
    if (distro) out.distro = distro;
    return out;
  },
};

async function detect(view: FsView): Promise<Distro | undefined> {
  for (const { path, parse } of SOURCES) {
    const bytes = await view.read(path);
    const found = bytes ? parse(bytes.toString('utf8')) : undefined;
    if (!found) continue;
    const ecosystem = distroEcosystem(found);
    return { ...found, ...(ecosystem ? { ecosystem } : {}), source: path };
  }
  return undefined;
}
