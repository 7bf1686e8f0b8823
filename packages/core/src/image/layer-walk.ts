import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { messages, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { LayerOrigin } from '../types/model.js';
import { openTarStream } from './decompress.js';
import type { FileMeta } from './file-meta.js';
import type { LayerResult } from './fs-view.js';
import { baseName, normaliseEntryPath, parentDir } from './safe-path.js';
import type { LayerRef } from './source.js';
import { digestVerifier, padToMultiple, readAll } from './stream-utils.js';
import type { LayerFile, LayerVisitor, VisitOutput } from './visitor.js';

/** Size limits for one layer walk. */
export interface WalkLimits {
  /** Most bytes a layer may expand to (decompression-bomb guard). */
  maxLayerBytes: number;
  /** Largest single file whose content is read; bigger wanted files are skipped with an issue. */
  maxFileBytes: number;
}

/** 10 GiB: far above real layers, far below what fills a CI runner's disk or patience. */
export const DEFAULT_MAX_LAYER_BYTES = 10 * 1024 ** 3;
/** 256 MiB: fits fat jars; database and manifest files are far smaller. */
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 ** 2;

/** The visitors of a walk with their static paths in a map, built once per layer walk. */
export interface CompiledPlan {
  byPath: Map<string, LayerVisitor[]>;
  dynamic: LayerVisitor[];
}

export function compile(visitors: readonly LayerVisitor[]): CompiledPlan {
  const byPath = new Map<string, LayerVisitor[]>();
  for (const v of visitors)
    for (const p of v.staticPaths ?? []) {
      const at = byPath.get(p);
      if (at) at.push(v);
      else byPath.set(p, [v]);
    }
  return { byPath, dynamic: visitors.filter((v) => !v.staticPaths) };
}

const TYPE_MAP: Record<string, FileMeta['type']> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'dir',
  symlink: 'symlink',
  link: 'hardlink',
};

/** Decompresses a layer blob, checks its diffID while it streams, and walks its tar entries. */
async function walkTar(
  ref: LayerRef,
  compiled: CompiledPlan,
  limits: WalkLimits,
  result: LayerResult,
): Promise<void> {
  const where = { layer: ref.digest };
  const raw = await ref.open();
  const { tar } = await openTarStream(raw, limits.maxLayerBytes);
  const verify = !(ref.verifiesDigest && ref.digest === ref.diffId);
  const extract = tarStream.extract();
  const source: Readable = verify
    ? tar.pipe(
        digestVerifier(ref.diffId, (got) => new UserError(messages.digestMismatch(ref.diffId, got), where)),
      )
    : tar;
  if (verify) tar.once('error', (e) => source.destroy(e));
  const feeding = pipeline(source, padToMultiple(512), extract);
  const walking = walkEntries(tarEntries(extract), compiled, limits, result);
  await Promise.all([feeding, walking]);
}

/**
 * Streams one layer once: decompresses it, verifies its diffID, records every entry, applies
 * nothing (whiteouts are recorded for the merge), and hands each wanted file to the visitors
 * that asked for it. Files nobody wants are skipped without being buffered.
 */
export async function walkLayer(
  ref: LayerRef,
  origin: LayerOrigin,
  visitors: readonly LayerVisitor[],
  limits: WalkLimits,
  logger: Logger,
): Promise<LayerResult> {
  const compiled = compile(visitors);
  const result: LayerResult = {
    origin,
    entries: new Map(),
    whiteouts: [],
    opaqueDirs: [],
    kept: new Map(),
    packages: [],
    issues: [],
  };
  const where = { layer: ref.digest };
  try {
    if (ref.entries) await walkEntries(ref.entries(), compiled, limits, result);
    else await walkTar(ref, compiled, limits, result);
  } catch (err) {
    if (err instanceof UserError && err.where.layer) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw new UserError(err instanceof UserError ? err.message : `cannot read layer: ${detail}`, where, {
      cause: err,
    });
  }
  logger.debug(
    `layer ${origin.index} ${ref.digest}: ${result.entries.size} entries, ${result.packages.length} packages`,
  );
  return result;
}

/** One entry of a layer, from a tar or a directory, before the walker decides what to do with it. */
export interface RawEntry {
  /** Path as stored (normalised by the walker). */
  name: string;
  type: FileMeta['type'];
  mode: number;
  size: number;
  uid: number;
  gid: number;
  /** Symlink target as written, or the hardlink's target path. */
  linkname?: string;
  /** Reads the content, failing past `limit` bytes. Called at most once, for wanted files. */
  read(limit: number): Promise<Buffer>;
  /** Set when the entry is recorded but deliberately not read; becomes an issue. */
  note?: string;
}

/** Adapts tar-stream's extractor; entries not read are drained before the next one is parsed. */
async function* tarEntries(extract: tarStream.Extract): AsyncGenerator<RawEntry> {
  for await (const entry of extract) {
    const h = entry.header;
    yield {
      name: h.name,
      type: h.type ? (TYPE_MAP[h.type] ?? 'other') : 'other',
      mode: (h.mode ?? 0) & 0o7777,
      size: h.size ?? 0,
      uid: h.uid ?? 0,
      gid: h.gid ?? 0,
      ...(h.linkname !== undefined && h.linkname !== null ? { linkname: h.linkname } : {}),
      read: (limit) => readAll(entry, limit),
      // GNU sparse ('S') and other unknown type flags: the stored bytes are skipped, never expanded
      ...(h.type ? {} : { note: 'skipped tar entry of an unsupported type (GNU sparse file?); not read' }),
    };
    entry.resume();
  }
}

