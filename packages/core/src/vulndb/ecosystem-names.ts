import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { messages, UserError } from '../errors.js';
import { DEFAULT_ECOSYSTEMS } from '../ecosystems/index.js';
import { archiveOf } from './db.js';

/**
 * OSV's ecosystem names (the keys of the schema's `ecosystems.json`, OSV schema
 * §affected[].package.ecosystem), i.e. the archive names of its bulk download.
 */
export const OSV_ECOSYSTEMS: readonly string[] = [
  'AlmaLinux',
  'Alpaquita',
  'Alpine',
  'Android',
  'Azure Linux',
  'BellSoft Hardened Containers',
  'Bioconductor',
  'Bitnami',
  'CRAN',
  'Chainguard',
  'CleanStart',
  'ConanCenter',
  'Debian',
  'Docker Hardened Images',
  'Echo',
  'FreeBSD',
  'GHC',
  'GitHub Actions',
  'Go',
  'Hackage',
  'Hex',
  'Julia',
  'Kubernetes',
  'Linux',
  'Mageia',
  'Maven',
  'MinimOS',
  'NuGet',
  'OSS-Fuzz',
  'Packagist',
  'Photon OS',
  'Pub',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'Root',
  'RubyGems',
  'SUSE',
  'SwiftURL',
  'TuxCare',
  'Ubuntu',
  'VSCode',
  'Wolfi',
  'crates.io',
  'npm',
  'opam',
  'openEuler',
  'openSUSE',
];

/**
 * What `--ecosystems auto` means when no scan has run and the cache is empty: the OS
 * distributions and language ecosystems tidegate catalogs and can compare versions for (the
 * ecosystem table's `defaultDownload` rows).
 */
export { DEFAULT_ECOSYSTEMS };

/** Checks `--ecosystems` names (archive names: `Debian`, not `Debian:12`); throws UserError for unknown ones. */
export function checkEcosystemNames(names: readonly string[]): string[] {
  const out = [...new Set(names.map((n) => archiveOf(n.trim())).filter(Boolean))];
  for (const n of out) if (!OSV_ECOSYSTEMS.includes(n)) throw new UserError(messages.ecosystemUnknown(n));
  return out;
}

const LAST_SCAN = 'last-scan.json';

/** Remembers which archives the last scan needed, for `db update --ecosystems auto`. */
export async function recordScannedEcosystems(dir: string, ecosystems: readonly string[]): Promise<void> {
  const archives = [...new Set(ecosystems.filter(Boolean).map(archiveOf))]
    .filter((e) => OSV_ECOSYSTEMS.includes(e))
    .sort();
  await writeFile(
    join(dir, LAST_SCAN),
    `${JSON.stringify({ archives, at: new Date().toISOString() })}\n`,
  ).catch(() => undefined);
}

/**
 * `auto`: the archives already in the cache plus those the last scan needed; the default
 * list when both are empty (a first run in CI, before any scan).
 */
export async function autoEcosystems(dir: string, cached: readonly string[]): Promise<string[]> {
  let scanned: string[] = [];
  try {
    scanned = (JSON.parse(await readFile(join(dir, LAST_SCAN), 'utf8')) as { archives: string[] }).archives;
  } catch {
    // no scan yet
  }
  const all = [...new Set([...cached, ...scanned])].filter((e) => OSV_ECOSYSTEMS.includes(e));
  return (all.length ? all : [...DEFAULT_ECOSYSTEMS]).sort();
}
