/**
 * How each distro names its releases in OSV ecosystem names, from os-release fields
 * (https://ossf.github.io/osv-schema/#affectedpackage-field and `../shared/schemas/osv/ecosystems.json`).
 * The rules are used by the rows of `table.ts`.
 */

/** Ubuntu LTS releases are the even years' April releases (`22.04`). */
function isUbuntuLts(versionId: string): boolean {
  const m = /^(\d+)\.04$/.exec(versionId);
  return m !== null && Number(m[1]) % 2 === 0;
}

/** What a rule reads of a distro: os-release `ID`, `VERSION_ID` and `PRETTY_NAME`. */
export interface DistroRelease {
  id: string;
  versionId?: string;
  prettyName?: string;
}

/** Names a distro release's OSV ecosystem (`Debian:12`), or `undefined` when it cannot. */
export type DistroRule = (d: DistroRelease) => string | undefined;

const major = (v: string | undefined) => /^(\d+)/.exec(v ?? '')?.[1];
/** `<name>:<major of VERSION_ID>` (`Debian:12`, `AlmaLinux:9`). */
export const withMajor =
  (name: string): DistroRule =>
  (d) => {
    const m = major(d.versionId);
    return m ? `${name}:${m}` : undefined;
  };

/**
 * Red Hat's OSV records are scoped by a product-stream CPE with the `cpe:/o:redhat:` prefix
 * removed (`Red Hat:enterprise_linux:9::baseos`, `…::appstream`). An image installs packages
 * from several streams and os-release names none of them, so the stream is left off here, as
 * the advisory index leaves it off (`ecosystemKey` in vulndb/db.ts): `Red Hat:enterprise_linux:9`.
 */
export function redHat(d: DistroRelease): string | undefined {
  const m = major(d.versionId);
  if (!m) return undefined;
  return `Red Hat:enterprise_linux:${m}`;
}

/**
 * SUSE and openSUSE ecosystems carry the product's marketing name, "the value in the
 * /etc/os-release PRETTY_NAME field" (OSV ecosystems list): `SUSE Linux Enterprise Server 15
 * SP5` → `SUSE:Linux Enterprise Server 15 SP5`, `openSUSE Leap 15.5` → `openSUSE:Leap 15.5`.
 * Without a PRETTY_NAME the name is rebuilt from `VERSION_ID` (`15.5` → `15 SP5`).
 */
export function suse(vendor: 'SUSE' | 'openSUSE', product: string): DistroRule {
  return (d) => {
    const pretty = d.prettyName?.trim() ?? '';
    if (pretty.startsWith(`${vendor} `)) return `${vendor}:${pretty.slice(vendor.length + 1).trim()}`;
    if (product === 'Tumbleweed') return `${vendor}:Tumbleweed`;
    const m = /^(\d+)(?:\.(\d+))?/.exec(d.versionId ?? '');
    if (!m) return undefined;
    if (vendor === 'openSUSE') return `openSUSE:${product} ${d.versionId}`;
    return `SUSE:${product} ${m[1]}${m[2] && m[2] !== '0' ? ` SP${m[2]}` : ''}`;
  };
}

/** openEuler: `YY.MM`, then `-LTS` and `-SPn` as PRETTY_NAME's parenthesis says (`openEuler 24.03 (LTS-SP1)`). */
export function openEuler(d: DistroRelease): string | undefined {
  const v = /^(\d+\.\d+)/.exec(d.versionId ?? '')?.[1];
  if (!v) return undefined;
  const lts = /\((LTS(?:-SP\d+)?)\)/.exec(d.prettyName ?? '')?.[1];
  return `openEuler:${v}${lts ? `-${lts}` : ''}`;
}

/** Ubuntu: `Ubuntu:<VERSION_ID>`, with `:LTS` for LTS releases (`Ubuntu:22.04:LTS`). */
export const ubuntu: DistroRule = (d) =>
  d.versionId ? `Ubuntu:${d.versionId}${isUbuntuLts(d.versionId) ? ':LTS' : ''}` : undefined;

/** Alpine: `Alpine:v<major>.<minor>`. */
export const alpine: DistroRule = (d) => {
  const m = /^(\d+)\.(\d+)/.exec(d.versionId ?? '');
  return m ? `Alpine:v${m[1]}.${m[2]}` : undefined;
};

/** Photon OS: `Photon OS:<major>.<minor>`. */
export const photon: DistroRule = (d) =>
  /^\d+\.\d+$/.test(d.versionId ?? '') ? `Photon OS:${d.versionId}` : undefined;
