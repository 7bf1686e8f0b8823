import { messages, UserError, type Where } from '../../errors.js';
import type { SbomComponent, SbomDocument } from './document.js';

/**
 * CycloneDX JSON, 1.2 to 1.6 (https://cyclonedx.org/docs/1.6/json/): `components[]`, nested
 * `components`, each with `name`, `version`, `purl`, `licenses[]` (`license.id`/`license.name`
 * or `expression`) and `properties[]`. A component of type `operating-system` names the OS.
 * Trivy's and Syft's properties add the source package and the layer:
 * `aquasecurity:trivy:{SrcName,SrcVersion,SrcRelease,SrcEpoch,LayerDigest,LayerDiffID}`,
 * `syft:location:0:{layerID,path}`.
 */
type Json = Record<string, unknown>;

const SUPPORTED = /^1\.[2-6]$/;

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
const list = (v: unknown): Json[] =>
  Array.isArray(v) ? v.filter((x): x is Json => typeof x === 'object' && x !== null) : [];

function properties(c: Json): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of list(c.properties)) {
    const name = str(p.name);
    const value = str(p.value);
    if (name && value) out.set(name, [...(out.get(name) ?? []), value]);
  }
  return out;
}

function licenses(c: Json): string[] {
  return list(c.licenses)
    .map(
      (l) =>
        str(l.expression) ??
        str((l.license as Json | undefined)?.id) ??
        str((l.license as Json | undefined)?.name),
    )
    .filter((x): x is string => x !== undefined);
}

/** Trivy's source package properties: `[SrcEpoch:]SrcVersion[-SrcRelease]`. */
function trivySource(p: Map<string, string[]>): SbomComponent['source'] {
  const name = p.get('aquasecurity:trivy:SrcName')?.[0];
  if (!name) return undefined;
  const v = p.get('aquasecurity:trivy:SrcVersion')?.[0];
  const rel = p.get('aquasecurity:trivy:SrcRelease')?.[0];
  const epoch = p.get('aquasecurity:trivy:SrcEpoch')?.[0];
  const version = v ? `${epoch && epoch !== '0' ? `${epoch}:` : ''}${v}${rel ? `-${rel}` : ''}` : undefined;
  return { name, ...(version ? { version } : {}) };
}

function component(c: Json): SbomComponent {
  const p = properties(c);
  const first = (k: string) => p.get(k)?.[0];
  const digest = first('aquasecurity:trivy:LayerDigest');
  const diffId = first('aquasecurity:trivy:LayerDiffID') ?? first('syft:location:0:layerID');
  const source = trivySource(p);
  const path = first('syft:location:0:path') ?? first('aquasecurity:trivy:FilePath');
  return {
    ref: str(c['bom-ref']) ?? str(c.name) ?? '(unnamed)',
    name: str(c.name) ?? '',
    ...(str(c.version) ? { version: str(c.version)! } : {}),
    ...(str(c.purl) ? { purl: str(c.purl)! } : {}),
    licenses: licenses(c),
    ...(source ? { source } : {}),
    ...(digest || diffId ? { layer: { ...(digest ? { digest } : {}), ...(diffId ? { diffId } : {}) } } : {}),
    ...(path ? { path: path.replace(/^\/+/, '') } : {}),
  };
}

/** Component types that are never installed packages (files, data, the image itself…). */
const NOT_PACKAGES = new Set([
  'container',
  'file',
  'data',
  'platform',
  'device',
  'machine-learning-model',
  'cryptographic-asset',
]);

/**
 * Whether a component is a package to match: not one of `NOT_PACKAGES`, and not a mere holder
 * of other components (Trivy's `application` per lock file has no purl, its libraries do).
 */
function isPackage(c: Json): boolean {
  if (NOT_PACKAGES.has(String(c.type))) return false;
  return str(c.purl) !== undefined || list(c.components).length === 0;
}

/** Every component, nested ones included, depth first. */
function* walk(components: Json[]): Generator<Json> {
  for (const c of components) {
    yield c;
    yield* walk(list(c.components));
  }
}

/** Reads a parsed CycloneDX JSON BOM. @throws UserError on a spec version tidegate does not read. */
export function readCycloneDx(bom: Json, where: Where): SbomDocument {
  const specVersion = str(bom.specVersion) ?? '';
  if (!SUPPORTED.test(specVersion))
    throw new UserError(messages.sbomUnsupportedVersion('CycloneDX', specVersion || '(none)'), where);
  const meta = (bom.metadata ?? {}) as Json;
  const top = typeof meta.component === 'object' && meta.component ? (meta.component as Json) : undefined;
  const doc: SbomDocument = { format: 'CycloneDX', specVersion, components: [], diffIds: [], repoTags: [] };
  if (top) {
    const p = properties(top);
    doc.diffIds = p.get('aquasecurity:trivy:DiffID') ?? [];
    doc.repoTags = p.get('aquasecurity:trivy:RepoTag') ?? [];
  }
  for (const c of walk([...(top ? [top] : []), ...list(bom.components)])) {
    if (c.type === 'operating-system' && str(c.name))
      doc.os ??= { name: str(c.name)!, ...(str(c.version) ? { version: str(c.version)! } : {}) };
    else if (c !== top && isPackage(c)) doc.components.push(component(c));
  }
  return doc;
}
