import { PackageURL } from 'packageurl-js';
import type { Distro } from '../../types/model.js';
import type { PackageDraft } from '../cataloger.js';
import { headerInt32s, headerString, headerStrings, TAG, type RpmHeader } from './header.js';

/** What tidegate reads from one installed package's header. */
export interface RpmInfo {
  name: string;
  /** `EPOCH`; absent when the header has none (rpm's `%{EPOCHNUM}` then prints 0). */
  epoch?: number;
  version: string;
  release: string;
  arch?: string;
  /** The source rpm's file name, `util-linux-2.32.1-42.el8_8.src.rpm`. */
  sourceRpm?: string;
  license?: string;
  modularityLabel?: string;
  vendor?: string;
  /** Installed paths, image-relative (no leading slash). */
  files: string[];
}

/**
 * The package fields of a header. `undefined` when NAME or VERSION is missing: rpm itself
 * cannot name such a package.
 */
export function rpmInfo(h: RpmHeader): RpmInfo | undefined {
  const name = headerString(h, TAG.NAME);
  const version = headerString(h, TAG.VERSION);
  if (!name || version === undefined) return undefined;
  const epoch = headerInt32s(h, TAG.EPOCH)?.[0];
  const optional: Partial<RpmInfo> = {};
  const put = (key: 'arch' | 'sourceRpm' | 'license' | 'modularityLabel' | 'vendor', tag: number) => {
    const v = headerString(h, tag);
    if (v !== undefined) optional[key] = v;
  };
  put('arch', TAG.ARCH);
  put('sourceRpm', TAG.SOURCERPM);
  put('license', TAG.LICENSE);
  put('modularityLabel', TAG.MODULARITYLABEL);
  put('vendor', TAG.VENDOR);
  return {
    name,
    ...(epoch !== undefined ? { epoch } : {}),
    version,
    release: headerString(h, TAG.RELEASE) ?? '',
    ...optional,
    files: fileList(h),
  };
}

/**
 * Installed files: `DIRNAMES[DIRINDEXES[i]] + BASENAMES[i]` (rpm ≥ 4.0's compressed file
 * list), or `OLDFILENAMES` in headers older than that.
 */
function fileList(h: RpmHeader): string[] {
  const base = headerStrings(h, TAG.BASENAMES);
  const dirs = headerStrings(h, TAG.DIRNAMES)?.map(relative);
  const index = headerInt32s(h, TAG.DIRINDEXES);
  if (!base || !dirs || !index)
    return (headerStrings(h, TAG.OLDFILENAMES) ?? []).map(relative).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < base.length; i++) {
    const path = (dirs[index[i] ?? -1] ?? '') + base[i];
    if (path) out.push(path);
  }
  return out;
}

/** Image paths have no leading slash (the dirnames are joined once, not per file). */
function relative(path: string): string {
  let i = 0;
  while (path.charCodeAt(i) === 47) i++;
  return i ? path.slice(i) : path;
}

/**
 * The version as OSV's Red Hat-family ecosystems write it (AlmaLinux, Rocky, Red Hat, SUSE,
 * Azure Linux records: `fixed: "1:1.26.0-14.el8_3"`): `epoch:version-release`, with the epoch
 * only when it is not 0, since rpm compares a missing epoch as 0.
 */
export function rpmVersion(p: Pick<RpmInfo, 'epoch' | 'version' | 'release'>): string {
  const vr = p.release ? `${p.version}-${p.release}` : p.version;
  return p.epoch ? `${p.epoch}:${vr}` : vr;
}

/**
 * Splits a source rpm file name (`name-version-release.src.rpm`, `.nosrc.rpm`) into its name
 * and `version-release`. Names may contain dashes; version and release may not (rpm forbids
 * `-` in both), so the last two dashes separate them.
 */
export function splitSourceRpm(file: string): { name: string; versionRelease: string } | undefined {
  const m = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(file);
  return m ? { name: m[1]!, versionRelease: `${m[2]}-${m[3]}` } : undefined;
}

/**
 * The source package advisories may be keyed by: the SRPM's name and version, with the
 * binary's epoch (the SRPM file name carries none; both come from the same spec file).
 */
export function rpmSource(p: RpmInfo): { name: string; version: string } {
  const src = p.sourceRpm ? splitSourceRpm(p.sourceRpm) : undefined;
  if (!src) return { name: p.name, version: rpmVersion(p) };
  return { name: src.name, version: p.epoch ? `${p.epoch}:${src.versionRelease}` : src.versionRelease };
}

/** purl namespaces for os-release ids whose vendor name differs (purl-spec `rpm` examples: `redhat`, `fedora`, `opensuse`). */
const NAMESPACE: Record<string, string> = {
  rhel: 'redhat',
  'opensuse-leap': 'opensuse',
  'opensuse-tumbleweed': 'opensuse',
  sles: 'suse',
  sled: 'suse',
};

/**
 * `pkg:rpm/<vendor>/<name>@<version>-<release>?arch=…&distro=<id>-<version_id>&epoch=…`
 * (purl-spec `rpm` type: the epoch is a qualifier, not part of the version), plus
 * `upstream=<source name>` when it differs, as the deb and apk purls here do.
 */
export function rpmPurl(p: RpmInfo, distro: Distro | undefined): string {
  const qualifiers: Record<string, string> = {};
  if (p.arch) qualifiers.arch = p.arch;
  if (p.epoch) qualifiers.epoch = String(p.epoch);
  if (distro?.versionId) qualifiers.distro = `${distro.id}-${distro.versionId}`;
  const source = rpmSource(p).name;
  if (source !== p.name) qualifiers.upstream = source;
  const namespace = distro ? (NAMESPACE[distro.id] ?? distro.id) : undefined;
  const vr = p.release ? `${p.version}-${p.release}` : p.version;
  return new PackageURL('rpm', namespace, p.name, vr, qualifiers, undefined).toString();
}

/** A package draft for one rpm header read from `path`. */
export function rpmPackage(p: RpmInfo, path: string, distro: Distro | undefined): PackageDraft {
  return {
    name: p.name,
    version: rpmVersion(p),
    type: 'rpm',
    ecosystem: distro?.ecosystem ?? '',
    purl: rpmPurl(p, distro),
    source: rpmSource(p),
    ...(p.arch ? { arch: p.arch } : {}),
    licenses: p.license ? [p.license] : [],
    locations: [path],
    files: p.files,
  };
}
