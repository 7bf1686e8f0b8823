import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { buildTar, sha256, type TarEntry } from '../testing/images.js';
import { FsView, type LayerResult } from './fs-view.js';
import { walkLayer } from './layer-walk.js';
import type { LayerRef } from './source.js';
import type { LayerVisitor } from './visitor.js';

const limits = { maxLayerBytes: 1 << 30, maxFileBytes: 1 << 20 };

function layerRef(stored: Buffer, diffId: string): LayerRef {
  return {
    digest: sha256(stored),
    diffId,
    mediaType: 'x',
    verifiesDigest: false,
    open: async () => Readable.from([stored]),
  };
}

async function walk(
  entries: TarEntry[],
  plan: readonly LayerVisitor[],
  index = 0,
  opts: { gzip?: boolean } = {},
): Promise<LayerResult> {
  const tar = await buildTar(entries);
  const stored = opts.gzip ? gzipSync(tar) : tar;
  return walkLayer(
    layerRef(stored, sha256(tar)),
    { index, digest: sha256(stored), diffId: sha256(tar) },
    plan,
    limits,
    silentLogger,
  );
}

const keepAll: LayerVisitor[] = [{ id: 'all', wants: () => true, keep: true }];

test('walk: records every entry and keeps only wanted files', async () => {
  const plan: LayerVisitor[] = [{ id: 'k', staticPaths: ['etc/os-release'], wants: () => false, keep: true }];
  const r = await walk(
    [
      { name: 'etc/', type: 'directory' },
      { name: 'etc/os-release', content: 'ID=debian\n' },
      { name: 'etc/hostname', content: 'x' },
      { name: 'bin/sh', type: 'symlink', linkname: 'dash' },
    ],
    plan,
  );
  assert.deepEqual([...r.entries.keys()], ['etc', 'etc/os-release', 'etc/hostname', 'bin/sh']);
  assert.deepEqual([...r.kept.keys()], ['etc/os-release']);
  assert.equal(r.entries.get('bin/sh')?.linkTarget, 'dash');
});

test('walk: gzip layers are detected from their bytes and the diffID is verified', async () => {
  const r = await walk([{ name: 'a', content: 'hello' }], keepAll, 0, { gzip: true });
  assert.equal(r.kept.get('a')?.toString(), 'hello');
});

test('walk: whiteouts and opaque markers are recorded, not kept as files', async () => {
  const r = await walk(
    [
      { name: 'etc/.wh.passwd', content: '' },
      { name: 'var/cache/.wh..wh..opq', content: '' },
    ],
    keepAll,
  );
  assert.deepEqual(r.whiteouts, ['etc/passwd']);
  assert.deepEqual(r.opaqueDirs, ['var/cache']);
  assert.equal(r.entries.size, 0);
});

test('walk: entries whose path leaves the root are skipped with an issue', async () => {
  const r = await walk(
    [
      { name: '../../etc/evil', content: 'x' },
      { name: 'ok', content: 'y' },
    ],
    keepAll,
  );
  assert.deepEqual([...r.entries.keys()], ['ok']);
  assert.match(r.issues[0]!.message, /leaves the image root/);
});

test('walk: a hardlink to a missing target is skipped with an issue', async () => {
  const r = await walk([{ name: 'b', type: 'link', linkname: 'nowhere' }], keepAll);
  assert.equal(r.entries.size, 0);
  assert.match(r.issues[0]!.message, /hardlink to a missing target/);
});

test('walk: a hardlink to a read file gets its bytes', async () => {
  const r = await walk(
    [
      { name: 'a', content: 'data' },
      { name: 'b', type: 'link', linkname: 'a' },
    ],
    keepAll,
  );
  assert.equal(r.kept.get('b')?.toString(), 'data');
});

test('walk: bytes read only for visitors that never want hardlinks are not held for them', async () => {
  const seen: string[] = [];
  const spy = (id: string, extra: Partial<LayerVisitor>): LayerVisitor => ({
    id,
    wants: (path) => path === (id === 'pass' ? 'a' : 'b'),
    visit: async ({ path, read }) => {
      await read();
      seen.push(`${id}:${path}`);
      return {};
    },
    ...extra,
  });
  const plan = [spy('pass', { wantsHardlinks: false }), spy('cat', {})];
  const r = await walk(
    [
      { name: 'a', content: 'data' },
      { name: 'b', type: 'link', linkname: 'a' },
    ],
    plan,
  );
  assert.deepEqual(seen, ['pass:a']);
  assert.match(r.issues[0]!.message, /hardlink target a was not read/);
});

