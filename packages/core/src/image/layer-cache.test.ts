import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { memoryLogger } from '../logger.js';
import type { LayerResult } from './fs-view.js';
import { cachedWalk, LayerCache, layerCacheKey } from './layer-cache.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

function result(digest: string, index: number): LayerResult {
  const origin = { index, digest, diffId: 'sha256:d1', createdBy: `step ${index}` };
  return {
    origin,
    entries: new Map([['etc/os-release', { type: 'file', mode: 0o644, size: 10, uid: 0, gid: 0 }]]),
    whiteouts: ['tmp/x'],
    opaqueDirs: ['var/cache'],
    kept: new Map([
      ['etc/os-release', Buffer.from('ID=debian\n')],
      ['empty', Buffer.alloc(0)],
    ]),
    packages: [
      {
        id: 'p',
        name: 'lodash',
        version: '1',
        type: 'npm',
        ecosystem: 'npm',
        purl: 'pkg:npm/lodash@1',
        licenses: [],
        locations: ['a'],
        layer: origin,
        foundBy: 'npm',
      },
    ],
    issues: [{ by: 'layer-walk', message: 'm', layer: digest }],
  };
}

test('cache key: diffID plus sorted (id, version) pairs; order does not matter, versions do', () => {
  const a = layerCacheKey(
    'sha256:d1',
    [
      { id: 'npm', version: 1 },
      { id: 'dpkg', version: 2 },
    ],
    100,
  );
  assert.equal(
    a,
    layerCacheKey(
      'sha256:d1',
      [
        { id: 'dpkg', version: 2 },
        { id: 'npm', version: 1 },
      ],
      100,
    ),
  );
  assert.notEqual(
    a,
    layerCacheKey(
      'sha256:d1',
      [
        { id: 'dpkg', version: 3 },
        { id: 'npm', version: 1 },
      ],
      100,
    ),
  );
  assert.notEqual(
    a,
    layerCacheKey(
      'sha256:d2',
      [
        { id: 'dpkg', version: 2 },
        { id: 'npm', version: 1 },
      ],
      100,
    ),
  );
  assert.notEqual(
    a,
    layerCacheKey(
      'sha256:d1',
      [
        { id: 'dpkg', version: 2 },
        { id: 'npm', version: 1 },
      ],
      200,
    ),
  );
});

test('cache: a hit skips the walk and is rebound to the layer of the image being scanned', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-cache-'));
  dirs.push(dir);
  const cache = new LayerCache(dir, memoryLogger());
  let walks = 0;
  const walk = async () => (walks++, result('sha256:gz1', 0));
  await cachedWalk(cache, 'sha256-abc', result('sha256:gz1', 0).origin, walk);
  const other = { index: 3, digest: 'sha256:zstd9', diffId: 'sha256:d1', createdBy: 'COPY . /' };
  const hit = await cachedWalk(cache, 'sha256-abc', other, walk);
  assert.equal(walks, 1);
  assert.deepEqual(hit.origin, other);
  assert.deepEqual(hit.packages[0]!.layer, other);
  assert.equal(hit.issues[0]!.layer, 'sha256:zstd9');
  assert.equal(hit.kept.get('etc/os-release')!.toString(), 'ID=debian\n');
  assert.equal(hit.kept.get('empty')!.length, 0);
  assert.deepEqual([...hit.entries.keys()], ['etc/os-release']);
  assert.deepEqual([hit.whiteouts, hit.opaqueDirs], [['tmp/x'], ['var/cache']]);
});

test('cache: a damaged entry is a miss, is removed, and the layer is walked again', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-cache-'));
  dirs.push(dir);
  const cache = new LayerCache(dir, memoryLogger());
  await cache.put('sha256-abcd', result('sha256:x', 0));
  const sub = join(dir, 'ab');
  const [file] = await readdir(sub);
  await writeFile(join(sub, file!), 'garbage');
  assert.equal(await cache.get('sha256-abcd', result('sha256:x', 0).origin), undefined);
  assert.deepEqual(await readdir(sub), []);
});
