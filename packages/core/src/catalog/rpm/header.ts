/**
 * rpm header blobs as an rpm database stores them (no lead, no magic: the blob starts at the
 * index counts). Format: rpm's `lib/header.c` and the "Header structure" of
 * https://rpm-software-management.github.io/rpm/manual/format_v4.html — big-endian
 * `il` (index entries) and `dl` (data bytes), then `il` 16-byte entries `{tag, type, offset,
 * count}`, then the data store. Validation mirrors `hdrblobInit()`: a blob rpm would call a
 * "damaged header" is refused here too, with rpm's reason.
 */

/** Tags tidegate reads (`rpmtag.h`). */
export const TAG = {
  HEADERIMAGE: 61,
  HEADERSIGNATURES: 62,
  HEADERIMMUTABLE: 63,
  NAME: 1000,
  VERSION: 1001,
  RELEASE: 1002,
  EPOCH: 1003,
  VENDOR: 1011,
  LICENSE: 1014,
  ARCH: 1022,
  OLDFILENAMES: 1027,
  SOURCERPM: 1044,
  DIRINDEXES: 1116,
  BASENAMES: 1117,
  DIRNAMES: 1118,
  MODULARITYLABEL: 5096,
} as const;

/** Data types (`rpmTagType`): 0 NULL … 9 I18NSTRING. */
export const TYPE = { INT32: 4, STRING: 6, BIN: 7, STRING_ARRAY: 8, I18NSTRING: 9 } as const;

const TYPE_SIZE = [0, 1, 1, 2, 4, 8, -1, 1, -1, -1];
const TYPE_ALIGN = [1, 1, 1, 2, 4, 8, 1, 1, 1, 1];
const MAX_TAGS = 0xffff;
const MAX_DATA = 0x0fffffff;
const MAX_ARRAY = 0x000fffff;
/** `HEADER_I18NTABLE`: tags below it are reserved for regions. */
const MIN_TAG = 100;
const ENTRY = 16;

/** One index entry. `offset` is into the data store. */
export interface IndexEntry {
  tag: number;
  type: number;
  offset: number;
  count: number;
}

/** A parsed header: the data store and its entries by tag (a later entry replaces an earlier one, as rpm's "dribble" entries do). */
export interface RpmHeader {
  store: Buffer;
  entries: Map<number, IndexEntry>;
}

/** A header rpm would refuse; the message is rpm's own wording where it has one. */
export class HeaderError extends Error {
  override readonly name = 'HeaderError';
}

const STRING_TAGS: ReadonlySet<number> = new Set([
  TAG.NAME,
  TAG.VERSION,
  TAG.RELEASE,
  TAG.VENDOR,
  TAG.LICENSE,
  TAG.ARCH,
  TAG.SOURCERPM,
  TAG.MODULARITYLABEL,
  TAG.BASENAMES,
  TAG.DIRNAMES,
  TAG.OLDFILENAMES,
]);
const INT32_TAGS: ReadonlySet<number> = new Set([TAG.EPOCH, TAG.DIRINDEXES]);

function readEntry(blob: Buffer, i: number): IndexEntry {
  const at = 8 + i * ENTRY;
  return {
    tag: blob.readUInt32BE(at),
    type: blob.readUInt32BE(at + 4),
    offset: blob.readInt32BE(at + 8),
    count: blob.readUInt32BE(at + 12),
  };
}

/** Parses and checks one header blob. @throws HeaderError when rpm would refuse it. */
export function parseHeader(blob: Buffer): RpmHeader {
  if (blob.length < 8) throw new HeaderError('hdr length: BAD');
  const il = blob.readUInt32BE(0);
  const dl = blob.readUInt32BE(4);
  if (il > MAX_TAGS) throw new HeaderError(`hdr tags: BAD, no. of tags(${il}) out of range`);
  if (dl > MAX_DATA) throw new HeaderError(`hdr data: BAD, no. of bytes(${dl}) out of range`);
  const pvlen = 8 + il * ENTRY + dl;
  if (pvlen !== blob.length)
    throw new HeaderError(`blob size(${blob.length}): BAD, 8 + 16 * il(${il}) + dl(${dl})`);
  const store = blob.subarray(8 + il * ENTRY);
  const region = verifyRegion(blob, il, dl, store);
  const entries = new Map<number, IndexEntry>();
  let end = 0;
  for (let i = region ? 1 : 0; i < il; i++) {
    const e = readEntry(blob, i);
    const len = checkEntry(e, end, dl, store);
    if (len === undefined || (region && e.offset + len > region.rdl - ENTRY && e.offset < region.rdl))
      throw new HeaderError(
        `tag[${i}]: BAD, tag ${e.tag} type ${e.type} offset ${e.offset} count ${e.count}`,
      );
    end = e.offset + len;
    entries.set(e.tag, e);
  }
  return { store, entries };
}

/**
 * `hdrblobVerifyRegion()`: a header whose first entry is a region tag (61–63) must have a sane
 * region trailer inside the data store. A header without one is a legacy header, accepted.
 */
