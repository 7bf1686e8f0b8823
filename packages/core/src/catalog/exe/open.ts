import { ELF_MAGIC, parseElf } from './elf.js';
import type { Executable } from './executable.js';
import { isMachO, parseMachO } from './macho.js';
import { isPe, parsePe } from './pe.js';

/** True when the first bytes are an ELF, thin Mach-O or PE header: cheap, before any parsing. */
export function looksExecutable(buf: Buffer): boolean {
  return (buf.length >= 4 && buf.subarray(0, 4).equals(ELF_MAGIC)) || isMachO(buf) || isPe(buf);
}

/**
 * Parses an ELF, Mach-O or PE file; `undefined` for anything else (scripts, data).
 *
 * @throws ExecutableError when the magic matched but the headers are broken.
 */
export function openExecutable(buf: Buffer): Executable | undefined {
  if (buf.length >= 4 && buf.subarray(0, 4).equals(ELF_MAGIC)) return parseElf(buf);
  if (isMachO(buf)) return parseMachO(buf);
  if (isPe(buf)) return parsePe(buf);
  return undefined;
}

/**
 * Paths that are executables by mode (any x bit) or by Windows extension; scripts by name are
 * left out. Size is not capped here: a file over the cap is still offered, so that the walker or
 * the cataloger reports it as not examined instead of skipping it silently. Hardlinks are left
 * out (the binary is read under its target's path, with the same content), so the walker never
 * holds a layer's executables in memory in case a later hardlink names one: that held tens of
 * MiB of /usr/bin and shared libraries per layer on the bench image.
 */
export function executableCandidate(
  path: string,
  meta: { type: string; mode: number; size: number },
): boolean {
  const { mode, size } = meta;
  if (meta.type !== 'file' || size < 64) return false;
  if ((mode & 0o111) === 0) return path.endsWith('.exe');
  return !/\.(sh|py|pl|rb|js|bash|txt|json|md)$/.test(path);
}