test('walk: files over the read limit are skipped with an issue naming the size', async () => {
  const tar = await buildTar([{ name: 'big', content: Buffer.alloc(2048) }]);
  const r = await walkLayer(
    layerRef(tar, sha256(tar)),
    { index: 0, digest: sha256(tar), diffId: sha256(tar) },
    keepAll,
    { maxLayerBytes: 1 << 20, maxFileBytes: 1024 },
    silentLogger,
  );
  assert.equal(r.kept.size, 0);
  assert.match(r.issues[0]!.message, /2048 bytes is over the 1024-byte read limit/);
});

test('walk: each wanting visitor sees the file, reads it once, and its output lands in the layer', async () => {
  const reads: string[] = [];
  const visitor = (id: string): LayerVisitor => ({
    id,
    wants: (p) => p.endsWith('.pkg'),
    visit: async ({ path, read, layer }) => {
      reads.push(`${id}:${path}:${(await read()).toString()}@${layer.index}`);
      return { data: [path], issues: [{ by: id, message: 'seen', path }] };
    },
  });
  const r = await walk(
    [
      { name: 'x.pkg', content: 'x' },
      { name: 'y.txt', content: 'y' },
    ],
    [visitor('one'), visitor('two')],
    3,
  );
  assert.deepEqual(reads, ['one:x.pkg:x@3', 'two:x.pkg:x@3']);
  assert.deepEqual(r.data, { one: ['x.pkg'], two: ['x.pkg'] });
  assert.equal(r.issues.length, 2);
  assert.equal(r.kept.size, 0, 'only `keep` visitors have bytes kept');
});

test('walk: a file read that fails fails the layer, even when the visitor swallowed the error', async () => {
  const full = await buildTar([{ name: 'big', content: Buffer.alloc(5000, 1) }]);
  const cut = full.subarray(0, 512 + 2000);
  const swallow: LayerVisitor = {
    id: 'swallow',
    wants: () => true,
    visit: async ({ read }) => {
      await read().catch(() => undefined);
      return {};
    },
  };
  await assert.rejects(
    walkLayer(
      layerRef(cut, sha256(cut)),
      { index: 0, digest: sha256(cut), diffId: sha256(cut) },
      [swallow],
      limits,
      silentLogger,
    ),
    (err: unknown) => err instanceof UserError && err.where.layer === sha256(cut),
  );
});

test('walk: exit 2 and names the layer when a layer is neither gzip nor tar', async () => {
  const junk = Buffer.from('this is not a tar archive at all'.repeat(40));
  await assert.rejects(
    walkLayer(
      layerRef(junk, sha256(junk)),
      { index: 0, digest: sha256(junk), diffId: sha256(junk) },
      keepAll,
      limits,
      silentLogger,
    ),
    (err: unknown) =>
      err instanceof UserError &&
      err.where.layer === sha256(junk) &&
      /neither gzip, zstd nor a tar/.test(err.message),
  );
});

test('walk: a diffID mismatch is an error, never a silent pass', async () => {
  const tar = await buildTar([{ name: 'a', content: 'x' }]);
  const wrong = sha256('something else');
  await assert.rejects(
    walkLayer(
      layerRef(tar, wrong),
      { index: 0, digest: wrong, diffId: wrong },
      keepAll,
      limits,
      silentLogger,
    ),
    /digest mismatch/,
  );
});

test('walk: a decompression bomb stops at the layer size limit', async () => {
  const tar = await buildTar([{ name: 'zeros', content: Buffer.alloc(4 << 20) }]);
  const gz = gzipSync(tar);
  assert.ok(gz.length < 16 * 1024);
  await assert.rejects(
    walkLayer(
      layerRef(gz, sha256(tar)),
      { index: 0, digest: sha256(gz), diffId: sha256(tar) },
      keepAll,
      { maxLayerBytes: 1 << 20, maxFileBytes: 1 << 30 },
      silentLogger,
    ),
    /expands past the limit of 1048576 bytes/,
  );
});

