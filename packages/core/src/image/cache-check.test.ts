import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../errors.js';
import { scan } from '../scan.js';
import { buildDockerArchive, buildTar, sha256, writeOciLayout } from '../testing/images.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidegate-cachecheck-'));
});
after(() => rm(dir, { recursive: true, force: true }));

const benign = () =>
  buildTar([{ name: 'app/node_modules/ok/package.json', content: '{"name":"ok","version":"1.0.0"}' }]);
const hostile = () =>
  buildTar([{ name: 'app/node_modules/evil/package.json', content: '{"name":"evil","version":"6.6.6"}' }]);

test('cache: a docker-archive claiming the diffID of a cached layer is caught, not served from the cache', async () => {
  const cacheDir = join(dir, 'cache-a');
  const good = join(dir, 'good.tar');
  await writeFile(good, await buildDockerArchive({ layers: [await benign()] }));
  const first = await scan({ reference: `docker-archive:${good}`, cacheDir, env: {} });
  assert.deepEqual(
    first.packages.map((p) => p.name),
    ['ok'],
  );
  // same config (so the same claimed diffID), different layer bytes
  const bad = await buildTar([
    {
      name: 'c.json',
      content: JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [sha256(await benign())] },
      }),
    },
    { name: 'l/layer.tar', content: await hostile() },
    {
      name: 'manifest.json',
      content: JSON.stringify([{ Config: 'c.json', RepoTags: [], Layers: ['l/layer.tar'] }]),
    },
  ]);
  const badPath = join(dir, 'bad.tar');
  await writeFile(badPath, bad);
  await assert.rejects(
    scan({ reference: `docker-archive:${badPath}`, cacheDir, env: {} }),
    (e: unknown) => e instanceof UserError && /digest mismatch/.test(e.message),
  );
});

test('cache: an OCI layout whose blob file was swapped under a cached digest is caught', async () => {
  const cacheDir = join(dir, 'cache-b');
  const layout = join(dir, 'oci');
  await writeOciLayout(layout, { layers: [await benign()], gzip: false });
  const first = await scan({ reference: `oci:${layout}`, cacheDir, env: {} });
  assert.deepEqual(
    first.packages.map((p) => p.name),
    ['ok'],
  );
  const blob = join(layout, 'blobs', 'sha256', sha256(await benign()).slice(7));
  assert.ok((await readFile(blob)).length > 0);
  await writeFile(blob, await hostile());
  await assert.rejects(scan({ reference: `oci:${layout}`, cacheDir, env: {} }), /digest mismatch/);
});

test('cache: a genuine second scan is served from the cache', async () => {
  const cacheDir = join(dir, 'cache-c');
  const good = join(dir, 'good2.tar');
  await writeFile(good, await buildDockerArchive({ layers: [await benign()] }));
  await scan({ reference: `docker-archive:${good}`, cacheDir, env: {} });
  const again = await scan({ reference: `docker-archive:${good}`, cacheDir, env: {} });
  assert.deepEqual(
    again.packages.map((p) => p.name),
    ['ok'],
  );
});