function verifyRegion(blob: Buffer, il: number, dl: number, store: Buffer): { rdl: number } | undefined {
  if (il < 1) throw new HeaderError('region: no tags');
  const first = readEntry(blob, 0);
  const regionTag = first.tag;
  if (
    regionTag !== TAG.HEADERIMAGE &&
    regionTag !== TAG.HEADERSIGNATURES &&
    regionTag !== TAG.HEADERIMMUTABLE
  )
    return undefined;
  const bad = (what: string, e: IndexEntry) =>
    new HeaderError(`${what}: BAD, tag ${e.tag} type ${e.type} offset ${e.offset} count ${e.count}`);
  if (first.type !== TYPE.BIN || first.count !== ENTRY) throw bad('region tag', first);
  if (first.offset < 0 || first.offset + ENTRY > dl) throw bad('region offset', first);
  const trailer = {
    tag: store.readUInt32BE(first.offset),
    type: store.readUInt32BE(first.offset + 4),
    offset: -store.readInt32BE(first.offset + 8),
    count: store.readUInt32BE(first.offset + 12),
  };
  if (regionTag === TAG.HEADERSIGNATURES && trailer.tag === TAG.HEADERIMAGE)
    trailer.tag = TAG.HEADERSIGNATURES;
  if (trailer.tag !== regionTag || trailer.type !== TYPE.BIN || trailer.count !== ENTRY)
    throw bad('region trailer', trailer);
  const ril = trailer.offset / ENTRY;
  const rdl = first.offset + ENTRY;
  if (!Number.isInteger(ril) || ril < 0 || ril > il || rdl > dl)
    throw new HeaderError(`region ${regionTag} size: BAD, ril ${ril} il ${il} rdl ${rdl} dl ${dl}`);
  return { rdl };
}

/**
 * `hdrblobVerifyInfo()` for one entry: sorted, non-overlapping, aligned data that fits, plus
 * rpm's type check (`hdrchkTagType`) for the tags tidegate reads. Returns the data length.
 */
function checkEntry(e: IndexEntry, end: number, dl: number, store: Buffer): number | undefined {
  if (end > e.offset || e.tag < MIN_TAG || e.type > 9 || e.count < 1 || e.count > dl) return undefined;
  if (e.offset < 0 || e.offset > dl || e.offset % TYPE_ALIGN[e.type]! !== 0) return undefined;
  if (e.type !== TYPE.BIN && e.count > MAX_ARRAY) return undefined;
  if (
    STRING_TAGS.has(e.tag) &&
    e.type !== TYPE.STRING &&
    e.type !== TYPE.STRING_ARRAY &&
    e.type !== TYPE.I18NSTRING
  )
    return undefined;
  if (INT32_TAGS.has(e.tag) && e.type !== TYPE.INT32) return undefined;
  const len = dataLength(e, store, dl);
  return len !== undefined && len > 0 && e.offset + len <= dl ? len : undefined;
}

/**
 * Bytes an entry's data occupies: NUL-terminated strings for the string types. The NULs are
 * counted in one pass over the bytes (a `indexOf` call per string costs more on file lists of
 * thousands of names).
 */
function dataLength(e: IndexEntry, store: Buffer, dl: number): number | undefined {
  if (e.type === TYPE.STRING && e.count !== 1) return undefined;
  if (e.type === TYPE.STRING || e.type === TYPE.STRING_ARRAY || e.type === TYPE.I18NSTRING) {
    let left = e.count;
    for (let i = e.offset; i < dl; i++) if (store[i] === 0 && --left === 0) return i + 1 - e.offset;
    return undefined;
  }
  return TYPE_SIZE[e.type]! * e.count;
}

function stringsAt(h: RpmHeader, e: IndexEntry): string[] {
  const out: string[] = [];
  let at = e.offset;
  for (let n = 0; n < e.count; n++) {
    const nul = h.store.indexOf(0, at);
    out.push(h.store.toString('utf8', at, nul));
    at = nul + 1;
  }
  return out;
}

/** A string tag's value; for I18NSTRING and STRING_ARRAY, the first string (rpm's C locale). */
export function headerString(h: RpmHeader, tag: number): string | undefined {
  const e = h.entries.get(tag);
  if (!e || (e.type !== TYPE.STRING && e.type !== TYPE.STRING_ARRAY && e.type !== TYPE.I18NSTRING))
    return undefined;
  return stringsAt(h, { ...e, count: 1 })[0];
}

/** A STRING_ARRAY tag's values. */
export function headerStrings(h: RpmHeader, tag: number): string[] | undefined {
  const e = h.entries.get(tag);
  return e && (e.type === TYPE.STRING_ARRAY || e.type === TYPE.I18NSTRING) ? stringsAt(h, e) : undefined;
}

/** An INT32 tag's values (big-endian, as stored). */
export function headerInt32s(h: RpmHeader, tag: number): number[] | undefined {
  const e = h.entries.get(tag);
  if (!e || e.type !== TYPE.INT32) return undefined;
  return Array.from({ length: e.count }, (_, i) => h.store.readInt32BE(e.offset + 4 * i));
}