type IssueFn = (message: string, path?: string) => void;

/** Records whiteout and opaque markers; true when `path` was one. */
function recordWhiteout(path: string, result: LayerResult): boolean {
  const base = baseName(path);
  if (!base.startsWith('.wh.')) return false;
  if (base === '.wh..wh..opq') result.opaqueDirs.push(parentDir(path));
  else {
    const dir = parentDir(path);
    result.whiteouts.push(dir ? `${dir}/${base.slice(4)}` : base.slice(4));
  }
  return true;
}

/** The metadata to record for an entry, or `undefined` for a hardlink to nothing (skipped). */
function entryMeta(e: RawEntry, path: string, result: LayerResult, issue: IssueFn): FileMeta | undefined {
  const meta: FileMeta = { type: e.type, mode: e.mode, size: e.size, uid: e.uid, gid: e.gid };
  if (meta.type === 'symlink') meta.linkTarget = e.linkname ?? '';
  if (meta.type === 'hardlink') {
    const target = normaliseEntryPath(e.linkname ?? '');
    if (target === undefined || !result.entries.has(target)) {
      issue(`skipped hardlink to a missing target: ${JSON.stringify(e.linkname)}`, path);
      return undefined;
    }
    meta.linkTarget = target;
    meta.size = result.entries.get(target)!.size;
  }
  return meta;
}

/**
 * The reader handed to visitors: a hardlink gets the bytes its target had when read in this
 * layer (`undefined`, with an issue, when nobody read them); a file over the read limit gets
 * `undefined` with an issue; any other file is read on the first call only. A failed read is
 * rethrown by `check` so the walker fails the layer after the visitors return, whatever they did
 * with the error: a broken layer is never an issue of one visitor.
 */
function fileReader(
  e: RawEntry,
  path: string,
  meta: FileMeta,
  limits: WalkLimits,
  readHere: Map<string, Buffer>,
  issue: IssueFn,
  hold: boolean,
): { read: () => Promise<Buffer>; check: () => void } | undefined {
  if (meta.type === 'hardlink') {
    const bytes = readHere.get(meta.linkTarget!);
    if (!bytes) {
      issue(`hardlink target ${meta.linkTarget} was not read, so this file could not be examined`, path);
      return undefined;
    }
    return { read: async () => bytes, check: () => {} };
  }
  if (meta.size > limits.maxFileBytes) {
    issue(
      `file of ${meta.size} bytes is over the ${limits.maxFileBytes}-byte read limit; not examined`,
      path,
    );
    return undefined;
  }
  let pending: Promise<Buffer> | undefined;
  let failure: { error: unknown } | undefined;
  const read = () =>
    (pending ??= e.read(limits.maxFileBytes).then(
      (bytes) => {
        // held for later hardlinks to this file, unless only visitors that never want one read it
        if (hold) readHere.set(path, bytes);
        return bytes;
      },
      (err: unknown) => {
        failure ??= { error: err };
        throw err;
      },
    ));
  return {
    read,
    check: () => {
      if (failure) throw failure.error;
    },
  };
}

/** The visitors that want `path`: static paths first, then predicates, each in the order given. */
function visitorsFor(plan: CompiledPlan, path: string, meta: FileMeta): LayerVisitor[] {
  const stat = plan.byPath.get(path) ?? [];
  const dynamic = plan.dynamic.filter((v) => v.wants(path, meta));
  return stat.length === 0 ? dynamic : [...stat, ...dynamic];
}

/** Files one visitor's output in the layer's result. */
function record(out: VisitOutput, id: string, result: LayerResult): void {
  if (out.packages?.length) result.packages.push(...out.packages);
  if (out.data?.length) ((result.data ??= {})[id] ??= []).push(...out.data);
  if (out.issues?.length) result.issues.push(...out.issues);
}

/**
 * Records every entry and hands wanted files to their visitors. Paths that leave the root are
 * skipped with an issue; whiteouts are recorded for the merge, never applied here.
 */
export async function walkEntries(
  entries: AsyncIterable<RawEntry>,
  plan: CompiledPlan,
  limits: WalkLimits,
  result: LayerResult,
): Promise<void> {
  const readHere = new Map<string, Buffer>();
  const issue: IssueFn = (message, path) =>
    result.issues.push({ by: 'layer-walk', message, layer: result.origin.digest, ...(path ? { path } : {}) });
  for await (const e of entries) {
    const path = normaliseEntryPath(e.name);
    if (path === undefined) {
      issue(`skipped entry whose path leaves the image root: ${JSON.stringify(e.name)}`);
      continue;
    }
    if (path === '' || recordWhiteout(path, result)) continue;
    if (e.note) issue(e.note, path);
    const meta = entryMeta(e, path, result, issue);
    if (!meta) continue;
    result.entries.set(path, meta);
    if (meta.type !== 'file' && meta.type !== 'hardlink') continue;
    const wanted = visitorsFor(plan, path, meta);
    if (wanted.length === 0) continue;
    const keep = wanted.some((v) => v.keep);
    const hold = keep || wanted.some((v) => v.visit && v.wantsHardlinks !== false);
    const reader = fileReader(e, path, meta, limits, readHere, issue, hold);
    if (!reader) continue;
    if (keep) result.kept.set(path, await reader.read());
    const file: LayerFile = { path, meta, layer: result.origin, read: reader.read };
    for (const v of wanted) if (v.visit) record(await v.visit(file), v.id, result);
    reader.check();
  }
}
