/**
 * Helpers for the catalogers' tests (never imported by production code). Fixture folders
 * reproduce paths inside the image (STYLE rule 20): `testdata/<cataloger>/<case>/<image path>`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import type { FileMeta } from '../image/file-meta.js';
import { coreSrc } from './index.js';
import type { LayerFiles } from './view.js';
import type { Package } from '../types/model.js';
import type { Cataloger } from '../catalog/cataloger.js';

/** Every file under `dir` as layer files, at `prefix` + its path relative to `dir`. */
export function dirLayer(dir: string, prefix = ''): LayerFiles {
  const out: LayerFiles = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[`${prefix}${relative(dir, p)}`] = readFileSync(p);
    }
  };
  walk(dir);
  return out;
}

/** A fixture folder of this package: `catalog/testdata/<parts>`. */
export function fixture(...parts: string[]): string {
  return coreSrc('catalog', 'testdata', ...parts);
}

/** `name@version` of each package, sorted: the usual shape of an expectation. */
export function ids(packages: readonly Pick<Package, 'name' | 'version'>[]): string[] {
  return packages.map((p) => `${p.name}@${p.version}`).sort();
}

/** Metadata of a plain file of `size` bytes, for `wants` predicates. */
export function fileMeta(size = 100, mode = 0o644): FileMeta {
  return { type: 'file', mode, size, uid: 0, gid: 0 };
}

/** The paths of `paths` that `c` wants (as plain files of `size` bytes). */
export function wanted(c: Cataloger, paths: readonly string[], size = 100): string[] {
  return paths.filter((p) => (c.staticPaths ? c.staticPaths.includes(p) : c.wants(p, fileMeta(size))));
}

/**
 * A minimal little-endian ELF64 file holding the given sections (plus the null section and
 * `.shstrtab`), laid out as the System V ABI describes. Each section is loaded at
 * `0x400000 + its file offset`, so virtual addresses and offsets correspond.
 */
export function buildElf(sections: { name: string; data: Buffer; writable?: boolean }[]): Buffer {
  const names = ['', ...sections.map((s) => s.name), '.shstrtab'];
  const shstr = Buffer.from(`${names.join('\0')}\0`, 'latin1');
  const nameOffsets = names.map((_, i) => names.slice(0, i).reduce((n, s) => n + s.length + 1, 0));
  const bodies = [...sections.map((s) => s.data), shstr];
  let off = 64;
  const offsets = bodies.map((b) => {
    const at = off;
    off += b.length + ((16 - (b.length % 16)) % 16);
    return at;
  });
  const shoff = off;
  const header = Buffer.alloc(64);
  header.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  header.writeUInt16LE(2, 0x10); // ET_EXEC
  header.writeUInt16LE(0x3e, 0x12); // x86-64
  header.writeBigUInt64LE(BigInt(shoff), 0x28);
  header.writeUInt16LE(64, 0x3a);
  header.writeUInt16LE(names.length, 0x3c);
  header.writeUInt16LE(names.length - 1, 0x3e);
  const table = Buffer.alloc(64 * names.length);
  for (let i = 1; i < names.length; i++) {
    const h = i * 64;
    const writable = sections[i - 1]?.writable ?? true;
    table.writeUInt32LE(nameOffsets[i]!, h);
    table.writeUInt32LE(i === names.length - 1 ? 3 : 1, h + 4); // SHT_STRTAB : SHT_PROGBITS
    table.writeBigUInt64LE(BigInt(writable && i < names.length - 1 ? 3 : 0), h + 8); // SHF_WRITE|SHF_ALLOC
    table.writeBigUInt64LE(BigInt(i < names.length - 1 ? 0x400000 + offsets[i - 1]! : 0), h + 16);
    table.writeBigUInt64LE(BigInt(offsets[i - 1]!), h + 24);
    table.writeBigUInt64LE(BigInt(bodies[i - 1]!.length), h + 32);
  }
  const out = Buffer.alloc(shoff + table.length);
  header.copy(out, 0);
  bodies.forEach((b, i) => b.copy(out, offsets[i]!));
  table.copy(out, shoff);
  return out;
}

/** Go ≥ 1.18 build info (inline strings): the 32-byte header, then two uvarint-prefixed strings. */
export function goBuildInfoInline(goVersion: string, modinfo: string): Buffer {
  const header = Buffer.alloc(32);
  header.write('\xff Go buildinf:', 0, 'latin1');
  header[14] = 8;
  header[15] = 2;
  const sentinel = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
  const mod = Buffer.concat([
    sentinel,
    Buffer.from(modinfo),
    Buffer.from('f932433186182072008242104116d8f2', 'hex'),
  ]);
  const varStr = (b: Buffer) => {
    const len: number[] = [];
    for (let n = b.length; ; n >>>= 7) {
      if (n < 0x80) {
        len.push(n);
        break;
      }
      len.push((n & 0x7f) | 0x80);
    }
    return Buffer.concat([Buffer.from(len), b]);
  };
  return Buffer.concat([header, varStr(Buffer.from(goVersion)), varStr(mod)]);
}

/** One entry for `buildZip`; `declaredSize` overrides the uncompressed size written (hostile tests). */
export interface ZipEntrySpec {
  name: string;
  data: Buffer | string;
  deflate?: boolean;
  declaredSize?: number;
}

/**
 * A zip archive as APPNOTE.TXT 4.3 lays it out (local headers, central directory, end record),
 * with stored or deflated entries. Names are written as given, hostile ones included.
 */
export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    const body = e.deflate ? deflateRawSync(raw) : raw;
    const name = Buffer.from(e.name);
    const crc = crc32(raw);
    const size = e.declaredSize ?? raw.length;
    const common = (h: Buffer, at: number) => {
      h.writeUInt16LE(20, at);
      h.writeUInt16LE(0x0800, at + 2);
      h.writeUInt16LE(e.deflate ? 8 : 0, at + 4);
      h.writeUInt32LE(crc, at + 10);
      h.writeUInt32LE(body.length, at + 14);
      h.writeUInt32LE(size, at + 18);
      h.writeUInt16LE(name.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
