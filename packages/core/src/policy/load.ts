import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { messages, UserError } from '../errors.js';
import type { PolicyDocument } from './document.js';
import { validatePolicyLicences } from './licenses.js';
import { validatePolicySchema, type SchemaError } from './validate.js';

/** A policy file, parsed and validated, with what reports need to point back at it. */
export interface LoadedPolicy {
  /** The file as the user named it. */
  file: string;
  document: PolicyDocument;
  /** 1-based line of each exception, by index. */
  exceptionLines: number[];
  /** Absolute directory of the file, which key and trusted-root paths are relative to. */
  dir?: string;
}

type Path = (string | number)[];

/** 1-based line of the node at `path` (of its key, with `atKey`), else of the nearest ancestor. */
function lineOf(doc: Document, lc: LineCounter, path: Path, atKey?: string): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (n === path.length && atKey !== undefined && isMap(node)) {
      const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === atKey);
      const range = (pair?.key as { range?: [number, number, number] } | null)?.range;
      if (range) return lc.linePos(range[0]).line;
    }
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range) return lc.linePos(range[0]).line;
  }
  return 1;
}

/** `vulnerabilities.severity.fail`, `exceptions[0].expires`. */
export function fieldName(path: Path): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function fail(file: string, doc: Document, lc: LineCounter, e: SchemaError): never {
  const line = lineOf(doc, lc, e.path, e.key);
  const field = fieldName(e.key !== undefined ? [...e.path, e.key] : e.path) || undefined;
  throw new UserError(e.message, { file, line, ...(field ? { field } : {}) });
}

function exceptionLines(doc: Document, lc: LineCounter): number[] {
  const seq = doc.getIn(['exceptions'], true);
  if (!isSeq(seq)) return [];
  return seq.items.map((n) => lc.linePos((n as { range?: [number] }).range?.[0] ?? 0).line);
}

/**
 * Parses and validates a policy's text. YAML 1.2 core schema, so `2025-01-31` stays a string
 * (js-yaml would make it a Date) and every node keeps its source range for error lines.
 *
 * @throws UserError naming the file, the line and the field at fault.
 */
export async function parsePolicy(text: string, file: string): Promise<LoadedPolicy> {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = lc.linePos(yamlError.pos[0]).line;
    throw new UserError(messages.policyYamlInvalid(yamlError.message.split('\n')[0]!), { file, line });
  }
  const value: unknown = doc.toJS() ?? {};
  if (typeof value !== 'object' || Array.isArray(value))
    throw new UserError(messages.policyNotMapping(), { file, line: 1 });
  const schemaError = (await validatePolicySchema(value)) ?? validatePolicyLicences(value as PolicyDocument);
  if (schemaError) fail(file, doc, lc, schemaError);
  return { file, document: value as PolicyDocument, exceptionLines: exceptionLines(doc, lc) };
}

/** Reads and validates a policy file. `display` is the name errors and reports use. */
export async function loadPolicyFile(path: string, display = path): Promise<LoadedPolicy> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      throw new UserError(messages.policyNotFound(display));
    throw new UserError((err as Error).message, { file: display }, { cause: err });
  }
  return { ...(await parsePolicy(text, display)), dir: dirname(resolve(path)) };
}
