import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { UserError } from '../../errors.js';
import { silentLogger } from '../../logger.js';
import { checkRegistry } from '../../testing/registry-check.js';
import { buildDockerArchive, buildTar, writeOciLayout, type TarEntry } from '../../testing/images.js';
import { resolveReference } from '../reference.js';
import type { SourceContext } from '../source.js';
import { readAll } from '../stream-utils.js';
import { dockerArchiveSource } from './docker-archive.js';
import { ociArchiveSource } from './oci-archive.js';
import { ociLayoutSource } from './oci-layout.js';
import { rootfsDirSource } from './rootfs-dir.js';
import { imageSources } from './registry.js';

let dir: string;
let ctx: SourceContext;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidegate-src-'));
  ctx = { logger: silentLogger, tmpDir: dir, platform: 'linux/amd64' };
});
after(() => rm(dir, { recursive: true, force: true }));

async function layers() {
  return [
    await buildTar([{ name: 'etc/os-release', content: 'ID=debian\n' }]),
    await buildTar([{ name: 'app/x', content: 'x' }]),
  ];
}

test('registry: source kinds are unique and every source file is listed', () => {
  checkRegistry(
    'image/sources',
    imageSources.map((s) => s.kind),
    [],
  );
});

test('docker-archive: opens a docker save tarball and reads layers by offset', async () => {
  const path = join(dir, 'img.tar');
  const ls = await layers();
  await writeFile(path, await buildDockerArchive({ layers: ls, tag: 'app:1' }));
  const img = await dockerArchiveSource.open(path, ctx);
  assert.deepEqual(img.repoTags, ['app:1']);
  assert.equal(img.layers.length, 2);
  assert.deepEqual(await readAll(await img.layers[1]!.open()), ls[1]);
});

test('docker-archive: a gzip-compressed archive (docker save | gzip) works too', async () => {
  const path = join(dir, 'img.tar.gz');
  await writeFile(path, gzipSync(await buildDockerArchive({ layers: await layers() })));
  const img = await dockerArchiveSource.open(path, ctx);
  assert.equal(img.layers.length, 2);
});

test('oci: opens a layout, picks the tag, and verifies blob digests while streaming', async () => {
  const d = join(dir, 'oci');
  await writeOciLayout(d, { layers: await layers(), tag: 'v1' });
  const img = await ociLayoutSource.open(`${d}:v1`, ctx);
  assert.equal(img.layers.length, 2);
  await assert.rejects(ociLayoutSource.open(`${d}:v2`, ctx), /no image tagged 'v2'/);
});

test('oci: a tampered layer blob fails with a digest mismatch naming the layer', async () => {
  const d = join(dir, 'oci-tampered');
  await writeOciLayout(d, { layers: await layers() });
  const img = await ociLayoutSource.open(d, ctx);
  const digest = img.layers[0]!.digest;
  const path = join(d, 'blobs', 'sha256', digest.slice(7));
  const bytes = await readFile(path);
  bytes[bytes.length - 5] ^= 0xff;
  await writeFile(path, bytes);
  await assert.rejects(
    readAll(await img.layers[0]!.open()),
    (e: unknown) => e instanceof UserError && /digest mismatch/.test(e.message) && e.where.layer === digest,
  );
});

test('oci: a manifest naming a missing blob is a clear error', async () => {
  const d = join(dir, 'oci-missing');
  await writeOciLayout(d, { layers: await layers() });
  const img = await ociLayoutSource.open(d, ctx);
  await rm(join(d, 'blobs', 'sha256', img.layers[1]!.digest.slice(7)));
  await assert.rejects(img.layers[1]!.open(), /is named by the manifest but missing/);
});

test('resolveReference: plain paths are recognised by sniffing', async () => {
  const archive = join(dir, 'sniff.tar');
  await writeFile(archive, await buildDockerArchive({ layers: await layers() }));
  const layout = join(dir, 'sniff-oci');
  await writeOciLayout(layout, { layers: await layers() });
  assert.equal((await resolveReference(archive)).source.kind, 'docker-archive');
  assert.equal((await resolveReference(layout)).source.kind, 'oci');
  assert.equal((await resolveReference(`oci:${layout}`)).location, layout);
});

