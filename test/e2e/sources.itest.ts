import assert from 'node:assert/strict';
import { link, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { buildOciImage } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { tool } from '../helpers/tools.js';
import { expectExit } from '../helpers/traits.js';

let work: string;
let db: string;
let oci: string;

const pkg = (name: string, version = '1.0.0') => JSON.stringify({ name, version });

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-sources-e2e-'));
  db = await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'nothing', [{ introduced: '0' }])]);
  oci = await buildOciImage(work, 'app', [
    {
      history: 'ADD base /',
      tree: {
        'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.1\n',
        'app/node_modules/kept/package.json': pkg('kept'),
        'app/node_modules/hidden-by-opaque/package.json': pkg('hidden-by-opaque'),
        'srv/node_modules/removed/package.json': pkg('removed'),
      },
    },
  ]);
  const img = `${oci}:latest`;
  // an ENV step: a history entry with empty_layer, which must not shift layer attribution
  await tool('umoci', ['config', '--image', img, '--config.env', 'A=1', '--history.created_by', 'ENV A=1']);
  const opaque = join(work, 'opaque-src');
  await mkdir(join(opaque, 'kept'), { recursive: true });
  await writeFile(join(opaque, 'kept', 'package.json'), pkg('kept', '2.0.0'));
  await mkdir(join(opaque, 'linked'), { recursive: true });
  await link(join(opaque, 'kept', 'package.json'), join(opaque, 'linked', 'package.json'));
  await tool('umoci', [
    'insert',
    '--image',
    img,
    '--opaque',
    '--history.created_by',
    'COPY deps /app/node_modules',
    opaque,
    '/app/node_modules',
  ]);
  await tool('umoci', [
    'insert',
    '--image',
    img,
    '--history.created_by',
    'RUN rm -r /srv/node_modules/removed',
    '--whiteout',
    '/srv/node_modules/removed',
  ]);
});
after(() => rm(work, { recursive: true, force: true }));

async function scanJson(ref: string): Promise<ScanResult> {
  const r = await runCli(['scan', ref, '--db', db, '--format', 'json', '--no-cache']);
  expectExit(r, 0);
  return JSON.parse(r.stdout) as ScanResult;
}

function summary(r: ScanResult): string[] {
  return r.packages.map((p) => `${p.name}@${p.version} layer${p.layer.index}`).sort();
}

// The opaque layer replaces app/node_modules (kept@2.0.0 and its hardlinked twin, named kept
// too); the whiteout removes srv/node_modules/removed.
const want = ['kept@2.0.0 layer1', 'kept@2.0.0 layer1'];

test('layers: umoci --opaque hides the lower directory, --whiteout deletes, hardlinks are read', async () => {
  const r = await scanJson(`oci:${oci}:latest`);
  assert.deepEqual(summary(r), want);
  assert.deepEqual(r.packages.map((p) => p.locations[0]).sort(), [
    'app/node_modules/kept/package.json',
    'app/node_modules/linked/package.json',
  ]);
});

test('history: empty_layer entries are skipped, so each layer names the step that made it', async () => {
  const r = await scanJson(`oci:${oci}:latest`);
  assert.deepEqual(
    r.image.layers.map((l) => `${l.index} ${l.createdBy} h${l.historyIndex}`),
    ['0 ADD base / h0', '1 COPY deps /app/node_modules h2', '2 RUN rm -r /srv/node_modules/removed h3'],
  );
});

test('oci-archive: skopeo oci-archive: tarballs scan like the layout, by prefix and by sniffing', async () => {
  const archive = join(work, 'app.oci.tar');
  await tool('skopeo', ['copy', '--quiet', `oci:${oci}:latest`, `oci-archive:${archive}:latest`]);
  for (const ref of [`oci-archive:${archive}`, archive]) {
    const r = await scanJson(ref);
    assert.equal(r.image.source, 'oci-archive');
    assert.deepEqual(summary(r), want);
  }
});

test('zstd: layers recompressed with skopeo --dest-compress-format zstd are read', async () => {
  const zl = join(work, 'zstd');
  await tool('skopeo', [
    'copy',
    '--quiet',
    '--dest-compress-format',
    'zstd',
    `oci:${oci}:latest`,
    `oci:${zl}:latest`,
  ]);
  const r = await scanJson(`oci:${zl}:latest`);
  assert.deepEqual(summary(r), want);
  const { readFile } = await import('node:fs/promises');
  const index = JSON.parse(await readFile(join(zl, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  const manifest = await readFile(join(zl, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7)), 'utf8');
  assert.match(manifest, /tar\+zstd/);
});

test('dir: a debootstrap root filesystem lists the same packages as its OCI image', async () => {
  const prepare = (await import(join(repoRoot(), 'test', 'fixtures', 'prepare.mjs'))) as {
    prepareDebian12(): { rootfs: string; oci: string };
  };
  const fx = prepare.prepareDebian12();
  const fromDir = await scanJson(`dir:${fx.rootfs}`);
  const fromOci = await scanJson(`oci:${fx.oci}:latest`);
  const names = (r: ScanResult) => r.packages.map((p) => `${p.name}@${p.version}`).sort();
  assert.ok(fromDir.packages.length > 50);
  assert.deepEqual(names(fromDir), names(fromOci));
  assert.equal(fromDir.image.source, 'dir');
  assert.equal(fromDir.distro?.ecosystem, 'Debian:12');
});
