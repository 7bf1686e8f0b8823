import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { messages, UserError } from '../errors.js';
import { openTarStream, sniffCompression } from './decompress.js';
import { indexTar, type TarMember } from './tar-index.js';

/** An image tarball ready for random access: an uncompressed tar and its member index. */
export interface IndexedArchive {
  /** The uncompressed tar: the user's file, or a decompressed copy in the scan's temp dir. */
  tarPath: string;
  members: Map<string, TarMember>;
}

async function head4(path: string): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await fh.read(head, 0, 4, 0);
    return head;
  } finally {
    await fh.close();
  }
}

/** Indexes `path` when it is an uncompressed tar (for sniffing); `undefined` for compressed files. */
export async function indexIfPlainTar(path: string): Promise<Map<string, TarMember> | undefined> {
  if (sniffCompression(await head4(path)) !== 'none') return undefined;
  return indexTar(path);
}

/**
 * Makes an image tarball readable by offset. A gzip- or zstd-compressed one (`docker save |
 * gzip`) is decompressed once into `tmpDir` as `<name>.tar`, since a compressed tar has no
 * random access; a plain one is indexed where it is.
 */
export async function indexArchive(location: string, tmpDir: string, name: string): Promise<IndexedArchive> {
  const where = { file: location };
  const st = await stat(location).catch(() => undefined);
  if (!st?.isFile()) throw new UserError(messages.fileNotFound(location), where);
  let tarPath = location;
  if (sniffCompression(await head4(location)) !== 'none') {
    tarPath = join(tmpDir, `${name}.tar`);
    try {
      const { tar } = await openTarStream(createReadStream(location), Number.MAX_SAFE_INTEGER);
      await pipeline(tar, createWriteStream(tarPath));
    } catch (err) {
      throw new UserError(messages.notAnImage(), where, { cause: err });
    }
  }
  try {
    return { tarPath, members: await indexTar(tarPath) };
  } catch (err) {
    throw new UserError(messages.notAnImage(), where, { cause: err });
  }
}

/**
 * Finds a regular-file member, following hardlinks and relative symlinks inside the archive
 * (podman writes layers shared by tags as links), at most 8 hops.
 */
export function resolveMember(members: Map<string, TarMember>, name: string): TarMember | undefined {
  let m = members.get(name.replace(/^\.\//, ''));
  for (let hops = 0; m && m.type === '1' && hops < 8; hops++)
    m = members.get(m.linkName.replace(/^\.\//, ''));
  for (let hops = 0; m && m.type === '2' && hops < 8; hops++) {
    const dir = name.includes('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    m = members.get(
      (m.linkName.startsWith('../') ? m.linkName.slice(3) : dir + m.linkName).replace(/^\.\//, ''),
    );
  }
  return m && (m.type === '0' || m.type === '7') ? m : undefined;
}
