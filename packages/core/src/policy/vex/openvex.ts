import { messages, UserError } from '../../errors.js';
import type { VexStatement, VexStatus } from './statement.js';

const STATUSES: readonly VexStatus[] = ['not_affected', 'affected', 'fixed', 'under_investigation'];
const IMAGE_PURL = /^pkg:(oci|docker)\//;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function bad(file: string, field: string, expected: string): never {
  throw new UserError(messages.vexInvalid(field, expected), { file, field });
}

/** The component's purl: `identifiers.purl`, else an `@id` that is a purl. */
function purlOf(c: unknown): string | undefined {
  if (!isObj(c)) return undefined;
  const ids = c.identifiers;
  if (isObj(ids) && typeof ids.purl === 'string') return ids.purl;
  return typeof c['@id'] === 'string' && c['@id'].startsWith('pkg:') ? c['@id'] : undefined;
}

/** Vulnerability ids: v0.2 `{ name, @id, aliases }`; v0.0.x a plain string. */
function vulnIds(v: unknown, file: string, at: string): string[] {
  if (typeof v === 'string') return [v];
  if (!isObj(v)) bad(file, `${at}.vulnerability`, 'an object with a name');
  const ids = [v.name, v['@id'], ...(Array.isArray(v.aliases) ? v.aliases : [])].filter(
    (x): x is string => typeof x === 'string',
  );
  if (!ids.length) bad(file, `${at}.vulnerability.name`, 'a string');
  return ids;
}

function statement(s: unknown, i: number, file: string): VexStatement {
  const at = `statements[${i}]`;
  if (!isObj(s)) bad(file, at, 'an object');
  if (!STATUSES.includes(s.status as VexStatus)) bad(file, `${at}.status`, `one of ${STATUSES.join(', ')}`);
  if (s.products !== undefined && !Array.isArray(s.products)) bad(file, `${at}.products`, 'an array');
  const products = (s.products as unknown[] | undefined) ?? [];
  const packages: string[] = [];
  const images: string[] = [];
  for (const p of products) {
    const subs = isObj(p) && Array.isArray(p.subcomponents) ? p.subcomponents.map(purlOf) : [];
    const purl = purlOf(p);
    if (subs.length) packages.push(...subs.filter((x): x is string => !!x));
    else if (purl && IMAGE_PURL.test(purl)) images.push(purl);
    else if (purl) packages.push(purl);
  }
  return {
    ids: vulnIds(s.vulnerability, file, at),
    packages,
    images,
    status: s.status as VexStatus,
    ...(typeof s.justification === 'string' ? { justification: s.justification } : {}),
    ...(typeof s.impact_statement === 'string' ? { impact: s.impact_statement } : {}),
    source: `${file}, OpenVEX`,
  };
}

/**
 * Reads an OpenVEX document (v0.2.0; v0.0.x vulnerability strings too). Checks the structure
 * the statements depend on (context, statements, status, vulnerability, products) and is lenient
 * elsewhere, as Trivy is: e.g. a vulnerability named only by `@id` is read.
 */
export function parseOpenVex(doc: Obj, file: string): VexStatement[] {
  if (typeof doc['@context'] !== 'string' || !doc['@context'].startsWith('https://openvex.dev/ns'))
    bad(file, '@context', 'an https://openvex.dev/ns URL');
  if (!Array.isArray(doc.statements)) bad(file, 'statements', 'an array');
  return doc.statements.map((s, i) => statement(s, i, file));
}
