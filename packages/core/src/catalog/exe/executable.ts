/**
 * A parsed executable's layout, format-neutral: enough to find a named section and to read
 * bytes at a virtual address (Go's build info points at strings by address before Go 1.18).
 * Parsers touch only the headers and the ranges asked for, never the whole file.
 */
export interface Section {
  name: string;
  /** Virtual address of the section's first byte when loaded (0 for non-loaded sections). */
  addr: number;
  /** File offset of its bytes; `undefined` for sections with no file bytes (.bss). */
  offset: number | undefined;
  size: number;
  /** Writable data (ELF SHF_WRITE, Mach-O `__DATA`, PE IMAGE_SCN_MEM_WRITE). */
  writable: boolean;
}

/** What every format parser returns. */
export interface Executable {
  format: 'elf' | 'macho' | 'pe';
  littleEndian: boolean;
  /** 4 or 8. */
  ptrSize: number;
  sections: Section[];
  /** Bytes at virtual address `addr`, or `undefined` when no section with file bytes holds them all. */
  readAt(addr: number, length: number): Buffer | undefined;
  /** The file bytes of a section, or `undefined`. */
  sectionBytes(s: Section): Buffer | undefined;
}

/** Thrown for a file whose magic matched but whose headers are truncated or inconsistent. */
export class ExecutableError extends Error {
  override readonly name = 'ExecutableError';
}

/** A bounds-checked view of a file's bytes: every read outside them throws `ExecutableError`. */
export class Bytes {
  constructor(
    readonly buf: Buffer,
    readonly le: boolean,
  ) {}

  private check(off: number, n: number): void {
    if (!Number.isSafeInteger(off) || off < 0 || off + n > this.buf.length) {
      throw new ExecutableError(
        `header points outside the file (offset ${off}, ${n} bytes, file ${this.buf.length})`,
      );
    }
  }
  u8(off: number): number {
    this.check(off, 1);
    return this.buf[off]!;
  }
  u16(off: number): number {
    this.check(off, 2);
    return this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off: number): number {
    this.check(off, 4);
    return this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  /** A 64-bit value as a number; values past 2^53 (never real offsets or sizes) throw. */
  u64(off: number): number {
    this.check(off, 8);
    const v = this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ExecutableError(`64-bit value out of range at ${off}`);
    return Number(v);
  }
  word(off: number, ptrSize: number): number {
    return ptrSize === 8 ? this.u64(off) : this.u32(off);
  }
  slice(off: number, n: number): Buffer {
    this.check(off, n);
    return this.buf.subarray(off, off + n);
  }
  /** A NUL-terminated string starting at `off`, at most `max` bytes. */
  cstr(off: number, max = 256): string {
    this.check(off, 0);
    const end = this.buf.indexOf(0, off);
    const stop = end < 0 ? Math.min(this.buf.length, off + max) : Math.min(end, off + max);
    return this.buf.toString('latin1', off, stop);
  }
}

/** `readAt` and `sectionBytes` over a list of sections of a buffer. */
export function withReaders(buf: Buffer, base: Omit<Executable, 'readAt' | 'sectionBytes'>): Executable {
  const sectionBytes = (s: Section): Buffer | undefined =>
    s.offset === undefined || s.offset + s.size > buf.length
      ? undefined
      : buf.subarray(s.offset, s.offset + s.size);
  const readAt = (addr: number, length: number): Buffer | undefined => {
    for (const s of base.sections) {
      if (s.offset === undefined || s.addr === 0 || addr < s.addr || addr + length > s.addr + s.size)
        continue;
      const at = s.offset + (addr - s.addr);
      if (at + length <= buf.length) return buf.subarray(at, at + length);
    }
    return undefined;
  };
  return { ...base, readAt, sectionBytes };
}
