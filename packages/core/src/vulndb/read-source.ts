import { open, readdir, readFile, stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import yauzl from 'yauzl';
import { messages, UserError } from '../errors.js';
import { readAll } from '../image/stream-utils.js';

/** One JSON document read from a DB source, with the name it came from. */
export interface RawDoc {
  /** File path, or `zip:entry` for zip members. */
  name: string;
  text: string;
}

/** Largest single OSV record accepted (the biggest real ones are a few hundred KB). */
const MAX_RECORD_BYTES = 16 << 20;

/**
 * Reads every `*.json` document of an OSV source: a directory (searched recursively, as OSV's
 * bulk layout `<ecosystem>/*.json` or a flat folder) or a zip (OSV's `<ecosystem>/all.zip`).
 */
export async function* readOsvSource(path: string): AsyncGenerator<RawDoc> {
  const st = await stat(path).catch(() => undefined);
  if (!st) throw new UserError(messages.dbNotFound(path), { file: path });
  if (st.isDirectory()) {
    yield* readDir(path);
    return;
  }
  const head = Buffer.alloc(4);
  const fh = await open(path, 'r');
  await fh.read(head, 0, 4, 0);
  await fh.close();
  if (head.readUInt32LE(0) === 0x04034b50 || head.readUInt32LE(0) === 0x06054b50) {
    yield* readZip(path);
    return;
  }
  yield { name: path, text: await readFile(path, 'utf8') };
}

async function* readDir(dir: string): AsyncGenerator<RawDoc> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* readDir(p);
    else if (e.isFile() && e.name.endsWith('.json')) yield { name: p, text: await readFile(p, 'utf8') };
    else if (e.isFile() && e.name.endsWith('.zip')) yield* readZip(p);
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      path,
      { lazyEntries: true, autoClose: true, strictFileNames: false, validateEntrySizes: true },
      (err, zip) =>
        err || !zip
          ? reject(new UserError(messages.zipInvalid(err?.message ?? 'unreadable'), { file: path }))
          : resolve(zip),
    ),
  );
}

async function* readZip(path: string): AsyncGenerator<RawDoc> {
  const zip = await openZip(path);
  const queue: (yauzl.Entry | null | Error)[] = [];
  let wake: (() => void) | undefined;
  const push = (x: yauzl.Entry | null | Error) => {
    queue.push(x);
    wake?.();
  };
  zip.on('entry', (e: yauzl.Entry) => push(e));
  zip.on('end', () => push(null));
  zip.on('error', (e: Error) => push(e));
  zip.readEntry();
  for (;;) {
    while (queue.length === 0) await new Promise<void>((r) => (wake = r));
    const item = queue.shift()!;
    if (item === null) return;
    if (item instanceof Error) throw new UserError(messages.zipInvalid(item.message), { file: path });
    if (item.fileName.endsWith('.json') && !item.fileName.endsWith('/')) {
      if (item.uncompressedSize > MAX_RECORD_BYTES)
        throw new UserError(
          messages.dbRecordInvalid(`${item.fileName} is larger than ${MAX_RECORD_BYTES} bytes`),
          { file: path },
        );
      const stream = await new Promise<NodeJS.ReadableStream>((res, rej) =>
        zip.openReadStream(item, (err, s) => (err || !s ? rej(err) : res(s))),
      ).catch((err: Error) => {
        throw new UserError(messages.zipInvalid(`${item.fileName}: ${err.message}`), { file: path });
      });
      const bytes = await readAll(stream as unknown as Readable, MAX_RECORD_BYTES).catch((err: Error) => {
        throw new UserError(messages.zipInvalid(`${item.fileName}: ${err.message}`), { file: path });
      });
      yield { name: `${path}:${item.fileName}`, text: bytes.toString('utf8') };
    }
    zip.readEntry();
  }
}
