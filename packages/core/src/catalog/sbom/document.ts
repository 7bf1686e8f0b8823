import { messages, UserError, type Where } from '../../errors.js';
import { readCycloneDx } from './cyclonedx.js';
import { readSpdxJson } from './spdx.js';
import { spdxTagValueToJson } from './spdx-tag-value.js';

/** One component of an SBOM, as the format readers hand it over. */
export interface SbomComponent {
  /** `bom-ref` or `SPDXID`, for messages. */
  ref: string;
  name: string;
  version?: string;
  purl?: string;
  licenses: string[];
  /** The source package, where the document says (Trivy's `SrcName`…, SPDX `sourceInfo`). */
  source?: { name: string; version?: string };
  /** Where the document says the component came from (Trivy and Syft properties). */
  layer?: { digest?: string; diffId?: string };
  /** Path in the image the component was found at, where the document says. */
  path?: string;
}

/** What tidegate reads of an SBOM: its packages and, if it names one, its operating system. */
export interface SbomDocument {
  format: 'CycloneDX' | 'SPDX';
  /** `specVersion` (CycloneDX) or `spdxVersion` (SPDX). */
  specVersion: string;
  components: SbomComponent[];
  os?: { name: string; version?: string };
  /** Layer diffIDs in order, where the document lists them (Trivy's `DiffID` properties). */
  diffIds: string[];
  repoTags: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The SBOM inside an in-toto attestation: a DSSE envelope (`payloadType`
 * `application/vnd.in-toto+json`, base64 `payload`, https://github.com/secure-systems-lab/dsse)
 * holding an in-toto Statement whose `predicate` is the BOM
 * (https://github.com/in-toto/attestation, predicate types `https://cyclonedx.org/bom` and
 * `https://spdx.dev/Document`). `.intoto.jsonl` files hold one envelope per line; the first
 * SBOM among them is read. Signatures are not verified here: verify them (cosign) first.
 */
function unwrapInToto(text: string): Json | undefined {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let doc: unknown;
    try {
      doc = JSON.parse(line);
    } catch {
      return undefined;
    }
    if (!isObject(doc)) return undefined;
    const statement =
      typeof doc.payload === 'string' ? parseJson(Buffer.from(doc.payload, 'base64').toString('utf8')) : doc;
    if (!isObject(statement) || typeof statement.predicateType !== 'string') continue;
    if (!/cyclonedx\.org\/bom|spdx\.dev\/Document/i.test(statement.predicateType)) continue;
    const predicate = statement.predicate;
    if (typeof predicate === 'string') return asObject(parseJson(predicate));
    if (isObject(predicate) && typeof predicate.Data === 'string') return asObject(parseJson(predicate.Data));
    return asObject(predicate);
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const asObject = (v: unknown) => (isObject(v) ? v : undefined);

/**
 * Reads an SBOM: CycloneDX JSON, SPDX 2.x JSON or tag-value, or an in-toto attestation of
 * CycloneDX or SPDX. @throws UserError naming the file when it is none of these.
 */
export function readSbom(text: string, where: Where): SbomDocument {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('SPDXVersion:') || /^##/.test(trimmed))
    return readSpdxJson(spdxTagValueToJson(text), where);
  let json: unknown = parseJson(text);
  if (json === undefined) json = unwrapInToto(text);
  else if (isObject(json) && (json.payloadType !== undefined || json.predicateType !== undefined))
    json = unwrapInToto(text);
  if (!isObject(json)) throw new UserError(messages.sbomUnknownFormat(), where);
  if (json.bomFormat === 'CycloneDX') return readCycloneDx(json, where);
  if (typeof json.spdxVersion === 'string') return readSpdxJson(json, where);
  throw new UserError(messages.sbomUnknownFormat(), where);
}
