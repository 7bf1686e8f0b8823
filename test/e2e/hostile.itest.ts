import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { buildDockerArchive, buildTar, writeOciLayout, type TarEntry } from '@tidegate/core/testing';
import { runCli, type CliRun } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { expectExit, expectNoWritesOutside, expectOneLineError, listTree } from '../helpers/traits.js';

let work: string;
let db: string;
const escapeTarget = join(tmpdir(), `tidegate-hostile-escape-${process.pid}`);

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-hostile-e2e-'));
  db = await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'nothing', [{ introduced: '0' }])]);
});
after(() => rm(work, { recursive: true, force: true }));

/** Recomputes a tar header's checksum after a field was patched (POSIX ustar `chksum`). */
function fixChecksum(tar: Buffer, at = 0): void {
  tar.fill(0x20, at + 148, at + 156);
  let sum = 0;
  for (let i = at; i < at + 512; i++) sum += tar[i]!;
  tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
}

async function layout(name: string, layers: Buffer[]): Promise<string> {
  const dir = join(work, name);
  await writeOciLayout(dir, { layers });
  return `oci:${dir}`;
}

const npmFile = (name: string): TarEntry => ({
  name: `app/node_modules/${name}/package.json`,
  content: JSON.stringify({ name, version: '1.0.0' }),
});

/** Scans with `--work-dir` inside the test's dir and checks that nothing was left or written elsewhere. */
async function scan(ref: string, extra: string[] = []): Promise<CliRun> {
  const wd = join(work, 'wd');
  await mkdir(wd, { recursive: true });
  const before = await listTree(work);
  const r = await runCli([
    'scan',
    ref,
    '--db',
    db,
    '--format',
    'json',
    '--no-cache',
    '--work-dir',
    wd,
    ...extra,
  ]);
  await expectNoWritesOutside(work, before);
  assert.equal(existsSync(escapeTarget), false, 'a layer entry was written outside the image root');
  return r;
}

function issues(r: CliRun): string[] {
  expectExit(r, 0);
  return (JSON.parse(r.stdout) as ScanResult).issues.map((i) => i.message);
}

test('hostile: ../ paths are skipped with a warning; the rest of the layer is still read', async () => {
  const tar = await buildTar([{ name: `../../../../../..${escapeTarget}`, content: 'pwned' }, npmFile('ok')]);
  const r = await scan(await layout('dotdot', [tar]));
  assert.ok(issues(r).some((m) => /skipped entry whose path leaves the image root/.test(m)));
  assert.deepEqual(
    (JSON.parse(r.stdout) as ScanResult).packages.map((p) => p.name),
    ['ok'],
  );
});

test('hostile: absolute paths are taken as inside the image root', async () => {
  const tar = await buildTar([{ name: '/etc/os-release', content: 'ID=alpine\nVERSION_ID=3.20.1\n' }]);
  const r = await scan(await layout('absolute', [tar]));
  expectExit(r, 0);
  assert.equal((JSON.parse(r.stdout) as ScanResult).distro?.id, 'alpine');
});

test('hostile: symlinks pointing outside the root resolve inside it, never to the host', async () => {
  const tar = await buildTar([
    { name: 'etc/os-release', type: 'symlink', linkname: '/../../../../../etc/os-release' },
    { name: 'usr/lib/os-release', type: 'symlink', linkname: '../../../../../../../etc/os-release' },
  ]);
  const r = await scan(await layout('symlink-out', [tar]));
  expectExit(r, 0);
  // the host's /etc/os-release says debian; the image has no os-release of its own
  assert.equal((JSON.parse(r.stdout) as ScanResult).distro, undefined);
});

test('hostile: a hardlink to a missing target is skipped with a warning', async () => {
  const tar = await buildTar([
    { name: 'app/node_modules/x/package.json', type: 'link', linkname: 'etc/shadow' },
  ]);
  assert.ok(
    issues(await scan(await layout('hardlink', [tar]))).some((m) =>
      /skipped hardlink to a missing target/.test(m),
    ),
  );
});

