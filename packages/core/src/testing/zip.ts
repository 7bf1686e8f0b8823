/**
 * Writes a zip archive of stored (uncompressed) entries, for tests that need an OSV archive
 * with specific content (APPNOTE.TXT 6.3: local headers, central directory, end record).
 */
const TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function header(sig: number, fields: [number, 2 | 4][]): Buffer {
  const size = 4 + fields.reduce((n, [, w]) => n + w, 0);
  const b = Buffer.alloc(size);
  b.writeUInt32LE(sig, 0);
  let o = 4;
  for (const [v, w] of fields) {
    if (w === 2) b.writeUInt16LE(v, o);
    else b.writeUInt32LE(v, o);
    o += w;
  }
  return b;
}

/** `{ 'GHSA-x.json': '{…}' }` → zip bytes. */
export function makeZip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const fname = Buffer.from(name);
    const crc = crc32(data);
    const common: [number, 2 | 4][] = [
      [20, 2],
      [0, 2],
      [0, 2],
      [0, 2],
      [0x21, 2],
      [crc, 4],
      [data.length, 4],
      [data.length, 4],
      [fname.length, 2],
      [0, 2],
    ];
    const local = Buffer.concat([header(0x04034b50, common), fname, data]);
    central.push(
      Buffer.concat([
        header(0x02014b50, [[20, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]),
        fname,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const cd = Buffer.concat(central);
  const n = central.length;
  const end = header(0x06054b50, [
    [0, 2],
    [0, 2],
    [n, 2],
    [n, 2],
    [cd.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...locals, cd, end]);
}
