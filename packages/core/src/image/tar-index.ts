import { open, type FileHandle } from 'node:fs/promises';

/** Where one member of a tar file sits, so it can be read later without re-reading the tar. */
export interface TarMember {
  name: string;
  /** Byte offset of the member's data in the tar file. */
  offset: number;
  size: number;
  /** Tar type flag: `0`/`\0` file, `1` hardlink, `2` symlink, `5` directory, … */
  type: string;
  linkName: string;
}

const BLOCK = 512;

function field(buf: Buffer, start: number, len: number): string {
  const s = buf.subarray(start, start + len);
  const nul = s.indexOf(0);
  return s.subarray(0, nul < 0 ? len : nul).toString('utf8');
}

function octal(buf: Buffer, start: number, len: number): number {
  // GNU base-256 encoding for large sizes: high bit of the first byte set
  if (buf[start]! & 0x80) {
    let n = 0;
    for (let i = start + 1; i < start + len; i++) n = n * 256 + buf[i]!;
    return n;
  }
  const s = field(buf, start, len).trim();
  return s ? parseInt(s, 8) : 0;
}

function checksumOk(h: Buffer): boolean {
  const stored = octal(h, 148, 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : h[i]!;
  return sum === stored;
}

function paxPath(data: Buffer): { path?: string; linkpath?: string; size?: number } {
  const out: { path?: string; linkpath?: string; size?: number } = {};
  let i = 0;
  while (i < data.length) {
    const sp = data.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(data.subarray(i, sp).toString('latin1'), 10);
    if (!len) break;
    const rec = data.subarray(sp + 1, i + len - 1).toString('utf8');
    const eq = rec.indexOf('=');
    const key = rec.slice(0, eq);
    const value = rec.slice(eq + 1);
    if (key === 'path') out.path = value;
    else if (key === 'linkpath') out.linkpath = value;
    else if (key === 'size') out.size = Number(value);
    i += len;
  }
  return out;
}

/**
 * Indexes the members of an uncompressed tar file by reading only its headers (one 512-byte read
 * per member, data skipped with a seek). Handles ustar prefixes, GNU long names (`L`/`K`) and
 * pax extended headers (`x`). Used for docker-archive tarballs, whose layers are then read by
 * offset, in parallel, without unpacking the archive.
 *
 * @throws Error with a message naming the offset when a header checksum is wrong.
 */
export async function indexTar(path: string): Promise<Map<string, TarMember>> {
  const fh = await open(path, 'r');
  try {
    return await indexOpenTar(fh);
  } finally {
    await fh.close();
  }
}

async function readExact(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len);
  const { bytesRead } = await fh.read(buf, 0, len, pos);
  if (bytesRead < len) throw new Error(`tar truncated at offset ${pos + bytesRead}`);
  return buf;
}

async function indexOpenTar(fh: FileHandle): Promise<Map<string, TarMember>> {
  const { size: fileSize } = await fh.stat();
  const members = new Map<string, TarMember>();
  let pos = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: ReturnType<typeof paxPath> = {};
  while (pos + BLOCK <= fileSize) {
    const h = await readExact(fh, pos, BLOCK);
    if (h.every((b) => b === 0)) break;
    if (!checksumOk(h)) throw new Error(`bad tar header checksum at offset ${pos}`);
    const type = String.fromCharCode(h[156]!) || '0';
    let size = octal(h, 124, 12);
    const dataPos = pos + BLOCK;
    if (type === 'L' || type === 'K' || type === 'x') {
      const data = await readExact(fh, dataPos, size);
      if (type === 'L') longName = field(data, 0, data.length);
      else if (type === 'K') longLink = field(data, 0, data.length);
      else pax = paxPath(data);
    } else if (type !== 'g') {
      const prefix = h.subarray(257, 262).toString('latin1') === 'ustar' ? field(h, 345, 155) : '';
      const base = field(h, 0, 100);
      const name = pax.path ?? longName ?? (prefix ? `${prefix}/${base}` : base);
      if (pax.size !== undefined) size = pax.size;
      const linkName = pax.linkpath ?? longLink ?? field(h, 157, 100);
      members.set(name.replace(/^\.\//, ''), {
        name,
        offset: dataPos,
        size,
        type: type === '\0' ? '0' : type,
        linkName,
      });
      longName = longLink = undefined;
      pax = {};
    }
    pos = dataPos + Math.ceil(size / BLOCK) * BLOCK;
    if (pos > fileSize)
      throw new Error(`tar truncated: member at offset ${dataPos - BLOCK} runs past the end`);
  }
  return members;
}
