import { messages, UserError } from '../../errors.js';
import type { VexStatement, VexStatus } from './statement.js';

type Obj = Record<string, unknown>;

/** CycloneDX `analysis.state` → OpenVEX status (CycloneDX 1.4+ "Vulnerability Exploitability"). */
const STATE: Record<string, VexStatus> = {
  not_affected: 'not_affected',
  false_positive: 'not_affected',
  resolved: 'fixed',
  resolved_with_pedigree: 'fixed',
  exploitable: 'affected',
  in_triage: 'under_investigation',
};

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(file: string, field: string, expected: string): never {
  throw new UserError(messages.vexInvalid(field, expected), { file, field });
}

/** `bom-ref` → purl of the BOM's components (nested ones too). */
function refs(components: unknown, into = new Map<string, string>()): Map<string, string> {
  if (!Array.isArray(components)) return into;
  for (const c of components) {
    if (!isObj(c)) continue;
    if (typeof c['bom-ref'] === 'string' && typeof c.purl === 'string') into.set(c['bom-ref'], c.purl);
    refs(c.components, into);
  }
  return into;
}

/** `urn:cdx:<serial>/<version>#<bom-ref>` (a BOM-Link) → `<bom-ref>`. */
function localRef(ref: string): string {
  return ref.startsWith('urn:cdx:') && ref.includes('#')
    ? decodeURIComponent(ref.slice(ref.indexOf('#') + 1))
    : ref;
}

function statement(
  v: unknown,
  i: number,
  file: string,
  byRef: Map<string, string>,
): VexStatement | undefined {
  const at = `vulnerabilities[${i}]`;
  if (!isObj(v) || typeof v.id !== 'string') bad(file, `${at}.id`, 'a string');
  const a = v.analysis;
  if (!isObj(a) || typeof a.state !== 'string') return undefined;
  const status = STATE[a.state];
  if (!status) bad(file, `${at}.analysis.state`, `one of ${Object.keys(STATE).join(', ')}`);
  const affects = Array.isArray(v.affects) ? v.affects : [];
  const purls = affects
    .map((x) => (isObj(x) && typeof x.ref === 'string' ? localRef(x.ref) : undefined))
    .map((r) => (r === undefined ? undefined : (byRef.get(r) ?? (r.startsWith('pkg:') ? r : undefined))))
    .filter((x): x is string => !!x);
  const aliases = Array.isArray(v.references) ? v.references.map((r) => (isObj(r) ? r.id : undefined)) : [];
  return {
    ids: [v.id, ...aliases.filter((x): x is string => typeof x === 'string')],
    packages: purls.filter((p) => !/^pkg:(oci|docker)\//.test(p)),
    images: purls.filter((p) => /^pkg:(oci|docker)\//.test(p)),
    status,
    ...(typeof a.justification === 'string' ? { justification: a.justification } : {}),
    ...(typeof a.detail === 'string' ? { impact: a.detail } : {}),
    source: `${file}, CycloneDX VEX`,
  };
}

/** Reads the vulnerabilities of a CycloneDX (1.4–1.6) BOM that carry an `analysis` (VEX). */
export function parseCycloneDxVex(doc: Obj, file: string): VexStatement[] {
  if (!Array.isArray(doc.vulnerabilities)) bad(file, 'vulnerabilities', 'an array');
  const byRef = refs(doc.components);
  if (isObj(doc.metadata)) refs([doc.metadata.component], byRef);
  return doc.vulnerabilities
    .map((v, i) => statement(v, i, file, byRef))
    .filter((s): s is VexStatement => !!s);
}
