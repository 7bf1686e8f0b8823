import { Bytes, ExecutableError, withReaders, type Executable, type Section } from './executable.js';

const MH_MAGIC = 0xfeedface;
const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT = 0x1;
const LC_SEGMENT_64 = 0x19;
const MAX_COMMANDS = 4096;

/** True for a thin Mach-O file in either byte order (fat/universal files are not read). */
export function isMachO(buf: Buffer): boolean {
  if (buf.length < 4) return false;
  const le = buf.readUInt32LE(0);
  return (
    le === MH_MAGIC ||
    le === MH_MAGIC_64 ||
    buf.readUInt32BE(0) === MH_MAGIC_64 ||
    buf.readUInt32BE(0) === MH_MAGIC
  );
}

/**
 * Sections of a thin Mach-O file (Apple's `<mach-o/loader.h>`: `mach_header[_64]`, then
 * `ncmds` load commands; sections follow each `LC_SEGMENT[_64]` command).
 *
 * @throws ExecutableError when the load commands are truncated.
 */
export function parseMachO(buf: Buffer): Executable {
  const le = buf.readUInt32LE(0) === MH_MAGIC || buf.readUInt32LE(0) === MH_MAGIC_64;
  const b = new Bytes(buf, le);
  const is64 = b.u32(0) === MH_MAGIC_64;
  const ncmds = b.u32(16);
  if (ncmds > MAX_COMMANDS) throw new ExecutableError(`${ncmds} load commands`);
  const sections: Section[] = [];
  let at = is64 ? 32 : 28;
  for (let i = 0; i < ncmds; i++) {
    const cmd = b.u32(at);
    const size = b.u32(at + 4);
    if (size < 8) throw new ExecutableError(`load command ${i} has size ${size}`);
    if (cmd === LC_SEGMENT_64 || cmd === LC_SEGMENT)
      sections.push(...segmentSections(b, at, cmd === LC_SEGMENT_64));
    at += size;
  }
  return withReaders(buf, { format: 'macho', littleEndian: le, ptrSize: is64 ? 8 : 4, sections });
}

function segmentSections(b: Bytes, at: number, is64: boolean): Section[] {
  const segname = b.cstr(at + 8, 16);
  const nsects = b.u32(at + (is64 ? 64 : 48));
  const first = at + (is64 ? 72 : 56);
  const out: Section[] = [];
  for (let i = 0; i < nsects; i++) {
    const s = first + i * (is64 ? 80 : 68);
    const addr = is64 ? b.u64(s + 32) : b.u32(s + 32);
    const size = is64 ? b.u64(s + 40) : b.u32(s + 36);
    const offset = b.u32(s + (is64 ? 48 : 40));
    out.push({
      name: b.cstr(s, 16),
      addr,
      offset: offset || undefined,
      size,
      writable: segname === '__DATA',
    });
  }
  return out;
}
