import { messages, UserError, type Where } from '../../errors.js';
import type { SbomComponent, SbomDocument } from './document.js';

/**
 * SPDX 2.x JSON (https://spdx.github.io/spdx-spec/v2.3/, JSON schema in
 * ../shared/schemas/spdx): `packages[]` with `name`, `versionInfo`, `externalRefs[]`
 * (`referenceType: purl`), `licenseDeclared`/`licenseConcluded`, `sourceInfo`,
 * `primaryPackagePurpose` (2.3) and `attributionTexts`. The tag-value form is converted to
 * this shape first (spdx-tag-value.ts).
 *
 * The operating system is the package whose purpose is `OPERATING-SYSTEM` (or, in SPDX 2.2
 * documents by Trivy, whose id starts `SPDXRef-OperatingSystem`); the image itself
 * (`CONTAINER`, `SPDXRef-ContainerImage`) is not a package. The source package is read from
 * `sourceInfo` (see `SOURCE_INFO`); Trivy writes layers as `attributionTexts` (`LayerDigest:
 * …`, `LayerDiffID: …`, and `DiffID: …` on the image).
 */
type Json = Record<string, unknown>;

const SUPPORTED = /^SPDX-2\.[0-3]$/;
/** `sourceInfo` as Trivy (`built package from: NAME VERSION`) and tidegate's own writer (`built from source package NAME VERSION`) put it. */
const SOURCE_INFO = /^built (?:package from:|from source package)\s*(\S+)(?:\s+(\S+))?\s*$/;
const NONE = new Set(['NOASSERTION', 'NONE']);

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): Json[] =>
  Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];

/** `Key: value` attribution texts, by key. */
function attributions(p: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of Array.isArray(p.attributionTexts) ? p.attributionTexts : []) {
    const m = typeof t === 'string' ? /^([A-Za-z]+):\s*(.+)$/.exec(t.trim()) : null;
    if (m) out.set(m[1]!, [...(out.get(m[1]!) ?? []), m[2]!]);
  }
  return out;
}

function purlOf(p: Json): string | undefined {
  const ref = list(p.externalRefs).find(
    (r) => r.referenceType === 'purl' && /^PACKAGE[-_]MANAGER$/.test(String(r.referenceCategory)),
  );
  return str(ref?.referenceLocator);
}

function kind(p: Json): 'os' | 'image' | 'package' {
  const purpose = str(p.primaryPackagePurpose);
  const id = str(p.SPDXID) ?? '';
  if (purpose === 'OPERATING-SYSTEM' || id.startsWith('SPDXRef-OperatingSystem')) return 'os';
  if (purpose === 'CONTAINER' || id.startsWith('SPDXRef-ContainerImage')) return 'image';
  return 'package';
}

function component(p: Json): SbomComponent {
  const a = attributions(p);
  const license = [str(p.licenseDeclared), str(p.licenseConcluded)].find((l) => l && !NONE.has(l));
  const src = SOURCE_INFO.exec(str(p.sourceInfo) ?? '');
  const digest = a.get('LayerDigest')?.[0];
  const diffId = a.get('LayerDiffID')?.[0];
  return {
    ref: str(p.SPDXID) ?? str(p.name) ?? '(unnamed)',
    name: str(p.name) ?? '',
    ...(str(p.versionInfo) ? { version: str(p.versionInfo)! } : {}),
    ...(purlOf(p) ? { purl: purlOf(p)! } : {}),
    licenses: license ? [license] : [],
    ...(src ? { source: { name: src[1]!, ...(src[2] ? { version: src[2] } : {}) } } : {}),
    ...(digest || diffId ? { layer: { ...(digest ? { digest } : {}), ...(diffId ? { diffId } : {}) } } : {}),
  };
}

/** Reads a parsed SPDX 2.x document. @throws UserError on another SPDX version. */
export function readSpdxJson(doc: Json, where: Where): SbomDocument {
  const specVersion = str(doc.spdxVersion) ?? '';
  if (!SUPPORTED.test(specVersion))
    throw new UserError(messages.sbomUnsupportedVersion('SPDX', specVersion || '(none)'), where);
  const out: SbomDocument = { format: 'SPDX', specVersion, components: [], diffIds: [], repoTags: [] };
  for (const p of list(doc.packages)) {
    const k = kind(p);
    if (k === 'os' && str(p.name))
      out.os ??= { name: str(p.name)!, ...(str(p.versionInfo) ? { version: str(p.versionInfo)! } : {}) };
    else if (k === 'image') {
      const a = attributions(p);
      out.diffIds = a.get('DiffID') ?? out.diffIds;
      out.repoTags = a.get('RepoTag') ?? out.repoTags;
    } else out.components.push(component(p));
  }
  return out;
}
