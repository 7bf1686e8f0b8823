import { createHash } from 'node:crypto';
import type { Package, ScanResult } from '../types/model.js';
import type { ReportFormat } from './format.js';
import { layerLabel } from './model.js';
import { provenanceLines, unownedCount } from './provenance.js';
import { declaredExpression } from './spdx-license.js';

/** SPDX ids allow letters, digits, `.` and `-` only (SPDX 2.3 §3.2). */
function spdxId(prefix: string, key: string): string {
  return `SPDXRef-${prefix}-${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** The image's comment: its OS, where it came from, and why any provenance rule failed. */
function imageComment(r: ScanResult): string[] {
  return [
    ...(r.distro
      ? [`operating system: ${r.distro.prettyName ?? `${r.distro.id} ${r.distro.versionId ?? ''}`.trim()}`]
      : []),
    ...provenanceLines(r),
    ...(unownedCount(r) ? [`unowned software: ${unownedCount(r)}`] : []),
    ...r.findings
      .filter((f) => f.kind === 'provenance' && !f.suppressed)
      .map((f) => `provenance finding ${f.ruleId}: ${f.evidence ?? ''}`),
  ];
}

function imagePackage(r: ScanResult) {
  const comment = imageComment(r);
  const name = r.image.repoTags[0] ?? r.image.reference;
  const digest = r.image.digest ?? r.image.configDigest;
  return {
    SPDXID: 'SPDXRef-Image',
    name,
    ...(digest ? { versionInfo: digest } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    primaryPackagePurpose: 'CONTAINER',
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    ...(comment.length ? { comment: comment.join('\n') } : {}),
  };
}

function spdxPackage(p: Package, extracted: Map<string, string>) {
  const lic = declaredExpression(p.licenses);
  lic.extracted.forEach((text, ref) => extracted.set(ref, text));
  return {
    SPDXID: spdxId('Package', p.id),
    name: p.name,
    versionInfo: p.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: lic.expression,
    copyrightText: 'NOASSERTION',
    ...(p.source && p.source.name !== p.name
      ? { sourceInfo: `built from source package ${p.source.name} ${p.source.version}` }
      : {}),
    externalRefs: [{ referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: p.purl }],
    comment: `found by ${p.foundBy} in ${p.locations.join(', ')} (${layerLabel(p.layer)})`,
  };
}

/**
 * SPDX 2.3 JSON: the image as a CONTAINER package that CONTAINS every package found. Follows
 * the released schema's quirks (../shared/schemas/README.md): no top-level `$schema`,
 * hyphenated `PACKAGE-MANAGER`, and `documentNamespace` always present.
 */
export const spdxFormat = {
  id: 'spdx',
  description: 'SPDX 2.3 JSON software bill of materials',
  extension: 'spdx.json',
  render(model) {
    const r = model.result;
    const extracted = new Map<string, string>();
    const packages = r.packages.map((p) => spdxPackage(p, extracted));
    const ns = createHash('sha256')
      .update(`${r.image.configDigest}\0${r.createdAt}`)
      .digest('hex')
      .slice(0, 32);
    const doc = {
      spdxVersion: 'SPDX-2.3',
      dataLicense: 'CC0-1.0',
      SPDXID: 'SPDXRef-DOCUMENT',
      name: r.image.repoTags[0] ?? r.image.reference,
      documentNamespace: `https://tidegate.dev/spdx/${ns}`,
      creationInfo: {
        created: r.createdAt.replace(/\.\d+Z$/, 'Z'),
        creators: [`Tool: tidegate-${r.tool.version}`],
      },
      packages: [imagePackage(r), ...packages],
      relationships: [
        {
          spdxElementId: 'SPDXRef-DOCUMENT',
          relationshipType: 'DESCRIBES',
          relatedSpdxElement: 'SPDXRef-Image',
        },
        ...packages.map((p) => ({
          spdxElementId: 'SPDXRef-Image',
          relationshipType: 'CONTAINS',
          relatedSpdxElement: p.SPDXID,
        })),
      ],
      ...(extracted.size
        ? {
            hasExtractedLicensingInfos: [...extracted].map(([licenseId, extractedText]) => ({
              licenseId,
              extractedText,
              name: extractedText,
            })),
          }
        : {}),
    };
    return `${JSON.stringify(doc, null, 2)}\n`;
  },
} satisfies ReportFormat;
