import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { messages } from '../errors.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { projectFile, pypiDraft } from './python-lock.js';

/** `name[extras]==version` with optional environment marker; `===` (arbitrary equality) too. */
const PINNED = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*===?\s*([^\s;,#]+)\s*(?:;.*)?$/;

/**
 * Pinned requirements (pip's requirements file format, pip.pypa.io "Requirements File
 * Format"): only `==`/`===` pins name one version; ranges (`>=`), URLs, editables (`-e`),
 * includes (`-r`) and options are not a version and are skipped. `\` continues a line, `#`
 * starts a comment, `--hash` options after a pin are ignored.
 */
export function parseRequirements(text: string): { name: string; version: string; line: number }[] {
  const out: { name: string; version: string; line: number }[] = [];
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw
      .replace(/(^|\s)#.*$/, '')
      .replace(/\s--hash[=\s]\S+/g, '')
      .trim();
    if (!line || line.startsWith('-')) return;
    const m = PINNED.exec(line);
    if (m && !m[2]!.includes('*')) out.push({ name: m[1]!, version: m[2]!, line: i + 1 });
  });
  return out;
}

function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('pip-requirements', path, bytes.length, LIMITS.manifest);
  if (big) return { packages: [], issues: [big] };
  const text = utf8Text(bytes);
  if (text === undefined)
    return {
      packages: [],
      issues: [fileIssue('pip-requirements', path, messages.catalogNotText('requirements.txt'))],
    };
  return { packages: parseRequirements(text).map((r) => pypiDraft(path, r.name, r.version)), issues: [] };
}

/** `requirements.txt` pins (only `==`; a range names no installed version). */
export const pipRequirementsCataloger: FileCataloger = {
  id: 'pip-requirements',
  version: 1,
  kind: 'file',
  wants: (path) => projectFile(path, 'requirements.txt'),
  catalog,
};
