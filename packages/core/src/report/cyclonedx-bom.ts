import { randomUUID } from 'node:crypto';
// Subpath imports: the package root also loads its validators, which read schema files from
// disk next to the module (__dirname), and that does not survive bundling into one file.
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import * as Serialize from '@cyclonedx/cyclonedx-library/Serialize';
import * as Spec from '@cyclonedx/cyclonedx-library/Spec';
import { PackageURL } from 'packageurl-js';
import type { Finding, Package, Suppression, UnownedFile } from '../types/model.js';
import { layerLabel, type ReportModel } from './model.js';

const { Severity, RatingMethod, AnalysisState, AnalysisJustification, AnalysisResponse } =
  Enums.Vulnerability;

/** What {@link buildCycloneDxBom} puts in: packages always; vulnerabilities unless turned off (a plain SBOM). */
export interface CycloneDxOptions {
  vulnerabilities?: boolean;
  /** `urn:uuid:…`; random by default (goldens redact it). */
  serialNumber?: string;
}

const SEVERITY: Record<Finding['severity'], Enums.Vulnerability.Severity> = {
  critical: Severity.Critical,
  high: Severity.High,
  medium: Severity.Medium,
  low: Severity.Low,
  negligible: Severity.Info,
  unknown: Severity.Unknown,
};

/** OpenVEX justifications → CycloneDX's (CycloneDX 1.6 `impactAnalysisJustification`). */
const JUSTIFICATION: Record<string, Enums.Vulnerability.AnalysisJustification> = {
  component_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary: AnalysisJustification.ProtectedByMitigatingControl,
  inline_mitigations_already_exist: AnalysisJustification.ProtectedByMitigatingControl,
};

/** The package's purl when it parses (CycloneDX requires a valid one), canonicalised. */
function purl(p: Package): string | undefined {
  try {
    return PackageURL.fromString(p.purl).toString();
  } catch {
    return undefined;
  }
}

function licences(p: Package): Models.License[] {
  return p.licenses.map((l) =>
    /\s(AND|OR|WITH)\s/.test(l) ? new Models.LicenseExpression(`(${l})`) : new Models.NamedLicense(l),
  );
}

/**
 * Software no package manager installed becomes a `file` component (CycloneDX 1.6) with its
 * SHA-256, so an SBOM consumer sees it even though no package names it.
 */
export function fileComponent(f: UnownedFile): Models.Component {
  return new Models.Component(Enums.ComponentType.File, `/${f.path}`, {
    bomRef: `file:${f.path}`,
    hashes: new Models.HashDictionary([[Enums.HashAlgorithm['SHA-256'], f.sha256]]),
    properties: new Models.PropertyRepository([
      new Models.Property('tidegate:unowned', f.kind),
      new Models.Property('tidegate:layer', layerLabel(f.layer)),
      new Models.Property('tidegate:size', String(f.size)),
      ...(f.identity ? [new Models.Property('tidegate:identity', f.identity)] : []),
    ]),
  });
}

/** Packages become library components with their purl, licences and layer, `bom-ref` = package id. */
export function packageComponent(p: Package): Models.Component {
  const purlObj = purl(p);
  return new Models.Component(Enums.ComponentType.Library, p.name, {
    bomRef: p.id,
    version: p.version,
    ...(purlObj ? { purl: purlObj } : {}),
    licenses: new Models.LicenseRepository(licences(p)),
    properties: new Models.PropertyRepository([
      new Models.Property('tidegate:layer', layerLabel(p.layer)),
      new Models.Property('tidegate:layer:diffId', p.layer.diffId),
      ...p.locations.slice(0, 5).map((l) => new Models.Property('tidegate:location', l)),
    ]),
  });
}

function method(vector: string | undefined): Enums.Vulnerability.RatingMethod {
  if (!vector) return RatingMethod.Other;
  if (vector.startsWith('CVSS:4.0')) return RatingMethod.CVSSv4;
  if (vector.startsWith('CVSS:3.1')) return RatingMethod.CVSSv31;
  if (vector.startsWith('CVSS:3.0')) return RatingMethod.CVSSv3;
  return vector.startsWith('AV:') ? RatingMethod.CVSSv2 : RatingMethod.Other;
}

