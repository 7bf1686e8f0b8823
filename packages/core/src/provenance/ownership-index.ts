import type { FsView } from '../image/fs-view.js';
import type { Package } from '../types/model.js';

function dirOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/** `Foo-Bar` → `foo_bar`: how a Python distribution's import directory is usually named. */
function pyName(name: string): string {
  return name.toLowerCase().replace(/[-.]+/g, '_');
}

/**
 * The directories a language package owns, from where its cataloger read it: an npm package's
 * own directory, a Python distribution's import package (and the `<name>.libs` directory
 * auditwheel puts bundled libraries in), a gem's directory, a jar itself, a composer package.
 */
function ownedDirs(p: Package): string[] {
  const loc = p.locations[0];
  if (!loc) return [];
  switch (p.type) {
    case 'npm':
      return /(^|\/)node_modules\/.+\/package\.json$/.test(loc) ? [dirOf(loc)] : [];
    case 'pypi': {
      const m = /^(.*)\/[^/]+\.(dist-info|egg-info)(\/[^/]+)?$/.exec(loc);
      if (!m) return [];
      const n = pyName(p.name);
      return [`${m[1]}/${n}`, `${m[1]}/${n}.libs`, `${m[1]}/${p.name.toLowerCase()}`];
    }
    case 'gem': {
      const m = /^(.*)\/specifications\/([^/]+)\.gemspec$/.exec(loc);
      return m ? [`${m[1]}/gems/${m[2]}`, `${m[1]}/extensions`] : [];
    }
    case 'composer':
      return /\/vendor\/[^/]+\/[^/]+\/composer\.json$/.test(loc) ? [dirOf(loc)] : [];
    case 'maven':
      return [loc.split('!')[0]!];
    default:
      return [];
  }
}

/**
 * dpkg keeps each installed package's maintainer scripts in `var/lib/dpkg/info/` (executable,
 * and in no `.list`); rpm and apk keep theirs inside their databases. Only scripts of packages
 * that are installed count, so the directory is no hiding place.
 */
const DPKG_SCRIPT = /^var\/lib\/dpkg\/info\/([^/:]+)(?::[^/.]+)?\.(preinst|postinst|prerm|postrm|config)$/;

/** Answers "did a package manager install this path?" for the merged view. */
export interface Ownership {
  owner(path: string): string | undefined;
}

/**
 * Files distro packages list (dpkg `.list`, rpm, apk), made canonical through the view's
 * symlinks (Debian 12 lists `/bin/ls`, which is `usr/bin/ls` under merged /usr), plus the
 * directories language packages own.
 */
export function ownershipIndex(view: FsView, packages: readonly Package[]): Ownership {
  const files = new Map<string, string>();
  const dirs: [string, string][] = [];
  const debs = new Set(packages.filter((p) => p.type === 'deb').map((p) => p.name));
  for (const p of packages) {
    for (const f of p.files ?? []) {
      const path = f.replace(/^\/+/, '');
      const real = view.resolve(path) ?? path;
      files.set(real, p.name);
      files.set(path, p.name);
    }
    for (const d of ownedDirs(p)) dirs.push([`${d}/`, `${p.type}:${p.name}`]);
  }
  return {
    owner(path) {
      const script = DPKG_SCRIPT.exec(path);
      if (script && debs.has(script[1]!)) return `${script[1]} (dpkg maintainer script)`;
      return files.get(path) ?? dirs.find(([d]) => path.startsWith(d) || `${path}/` === d)?.[1];
    },
  };
}
