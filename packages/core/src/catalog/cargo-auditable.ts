import { inflateSync } from 'node:zlib';
import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput, PackageDraft } from './cataloger.js';
import { emptyOutput } from './cataloger.js';
import { ExecutableError } from './exe/executable.js';
import { executableCandidate, openExecutable } from './exe/open.js';
import { fileIssue, LIMITS, overLimit } from './input.js';
import { languagePurl } from './purl.js';
import { languageEcosystem } from '../ecosystems/index.js';

/** Section names cargo-auditable writes: `.dep-v0` (ELF, PE) and `__dep_v0` (Mach-O). */
const SECTIONS = new Set(['.dep-v0', '__dep_v0']);
/** The JSON is a few KB per hundred crates; 16 MiB decompressed is far above real binaries (bomb guard). */
const MAX_JSON = 16 * 1024 ** 2;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The dependency list cargo-auditable embeds (github.com/rust-secure-code/cargo-auditable,
 * PARSING.md and the `auditable-serde` schema): zlib-compressed JSON
 * `{ packages: [{ name, version, source, kind?, dependencies?, root? }] }`. `kind: "build"`
 * crates run at build time only and are not in the binary, so they are left out.
 */
export function auditablePackages(path: string, json: unknown): PackageDraft[] {
  if (!isObj(json) || !Array.isArray(json.packages)) throw new Error('no packages array');
  return json.packages
    .filter(isObj)
    .filter((p) => typeof p.name === 'string' && typeof p.version === 'string' && p.kind !== 'build')
    .map((p) => ({
      name: p.name as string,
      version: p.version as string,
      type: 'cargo' as const,
      ecosystem: languageEcosystem('cargo'),
      purl: languagePurl('cargo', p.name as string, p.version as string),
      licenses: [],
      locations: [path],
      ...(p.root === true ? { relationship: 'root' as const } : {}),
    }));
}

function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('cargo-auditable', path, bytes.length, LIMITS.executable);
  if (big) return { packages: [], issues: [big] };
  try {
    const exe = openExecutable(bytes);
    const section = exe?.sections.find((s) => SECTIONS.has(s.name));
    const raw = section && exe!.sectionBytes(section);
    if (!raw) return emptyOutput();
    const json: unknown = JSON.parse(inflateSync(raw, { maxOutputLength: MAX_JSON }).toString('utf8'));
    return { packages: auditablePackages(path, json), issues: [] };
  } catch (err) {
    const detail = err instanceof ExecutableError ? err.message : `.dep-v0: ${(err as Error).message}`;
    return {
      packages: [],
      issues: [fileIssue('cargo-auditable', path, messages.catalogUnparsable('executable', detail))],
    };
  }
}

/** Rust binaries built with cargo-auditable: the crates compiled in, from the `.dep-v0` section. */
export const cargoAuditableCataloger: FileCataloger = {
  id: 'cargo-auditable',
  version: 1,
  kind: 'file',
  wantsHardlinks: false,
  wants: (path, meta) => executableCandidate(path, meta),
  catalog,
};
