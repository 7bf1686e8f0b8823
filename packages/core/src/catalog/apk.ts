import { PackageURL } from 'packageurl-js';
import type { FsView } from '../image/fs-view.js';
import type { CatalogIssue, Distro } from '../types/model.js';
import type { CatalogOutput, PackageDraft, ViewCataloger } from './cataloger.js';
import { originsFromVersions } from './origin.js';

const INSTALLED = 'lib/apk/db/installed';

/** One package record of apk's `installed` database (apk-tools `database.c`, "apk spec"). */
interface ApkEntry {
  name: string;
  version: string;
  arch?: string;
  origin?: string;
  license?: string;
  files: string[];
  line: number;
}

/**
 * Parses `lib/apk/db/installed`: records separated by blank lines, each line `X:value` with a
 * one-letter key. `P` name, `V` version, `A` arch, `o` origin (the source package, which
 * Alpine's secdb and OSV key advisories by), `L` licence, `F` a directory and `R` a file in it.
 */
export function parseInstalled(text: string, issues: CatalogIssue[], path = INSTALLED): ApkEntry[] {
  const entries: ApkEntry[] = [];
  let cur: ApkEntry | undefined;
  let dir = '';
  const lines = text.split('\n');
  const finish = () => {
    if (!cur) return;
    if (cur.name && cur.version) entries.push(cur);
    else
      issues.push({
        by: 'apk',
        message: `line ${cur.line}: record without P: or V:`,
        path,
        osDatabase: true,
      });
    cur = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') {
      finish();
      continue;
    }
    if (line[1] !== ':') {
      issues.push({ by: 'apk', message: `line ${i + 1}: not a 'X:value' line`, path, osDatabase: true });
      continue;
    }
    cur ??= { name: '', version: '', files: [], line: i + 1 };
    const value = line.slice(2);
    switch (line[0]) {
      case 'P':
        cur.name = value;
        break;
      case 'V':
        cur.version = value;
        break;
      case 'A':
        cur.arch = value;
        break;
      case 'o':
        cur.origin = value;
        break;
      case 'L':
        cur.license = value;
        break;
      case 'F':
        dir = value;
        break;
      case 'R':
        cur.files.push(dir ? `${dir}/${value}` : value);
        break;
    }
  }
  finish();
  return entries;
}

function toPackage(e: ApkEntry, distro: Distro | undefined): PackageDraft {
  const qualifiers: Record<string, string> = {};
  if (e.arch) qualifiers.arch = e.arch;
  if (distro?.versionId) qualifiers.distro = `${distro.id}-${distro.versionId}`;
  if (e.origin && e.origin !== e.name) qualifiers.upstream = e.origin;
  return {
    name: e.name,
    version: e.version,
    type: 'apk',
    ecosystem: distro?.ecosystem ?? '',
    purl: new PackageURL('apk', distro?.id ?? 'alpine', e.name, e.version, qualifiers, undefined).toString(),
    source: { name: e.origin ?? e.name, version: e.version },
    ...(e.arch ? { arch: e.arch } : {}),
    licenses: e.license ? [e.license] : [],
    locations: [INSTALLED],
    files: e.files,
  };
}

/** Alpine (and Wolfi/Chainguard) packages from apk's installed database. */
export const apkCataloger: ViewCataloger = {
  id: 'apk',
  version: 1,
  kind: 'view',
  osDatabase: true,
  staticPaths: [INSTALLED],
  wants: (path) => path === INSTALLED,
  async catalog(view: FsView, ctx): Promise<CatalogOutput> {
    const out: CatalogOutput = { packages: [], issues: [] };
    const bytes = await view.read(INSTALLED);
    if (!bytes) return out;
    const entries = parseInstalled(bytes.toString('utf8'), out.issues);
    const origins = originsFromVersions(
      view,
      INSTALLED,
      (b) => new Set(parseInstalled(b.toString('utf8'), []).map((e) => `${e.name}@${e.version}`)),
    );
    for (const e of entries) {
      const layer = origins.get(`${e.name}@${e.version}`);
      out.packages.push({ ...toPackage(e, ctx.distro), ...(layer ? { layer } : {}) });
    }
    return out;
  },
};
