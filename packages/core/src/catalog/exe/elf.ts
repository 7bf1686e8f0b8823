import { Bytes, ExecutableError, withReaders, type Executable, type Section } from './executable.js';

/** `\x7fELF`: the first four bytes of every ELF file. */
export const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);
const SHT_NOBITS = 8;
const SHF_WRITE = 1;
const MAX_SECTIONS = 65_535;

/**
 * Section headers of an ELF file (System V ABI, "ELF Header" and "Sections"; both classes and
 * byte orders). Section names come from the section-header string table (`e_shstrndx`).
 *
 * @throws ExecutableError when the headers are truncated or point outside the file.
 */
export function parseElf(buf: Buffer): Executable {
  if (buf.length < 52 || !buf.subarray(0, 4).equals(ELF_MAGIC)) throw new ExecutableError('not an ELF file');
  const is64 = buf[4] === 2;
  const le = buf[5] !== 2;
  const b = new Bytes(buf, le);
  const shoff = is64 ? b.u64(0x28) : b.u32(0x20);
  const shentsize = b.u16(is64 ? 0x3a : 0x2e);
  const shnum = b.u16(is64 ? 0x3c : 0x30);
  const shstrndx = b.u16(is64 ? 0x3e : 0x32);
  if (shnum === 0 || shnum > MAX_SECTIONS) throw new ExecutableError(`no usable section headers (${shnum})`);
  if (shentsize < (is64 ? 64 : 40)) throw new ExecutableError(`section header size ${shentsize} too small`);
  const raw = Array.from({ length: shnum }, (_, i) => readHeader(b, shoff + i * shentsize, is64));
  const strtab = raw[shstrndx];
  if (!strtab) throw new ExecutableError(`section name table index ${shstrndx} out of range`);
  const sections: Section[] = raw.map((h) => ({
    name: b.cstr(strtab.offset + h.nameOff),
    addr: h.addr,
    offset: h.type === SHT_NOBITS ? undefined : h.offset,
    size: h.size,
    writable: (h.flags & SHF_WRITE) !== 0,
  }));
  return withReaders(buf, { format: 'elf', littleEndian: le, ptrSize: is64 ? 8 : 4, sections });
}

function readHeader(b: Bytes, at: number, is64: boolean) {
  return is64
    ? {
        nameOff: b.u32(at),
        type: b.u32(at + 4),
        flags: b.u64(at + 8),
        addr: b.u64(at + 16),
        offset: b.u64(at + 24),
        size: b.u64(at + 32),
      }
    : {
        nameOff: b.u32(at),
        type: b.u32(at + 4),
        flags: b.u32(at + 8),
        addr: b.u32(at + 12),
        offset: b.u32(at + 16),
        size: b.u32(at + 20),
      };
}