/** VEX style: VEX suppressions keep their status and justification; an exception is a decision not to fix, with its reason. */
function analysis(s: Suppression): Models.Vulnerability.Analysis {
  if (s.vex) {
    const state = s.vex.status === 'fixed' ? AnalysisState.Resolved : AnalysisState.NotAffected;
    const j = s.vex.justification;
    const justification = j
      ? (JUSTIFICATION[j] ?? (Object.values(AnalysisJustification) as string[]).find((x) => x === j))
      : undefined;
    return new Models.Vulnerability.Analysis({
      state,
      ...(justification ? { justification: justification as Enums.Vulnerability.AnalysisJustification } : {}),
      detail: `${s.by}: ${s.reason}`,
    });
  }
  const a = new Models.Vulnerability.Analysis({
    detail: `${s.by}: ${s.reason}${s.expires ? ` (until ${s.expires})` : ''}`,
  });
  a.response.add(AnalysisResponse.WillNotFix);
  return a;
}

/** One vulnerability per finding (`bom-ref` = stable finding id) affecting its package's component. */
export function findingVulnerability(
  f: Finding,
  components: Map<string, Models.Component>,
): Models.Vulnerability.Vulnerability {
  const url = f.advisories?.find((a) => a.url)?.url;
  const v = new Models.Vulnerability.Vulnerability({
    bomRef: f.id,
    id: f.ruleId,
    ...(url ? { source: new Models.Vulnerability.Source({ name: f.advisories![0]!.id, url }) } : {}),
    ...((f.description ?? f.title) ? { description: f.description ?? f.title } : {}),
    ...(f.fixedIn.length ? { recommendation: `Upgrade to ${f.fixedIn.join(' or ')}` } : {}),
    ...(f.suppressed ? { analysis: analysis(f.suppressed) } : {}),
  });
  v.ratings.add(
    new Models.Vulnerability.Rating({
      severity: SEVERITY[f.severity],
      method: method(f.cvssVector),
      ...(f.score !== undefined ? { score: f.score } : {}),
      ...(f.cvssVector ? { vector: f.cvssVector } : {}),
    }),
  );
  for (const a of f.aliases)
    v.references.add(new Models.Vulnerability.Reference(a, new Models.Vulnerability.Source({ name: a })));
  const c = f.package ? components.get(f.package.id) : undefined;
  if (c) v.affects.add(new Models.Vulnerability.Affect(c.bomRef));
  return v;
}

/**
 * The CycloneDX 1.6 BOM of a scan: the image as `metadata.component` (type container), every
 * package as a component, and (unless turned off) every vulnerability finding, VEX style. The
 * SBOM format reuses this with `vulnerabilities: false`.
 */
export function buildCycloneDxBom(model: ReportModel, opts: CycloneDxOptions = {}): Models.Bom {
  const r = model.result;
  const bom = new Models.Bom({ serialNumber: opts.serialNumber ?? `urn:uuid:${randomUUID()}` });
  bom.metadata.timestamp = new Date(r.createdAt);
  bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, 'tidegate', { version: r.tool.version }),
  );
  bom.metadata.component = new Models.Component(Enums.ComponentType.Container, model.imageName, {
    bomRef: `image:${r.image.configDigest}`,
    ...(r.image.digest ? { version: r.image.digest } : {}),
  });
  // an incomplete scan says so in every format (STYLE rule 17)
  for (const i of model.issues)
    bom.metadata.properties.add(
      new Models.Property('tidegate:incomplete', [i.path, i.message].filter(Boolean).join(': ')),
    );
  if (model.moreIssues)
    bom.metadata.properties.add(new Models.Property('tidegate:incomplete', `… and ${model.moreIssues} more`));
  for (const line of model.provenance)
    bom.metadata.properties.add(new Models.Property('tidegate:provenance', line));
  for (const f of model.findings.filter((x) => x.kind === 'provenance'))
    bom.metadata.properties.add(
      new Models.Property('tidegate:provenance:finding', `${f.ruleId}: ${f.evidence ?? ''}`),
    );
  const components = new Map(r.packages.map((p) => [p.id, packageComponent(p)]));
  for (const c of components.values()) bom.components.add(c);
  for (const f of r.unowned ?? []) bom.components.add(fileComponent(f));
  if (opts.vulnerabilities !== false)
    for (const f of [...model.findings, ...model.suppressed])
      if (f.kind === 'vulnerability') bom.vulnerabilities.add(findingVulnerability(f, components));
  return bom;
}

/** Serialises a BOM as CycloneDX 1.6 JSON, lists sorted so output is stable. */
export function serialiseCycloneDx(bom: Models.Bom): string {
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}
