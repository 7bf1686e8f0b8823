import { Bytes, ExecutableError, withReaders, type Executable, type Section } from './executable.js';

const IMAGE_SCN_MEM_WRITE = 0x80000000;
const MAX_SECTIONS = 96;

/** True for a PE file: `MZ` at 0 and `PE\0\0` where `e_lfanew` points. */
export function isPe(buf: Buffer): boolean {
  if (buf.length < 0x40 || buf[0] !== 0x4d || buf[1] !== 0x5a) return false;
  const off = buf.readUInt32LE(0x3c);
  return off + 4 <= buf.length && buf.readUInt32LE(off) === 0x00004550;
}

/**
 * Sections of a PE/COFF image (Microsoft "PE Format": COFF file header, optional header with
 * ImageBase, section table). Addresses are ImageBase + VirtualAddress, as Go's linker uses.
 *
 * @throws ExecutableError when the headers are truncated.
 */
export function parsePe(buf: Buffer): Executable {
  const b = new Bytes(buf, true);
  const pe = b.u32(0x3c);
  const nsections = b.u16(pe + 6);
  const optSize = b.u16(pe + 20);
  if (nsections > MAX_SECTIONS) throw new ExecutableError(`${nsections} sections`);
  const opt = pe + 24;
  const is64 = b.u16(opt) === 0x20b;
  const imageBase = is64 ? b.u64(opt + 24) : b.u32(opt + 28);
  const sections: Section[] = [];
  for (let i = 0; i < nsections; i++) {
    const s = opt + optSize + i * 40;
    const vsize = b.u32(s + 8);
    const rawSize = b.u32(s + 16);
    sections.push({
      name: b.cstr(s, 8),
      addr: imageBase + b.u32(s + 12),
      offset: rawSize ? b.u32(s + 20) : undefined,
      size: Math.min(vsize || rawSize, rawSize),
      writable: (b.u32(s + 36) & IMAGE_SCN_MEM_WRITE) !== 0,
    });
  }
  return withReaders(buf, { format: 'pe', littleEndian: true, ptrSize: is64 ? 8 : 4, sections });
}
