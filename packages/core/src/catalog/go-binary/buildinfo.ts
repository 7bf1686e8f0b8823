import type { Executable } from '../exe/executable.js';
import { ExecutableError } from '../exe/executable.js';

/** `\xff Go buildinf:`: the 14-byte magic that opens the build info blob. */
const MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const HEADER = 32;
const ALIGN = 16;
const FLAG_BIG_ENDIAN = 0x1;
const FLAG_INLINE = 0x2;
/** Longest string accepted from the blob; real modinfo is a few KB, big apps ~100 KB. */
const MAX_STRING = 4 * 1024 ** 2;

/** The two strings `go version -m` prints from: the toolchain version and the module info. */
export interface RawBuildInfo {
  goVersion: string;
  modinfo: string;
}

/**
 * Where the blob lives (Go's `debug/buildinfo`, `readRawBuildInfo`): ELF `.go.buildinfo`,
 * Mach-O `__go_buildinfo`, PE the start of `.data`; failing those, the first writable section.
 */
function candidateData(exe: Executable): Buffer[] {
  const named = exe.sections.filter((s) => s.name === '.go.buildinfo' || s.name === '__go_buildinfo');
  const data = exe.sections.filter((s) => s.name === '.data' || s.name === '__data');
  const writable = exe.sections.filter((s) => s.writable);
  return [...named, ...data, ...writable.slice(0, 1)]
    .map((s) => exe.sectionBytes(s))
    .filter((b) => b !== undefined);
}

function findMagic(data: Buffer): number {
  for (let at = data.indexOf(MAGIC); at >= 0; at = data.indexOf(MAGIC, at + 1)) {
    if (at % ALIGN === 0 && at + HEADER <= data.length) return at;
  }
  return -1;
}

/**
 * Decodes the build info header: byte 14 is the pointer size, byte 15 the flags. Go ≥ 1.18
 * (flag 0x2) stores both strings inline after the 32-byte header, each prefixed by its
 * uvarint length; older toolchains store two pointers to Go string headers (data pointer,
 * length) that must be followed through the executable's address space.
 *
 * @returns `undefined` when the file has no Go build info (not a Go binary)
 * @throws ExecutableError when the blob is there but truncated or points nowhere
 */
export function readBuildInfo(exe: Executable): RawBuildInfo | undefined {
  for (const data of candidateData(exe)) {
    const at = findMagic(data);
    if (at < 0) continue;
    const ptrSize = data[at + 14]!;
    const flags = data[at + 15]!;
    if (flags & FLAG_INLINE) {
      const v = readVarString(data, at + HEADER);
      const m = readVarString(data, v.next);
      return { goVersion: v.value.toString('utf8'), modinfo: stripSentinels(m.value) };
    }
    if (ptrSize !== 4 && ptrSize !== 8) throw new ExecutableError(`build info pointer size ${ptrSize}`);
    const le = (flags & FLAG_BIG_ENDIAN) === 0;
    const word = (buf: Buffer, off: number) => readWord(buf, off, ptrSize, le);
    const goVersion = readGoString(exe, word(data, at + 16), ptrSize, le);
    const modinfo = readGoString(exe, word(data, at + 16 + ptrSize), ptrSize, le);
    return { goVersion: goVersion.toString('utf8'), modinfo: stripSentinels(modinfo) };
  }
  return undefined;
}

function readWord(buf: Buffer, off: number, size: number, le: boolean): number {
  if (off + size > buf.length) throw new ExecutableError('build info header truncated');
  if (size === 4) return le ? buf.readUInt32LE(off) : buf.readUInt32BE(off);
  const v = le ? buf.readBigUInt64LE(off) : buf.readBigUInt64BE(off);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ExecutableError('build info pointer out of range');
  return Number(v);
}

/** A Go `string` header at `addr`: data pointer then length, each one word. */
function readGoString(exe: Executable, addr: number, ptrSize: number, le: boolean): Buffer {
  const hdr = exe.readAt(addr, 2 * ptrSize);
  if (!hdr)
    throw new ExecutableError(`build info string header at 0x${addr.toString(16)} is outside the file`);
  const ptr = readWord(hdr, 0, ptrSize, le);
  const len = readWord(hdr, ptrSize, ptrSize, le);
  if (len > MAX_STRING) throw new ExecutableError(`build info string of ${len} bytes`);
  if (len === 0) return Buffer.alloc(0);
  const bytes = exe.readAt(ptr, len);
  if (!bytes) throw new ExecutableError(`build info string at 0x${ptr.toString(16)} is outside the file`);
  return bytes;
}

/** An unsigned LEB128 length (Go's `binary.Uvarint`) followed by that many bytes. */
function readVarString(data: Buffer, at: number): { value: Buffer; next: number } {
  let len = 0;
  let shift = 0;
  let i = at;
  for (; ; i++) {
    if (i >= data.length || shift > 28) throw new ExecutableError('build info length truncated');
    const byte = data[i]!;
    len += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if ((byte & 0x80) === 0) break;
  }
  const start = i + 1;
  if (len > MAX_STRING || start + len > data.length) throw new ExecutableError('build info string truncated');
  return { value: data.subarray(start, start + len), next: start + len };
}

/**
 * The linker wraps modinfo in two 16-byte sentinels (`cmd/go/internal/modload.infoStart`/`infoEnd`);
 * Go strips them when the 17th byte from the end is a newline, and so do we.
 */
function stripSentinels(b: Buffer): string {
  const inner = b.length >= 33 && b[b.length - 17] === 0x0a ? b.subarray(16, b.length - 16) : b;
  return inner.toString('utf8');
}