const sadCases: { name: string; setup: () => Promise<string>; want: RegExp }[] = [
  {
    name: 'a missing file',
    setup: async () => `docker-archive:${join(dir, 'nope.tar')}`,
    want: /no such file or directory/,
  },
  {
    name: 'a tar that is not an image',
    setup: async () => {
      const p = join(dir, 'plain.tar');
      await writeFile(p, await buildTar([{ name: 'hello.txt', content: 'hi' }]));
      return p;
    },
    want: /not a container image/,
  },
  {
    name: 'a manifest.json that does not parse',
    setup: async () => {
      const p = join(dir, 'badjson.tar');
      await writeFile(p, await buildTar([{ name: 'manifest.json', content: '[{' }]));
      return `docker-archive:${p}`;
    },
    want: /manifest\.json is not valid JSON/,
  },
  {
    name: 'a manifest.json naming a missing config',
    setup: async () => {
      const p = join(dir, 'noconfig.tar');
      await writeFile(
        p,
        await buildTar([{ name: 'manifest.json', content: '[{"Config":"c.json","Layers":[]}]' }]),
      );
      return `docker-archive:${p}`;
    },
    want: /archive entry c\.json is named by manifest\.json but missing/,
  },
  {
    name: 'a file that is not a tar at all',
    setup: async () => {
      const p = join(dir, 'junk.bin');
      await writeFile(p, Buffer.alloc(3000, 0x41));
      return `docker-archive:${p}`;
    },
    want: /not a container image/,
  },
  {
    name: 'an unknown reference',
    setup: async () => 'Not::An/Image',
    want: /cannot tell what kind of image reference/,
  },
];

for (const c of sadCases) {
  test(`sad path: ${c.name} is a UserError`, async () => {
    const ref = await c.setup();
    await assert.rejects(
      (async () => {
        const { source, location } = await resolveReference(ref);
        await source.open(location, ctx);
      })(),
      (e: unknown) => e instanceof UserError && c.want.test(e.message),
    );
  });
}

test('sources write nothing outside their temporary directory', async () => {
  const before = (await readdir(dir)).sort();
  const p = join(dir, 'img2.tar');
  await writeFile(p, gzipSync(await buildDockerArchive({ layers: await layers() })));
  const sub = await mkdtemp(join(dir, 'work-'));
  await dockerArchiveSource.open(p, { ...ctx, tmpDir: sub });
  const after = (await readdir(dir)).sort();
  assert.deepEqual(
    after.filter((x) => !before.includes(x)).sort(),
    ['img2.tar', sub.slice(dir.length + 1)].sort(),
  );
});

async function tarOfDir(root: string): Promise<Buffer> {
  const entries: TarEntry[] = [];
  const walkDir = async (rel: string): Promise<void> => {
    for (const d of await readdir(join(root, rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${d.name}` : d.name;
      if (d.isDirectory()) await walkDir(p);
      else entries.push({ name: p, content: await readFile(join(root, p)) });
    }
  };
  await walkDir('');
  return buildTar(entries);
}

test('oci-archive: a tarball of an OCI layout is read by offset, plain or gzip, and sniffed', async () => {
  const layout = join(dir, 'for-archive');
  await writeOciLayout(layout, { layers: await layers(), tag: 'v1' });
  const plain = join(dir, 'img.oci.tar');
  await writeFile(plain, await tarOfDir(layout));
  const img = await ociArchiveSource.open(`${plain}:v1`, ctx);
  assert.equal(img.source, 'oci-archive');
  assert.equal(img.layers.length, 2);
  assert.equal((await readAll(await img.layers[0]!.open())).length > 0, true);
  assert.equal((await resolveReference(plain)).source.kind, 'oci-archive');
  const gz = join(dir, 'img.oci.tar.gz');
  await writeFile(gz, gzipSync(await readFile(plain)));
  assert.equal((await ociArchiveSource.open(gz, ctx)).layers.length, 2);
});

test('oci-archive: a blob missing from the archive is a clear error', async () => {
  const layout = join(dir, 'for-archive-missing');
  await writeOciLayout(layout, { layers: await layers() });
  const img = await ociLayoutSource.open(layout, ctx);
  await rm(join(layout, 'blobs', 'sha256', img.layers[1]!.digest.slice(7)));
  const p = join(dir, 'missing.oci.tar');
  await writeFile(p, await tarOfDir(layout));
  const opened = await ociArchiveSource.open(p, ctx);
  await assert.rejects(opened.layers[1]!.open(), /is named by the manifest but missing/);
});

test('dir: a root filesystem is one layer; symlinks are recorded, never followed; FIFOs never opened', async () => {
  const root = join(dir, 'rootfs');
  await mkdir(join(root, 'etc'), { recursive: true });
  await writeFile(join(root, 'etc', 'os-release'), 'ID=debian\n');
  await symlink('/etc/shadow', join(root, 'etc', 'evil'));
  await symlink('../../../../..', join(root, 'up'));
  spawnSync('mkfifo', [join(root, 'fifo')]);
  const img = await rootfsDirSource.open(root, ctx);
  assert.equal(img.layers[0]!.cacheable, false);
  const seen = new Map<string, string>();
  for await (const e of img.layers[0]!.entries!())
    seen.set(e.name, `${e.type}${e.linkname ? `->${e.linkname}` : ''}`);
  assert.equal(seen.get('etc/evil'), 'symlink->/etc/shadow');
  assert.equal(seen.get('up'), 'symlink->../../../../..');
  assert.equal(seen.get('fifo'), 'other');
  assert.equal(seen.get('etc/os-release'), 'file');
  assert.equal(seen.has('up/etc/passwd'), false);
  await assert.rejects(rootfsDirSource.open(join(root, 'etc', 'os-release'), ctx), /not a directory/);
});