test('walk: a truncated gzip layer is an error naming the layer', async () => {
  const tar = await buildTar([{ name: 'a', content: Buffer.alloc(100000, 7) }]);
  const gz = gzipSync(tar);
  const cut = gz.subarray(0, gz.length - 100);
  await assert.rejects(
    walkLayer(
      layerRef(cut, sha256(tar)),
      { index: 0, digest: sha256(cut), diffId: sha256(tar) },
      keepAll,
      limits,
      silentLogger,
    ),
    (err: unknown) => err instanceof UserError && err.where.layer === sha256(cut),
  );
});

test('merge: whiteouts delete lower files, opaque dirs hide lower contents, upper files win', async () => {
  const l0 = await walk(
    [
      { name: 'etc/passwd', content: 'old' },
      { name: 'etc/group', content: 'g' },
      { name: 'var/cache/a', content: 'a' },
      { name: 'var/cache/sub/b', content: 'b' },
    ],
    keepAll,
    0,
  );
  const l1 = await walk(
    [
      { name: 'etc/.wh.group', content: '' },
      { name: 'etc/passwd', content: 'new' },
      { name: 'var/cache/.wh..wh..opq', content: '' },
      { name: 'var/cache/c', content: 'c' },
    ],
    keepAll,
    1,
  );
  const view = FsView.merge([l0, l1]);
  assert.equal((await view.read('etc/passwd'))?.toString(), 'new');
  assert.equal(view.entry('etc/passwd')?.layerIndex, 1);
  assert.equal(view.entry('etc/group'), undefined);
  assert.deepEqual(view.list('var/cache'), ['c']);
  assert.equal(view.entry('var/cache/sub/b'), undefined);
  assert.deepEqual(
    view.versions('etc/passwd').map((v) => v.layerIndex),
    [0, 1],
  );
});

test('merge: symlinks resolve inside the image root, even when they point outside it', async () => {
  const l0 = await walk(
    [
      { name: 'usr/lib/os-release', content: 'ID=debian' },
      { name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' },
      { name: 'evil', type: 'symlink', linkname: '/../../../../usr/lib/os-release' },
      { name: 'loop1', type: 'symlink', linkname: 'loop2' },
      { name: 'loop2', type: 'symlink', linkname: 'loop1' },
    ],
    keepAll,
  );
  const view = FsView.merge([l0]);
  assert.equal((await view.read('etc/os-release'))?.toString(), 'ID=debian');
  assert.equal(view.resolve('evil'), 'usr/lib/os-release');
  assert.equal(view.resolve('loop1'), undefined);
});

test('walk: a layer that ends right after the last file, without padding or end blocks, is read (umoci 0.4)', async () => {
  const full = await buildTar([{ name: 'app/x', content: 'hi\n' }]);
  const cut = full.subarray(0, 512 + 3);
  const r = await walkLayer(
    layerRef(cut, sha256(cut)),
    { index: 0, digest: sha256(cut), diffId: sha256(cut) },
    keepAll,
    limits,
    silentLogger,
  );
  assert.equal(r.kept.get('app/x')?.toString(), 'hi\n');
});

test('walk: a layer cut inside the data of a file is an error', async () => {
  const full = await buildTar([{ name: 'big', content: Buffer.alloc(5000, 1) }]);
  const cut = full.subarray(0, 512 + 2000);
  await assert.rejects(
    walkLayer(
      layerRef(cut, sha256(cut)),
      { index: 0, digest: sha256(cut), diffId: sha256(cut) },
      keepAll,
      limits,
      silentLogger,
    ),
    /Unexpected end of data/,
  );
});

test('walk: zstd layers (as `zstd` writes them) are decompressed', async () => {
  const { execFileSync } = await import('node:child_process');
  const tar = await buildTar([{ name: 'etc/os-release', content: 'ID=alpine\n'.repeat(5000) }]);
  const zst = execFileSync('zstd', ['-q', '-c', '-19'], { input: tar });
  assert.deepEqual([...zst.subarray(0, 4)], [0x28, 0xb5, 0x2f, 0xfd]);
  const r = await walkLayer(
    layerRef(zst, sha256(tar)),
    { index: 0, digest: sha256(zst), diffId: sha256(tar) },
    keepAll,
    limits,
    silentLogger,
  );
  assert.equal(r.kept.get('etc/os-release')?.length, 10 * 5000);
});
