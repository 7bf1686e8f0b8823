import { PackageURL } from 'packageurl-js';
import type { PackageDraft } from '../cataloger.js';
import { splitSourceRpm } from '../rpm/package.js';
import { messages } from '../../errors.js';
import { distroEcosystem, osReleaseId, packageTypes, purlTypeEcosystem } from '../../ecosystems/index.js';
import { osvPackageName } from '../../ecosystems/purl-names.js';
import type { CatalogIssue, Distro, PackageType } from '../../types/model.js';
import type { SbomComponent, SbomDocument } from './document.js';

/** purl types of OS packages (`deb`, `apk`, `rpm`), from the ecosystem table. */
const OS_TYPES: ReadonlySet<string> = packageTypes('distro');
/** Every purl type tidegate reports packages for; components of other types are counted as unsupported. */
const TYPES: ReadonlySet<string> = packageTypes();

/**
 * A distro from an OS name and version as an SBOM writes them: Syft writes the os-release `ID`,
 * Trivy its own family names (`alma`, `redhat`, `opensuse.leap`…), which the table maps back.
 */
export function sbomDistro(name: string, version: string | undefined, source: string): Distro {
  const id = osReleaseId(name);
  const ecosystem = distroEcosystem({ id, ...(version ? { versionId: version } : {}) });
  return { id, ...(version ? { versionId: version } : {}), ...(ecosystem ? { ecosystem } : {}), source };
}

/** purl's `distro` qualifier (`centos-7.6.1810`, `opensuse-leap-15.5`, `debian-12`). */
function purlDistro(qualifier: string | undefined, source: string): Distro | undefined {
  const m = /^(.+?)-(\d[^-]*)$/.exec(qualifier ?? '');
  return m ? sbomDistro(m[1]!, m[2], source) : undefined;
}

/** rpm purls carry the epoch as a qualifier; OSV's versions put it in front. */
function versionOf(p: PackageURL, c: SbomComponent): string {
  const v = p.version ?? c.version ?? '';
  const epoch = p.qualifiers?.epoch;
  return p.type === 'rpm' && epoch && epoch !== '0' && !v.includes(':') ? `${epoch}:${v}` : v;
}

/**
 * The source package: the document's own statement (Trivy's properties, SPDX `sourceInfo`),
 * else purl's `upstream` qualifier — an SRPM file name (Syft's rpm purls), `name@version`, or a
 * name — else the package itself. A source without a version has the binary's (rpm: with its epoch).
 */
function sourceOf(p: PackageURL, c: SbomComponent, version: string): { name: string; version: string } {
  if (c.source) return { name: c.source.name, version: c.source.version ?? version };
  const up = p.qualifiers?.upstream;
  const srpm = up && p.type === 'rpm' ? splitSourceRpm(up) : undefined;
  const epoch = p.qualifiers?.epoch;
  if (srpm)
    return {
      name: srpm.name,
      version: epoch && epoch !== '0' ? `${epoch}:${srpm.versionRelease}` : srpm.versionRelease,
    };
  const at = up?.lastIndexOf('@') ?? -1;
  if (up && at > 0) return { name: up.slice(0, at), version: up.slice(at + 1) };
  return { name: up ?? p.name, version };
}

/** One component as a package draft, or why it cannot be one. */
export function componentPackage(
  c: SbomComponent,
  docDistro: Distro | undefined,
  file: string,
): PackageDraft | { problem: string; type?: string } {
  if (!c.purl) return { problem: 'no purl' };
  let p: PackageURL;
  try {
    p = PackageURL.fromString(c.purl);
  } catch (err) {
    return { problem: messages.sbomBadPurl(c.purl, (err as Error).message) };
  }
  if (!TYPES.has(p.type)) return { problem: 'type', type: p.type };
  const os = OS_TYPES.has(p.type);
  const distro = docDistro ?? (os ? purlDistro(p.qualifiers?.distro, file) : undefined);
  const version = versionOf(p, c);
  const arch = p.qualifiers?.arch;
  return {
    name: osvPackageName(p.type, p.namespace, p.name),
    version,
    type: p.type as PackageType,
    ecosystem: (os ? distro?.ecosystem : purlTypeEcosystem(p.type)) ?? '',
    purl: p.toString(), // canonical form (sorted qualifiers), as image scans write it
    ...(os ? { source: sourceOf(p, c, version) } : {}),
    ...(arch ? { arch } : {}),
    licenses: c.licenses,
    locations: c.path ? [c.path] : [],
  };
}

/** Without an operating-system component, the distro named by the first OS package's purl. */
function distroFromPurls(doc: SbomDocument, file: string): Distro | undefined {
  for (const c of doc.components) {
    try {
      const p = c.purl ? PackageURL.fromString(c.purl) : undefined;
      const d = p && OS_TYPES.has(p.type) ? purlDistro(p.qualifiers?.distro, file) : undefined;
      if (d) return d;
    } catch {
      // reported when the component itself is read
    }
  }
  return undefined;
}

/** The packages of a document, the distro it names, and what could not be read (as issues on `file`). */
export function documentPackages(
  doc: SbomDocument,
  file: string,
): { drafts: [SbomComponent, PackageDraft][]; distro?: Distro; issues: CatalogIssue[] } {
  const distro = doc.os ? sbomDistro(doc.os.name, doc.os.version, file) : distroFromPurls(doc, file);
  const drafts: [SbomComponent, PackageDraft][] = [];
  const noPurl: string[] = [];
  const byType = new Map<string, number>();
  const issues: CatalogIssue[] = [];
  for (const c of doc.components) {
    const r = componentPackage(c, distro, file);
    if (!('problem' in r)) drafts.push([c, r]);
    else if (r.problem === 'no purl') noPurl.push(c.name || c.ref);
    else if (r.type) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    else issues.push({ by: 'sbom', message: r.problem, path: file });
  }
  if (noPurl.length)
    issues.push({ by: 'sbom', message: messages.sbomNoPurl(noPurl.length, noPurl), path: file });
  for (const [type, n] of byType)
    issues.push({ by: 'sbom', message: messages.sbomUnsupportedPurlType(type, n), path: file });
  return { drafts, ...(distro ? { distro } : {}), issues };
}
