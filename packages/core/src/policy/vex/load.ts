import { readFile } from 'node:fs/promises';
import { messages, UserError } from '../../errors.js';
import { parseCycloneDxVex } from './cyclonedx.js';
import { parseOpenVex } from './openvex.js';
import type { VexStatement } from './statement.js';

/** Reads an OpenVEX or CycloneDX VEX document's text; which one it is, is told by its content. */
export function parseVex(text: string, file: string): VexStatement[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new UserError(messages.jsonInvalid('VEX document', (err as Error).message), { file });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new UserError(messages.vexUnknownFormat(), { file });
  const o = doc as Record<string, unknown>;
  if (typeof o['@context'] === 'string' && o['@context'].includes('openvex')) return parseOpenVex(o, file);
  if (o.bomFormat === 'CycloneDX') return parseCycloneDxVex(o, file);
  throw new UserError(messages.vexUnknownFormat(), { file });
}

/** Reads a VEX file; `display` is the name errors and suppressions show. */
export async function loadVexFile(path: string, display = path): Promise<VexStatement[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(messages.vexNotFound(display));
    throw new UserError((err as Error).message, { file: display }, { cause: err });
  }
  return parseVex(text, display);
}