test('exit 2: a decompression bomb stops at --max-layer-size', async () => {
  const tar = await buildTar([{ name: 'zeros', content: Buffer.alloc(64 << 20) }]);
  const r = await scan(await layout('bomb', [tar]), ['--max-layer-size', '1MiB']);
  expectExit(r, 2);
  expectOneLineError(r, /layer sha256:[0-9a-f]{12}: layer expands past the limit of 1048576 bytes/);
});

test('exit 2: a header claiming a 1 TiB file that is not there is a truncated layer', async () => {
  const tar = await buildTar([{ name: 'big', content: 'x' }]);
  tar[124] = 0x80; // GNU base-256 size: 2^40
  tar.fill(0, 125, 136);
  tar[131] = 1;
  fixChecksum(tar);
  const r = await scan(await layout('huge-size', [tar]));
  expectExit(r, 2);
  expectOneLineError(r, /layer sha256:[0-9a-f]{12}: cannot read layer: Unexpected end of data/);
});

test('hostile: a GNU sparse header with a huge real size is recorded, never expanded', async () => {
  const tar = await buildTar([{ name: 'sparse', content: 'abc' }, npmFile('after-sparse')]);
  tar[156] = 'S'.charCodeAt(0);
  tar.write('77777777777\0', 483, 'latin1'); // realsize: 8 GiB
  fixChecksum(tar);
  const r = await scan(await layout('sparse', [tar]));
  assert.ok(issues(r).some((m) => /unsupported type \(GNU sparse file\?\)/.test(m)));
  assert.deepEqual(
    (JSON.parse(r.stdout) as ScanResult).packages.map((p) => p.name),
    ['after-sparse'],
  );
});

test('exit 2: a bad tar header checksum names the layer', async () => {
  const tar = await buildTar([npmFile('a')]);
  tar[0] ^= 0x01;
  const r = await scan(await layout('checksum', [tar]));
  expectExit(r, 2);
  expectOneLineError(r, /layer sha256:[0-9a-f]{12}: cannot read layer: Invalid tar header/);
});

test('exit 2: a manifest naming a missing blob names the blob', async () => {
  const ref = await layout('missing-blob', [await buildTar([npmFile('a')])]);
  const dir = ref.slice(4);
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  const manifest = JSON.parse(
    await readFile(join(dir, 'blobs', 'sha256', index.manifests[0]!.digest.slice(7)), 'utf8'),
  ) as { layers: { digest: string }[] };
  await rm(join(dir, 'blobs', 'sha256', manifest.layers[0]!.digest.slice(7)));
  const r = await scan(ref);
  expectExit(r, 2);
  expectOneLineError(r, /blob sha256:[0-9a-f]{64} is named by the manifest but missing from the image/);
});

test('exit 2: a layer whose bytes do not match its diffID is a digest mismatch', async () => {
  const good = await buildTar([npmFile('a')]);
  const archive = join(work, 'diffid.tar');
  const img = await buildDockerArchive({ layers: [good] });
  const at = img.indexOf(good.subarray(512, 540)); // the layer's file content inside the archive
  img[at] ^= 0x01;
  await writeFile(archive, img);
  const r = await scan(`docker-archive:${archive}`);
  expectExit(r, 2);
  expectOneLineError(
    r,
    /digest mismatch: expected sha256:[0-9a-f]{64}, content hashes to sha256:[0-9a-f]{64}/,
  );
});

test('exit 2: a descriptor digest that tries to leave blobs/ is refused', async () => {
  const ref = await layout('digest-escape', [await buildTar([npmFile('a')])]);
  const dir = ref.slice(4);
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8')) as {
    manifests: { digest: string }[];
  };
  index.manifests[0]!.digest = 'sha256:../../../../etc/passwd';
  await writeFile(join(dir, 'index.json'), JSON.stringify(index));
  const r = await scan(ref);
  expectExit(r, 2);
  expectOneLineError(r, /index\.json.*'manifests\[0\]\.digest' must be a digest like sha256:<hex>/);
});
