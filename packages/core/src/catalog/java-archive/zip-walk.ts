import yauzl from 'yauzl';
import { messages } from '../../errors.js';

/** Guards for reading one top-level archive and everything nested in it. */
export interface ZipLimits {
  /** Entries read per archive; more is a warning and the rest are skipped. */
  maxEntries: number;
  /** Uncompressed bytes extracted in total, over all nesting levels (zip-bomb guard). */
  maxTotalBytes: number;
  /** Largest single entry extracted (a nested archive or a metadata file). */
  maxEntryBytes: number;
  /** Archives inside archives, counting the top-level one as 1. */
  maxDepth: number;
}

/** Far above real jars (Spring Boot fat jars: ~20k entries, nesting 2), far below harm. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 1024 ** 3,
  maxEntryBytes: 256 * 1024 ** 2,
  maxDepth: 4,
};

/** What a visitor asks for an entry: its bytes, or nothing. */
export type EntryChoice = 'read' | 'skip';

/** Mutable budget shared by an archive and everything nested in it. */
export interface ZipBudget {
  limits: ZipLimits;
  bytesLeft: number;
  /** Problems met, as messages; the caller turns them into issues naming the file. */
  problems: string[];
}

/** A fresh budget for one top-level archive. */
export function newBudget(limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipBudget {
  return { limits, bytesLeft: limits.maxTotalBytes, problems: [] };
}

/**
 * Entry names are used in locations only (nothing is ever extracted to disk), but a name that
 * is absolute or climbs out with `..` is the mark of a zip-slip archive: it is skipped and
 * reported, and the rest of the archive is read.
 */
export function unsafeEntryName(name: string): boolean {
  return name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes('..');
}

/**
 * Walks the entries of an in-memory zip (yauzl, APPNOTE.TXT 4.3) in central-directory order,
 * asks `choose` about each file entry, and hands the chosen ones' bytes to `visit`. Sizes are
 * checked against the budget before extraction (declared size) and during it (yauzl verifies
 * the real size against the declared one), so a bomb stops at the first byte over.
 *
 * @throws Error when the archive itself cannot be opened (not a zip, truncated directory).
 */
export async function walkZip(
  buf: Buffer,
  budget: ZipBudget,
  choose: (name: string, declaredSize: number) => EntryChoice,
  visit: (name: string, bytes: Buffer) => Promise<void> | void,
): Promise<void> {
  const zip = await yauzl.fromBufferPromise(buf, {
    lazyEntries: true,
    decodeStrings: false,
    validateEntrySizes: true,
  });
  try {
    let seen = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (++seen > budget.limits.maxEntries) {
        budget.problems.push(messages.archiveTooManyEntries(budget.limits.maxEntries));
        return;
      }
      const name = yauzl.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileNameRaw,
        entry.extraFields,
        false,
      );
      if (name.endsWith('/')) continue;
      if (unsafeEntryName(name)) {
        budget.problems.push(messages.archiveUnsafePath(name));
        continue;
      }
      if (choose(name, entry.uncompressedSize) === 'skip') continue;
      const bytes = await extract(zip, entry, name, budget);
      if (bytes) await visit(name, bytes);
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | undefined> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
    const onEnd = () => done(() => resolve(undefined));
    const onError = (err: Error) => done(() => reject(err));
    const done = (f: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      f();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

/** Extracts one entry within the budget; `undefined` (and a problem noted) when it does not fit or is corrupt. */
async function extract(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  name: string,
  budget: ZipBudget,
): Promise<Buffer | undefined> {
  const declared = entry.uncompressedSize;
  if (declared > budget.limits.maxEntryBytes) {
    budget.problems.push(messages.archiveEntryTooLarge(name, declared, budget.limits.maxEntryBytes));
    return undefined;
  }
  if (declared > budget.bytesLeft) {
    budget.problems.push(messages.archiveTooLarge(budget.limits.maxTotalBytes));
    return undefined;
  }
  try {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const bytes = Buffer.concat(chunks);
    budget.bytesLeft -= bytes.length;
    return bytes;
  } catch (err) {
    budget.problems.push(`${name}: ${(err as Error).message}`);
    return undefined;
  }
}
