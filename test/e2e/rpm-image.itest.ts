import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { testdata } from '@tidegate/core/testing';
import { runCli, type CliRun } from '../helpers/cli.js';
import { buildOciImage } from '../helpers/images.js';
import { expectExit, listTree } from '../helpers/traits.js';
import { makeRpmStates, rpmQaText, URLLIB3_METADATA, withoutKeys, type RpmStates } from './rpm-fixtures.js';

/**
 * Real rpm databases (rpm-fixtures.ts) in real OCI images (umoci), scanned by the bundled CLI
 * as a user runs it, against the real AlmaLinux OSV archive in ../shared/testdata. The one
 * intended difference from `rpm -qa`: no `gpg-pubkey` entries (imported signing keys).
 */
let states: RpmStates;
let work: string;

before(async () => {
  states = await makeRpmStates();
  work = states.work;
});
after(() => rm(work, { recursive: true, force: true }));

const ALMA =
  'NAME="AlmaLinux"\nVERSION="9.4 (Seafoam Ocelot)"\nID="almalinux"\nVERSION_ID="9.4"\nPRETTY_NAME="AlmaLinux 9.4 (Seafoam Ocelot)"\n';

/** A rootfs layer directory holding `files` and, at var/lib/rpm, a copy of database directory `db`. */
async function layerDir(
  name: string,
  db: string,
  files: Record<string, string | Buffer> = {},
): Promise<string> {
  const dir = join(work, name);
  await cp(db, join(dir, 'var/lib/rpm'), { recursive: true });
  for (const [p, content] of Object.entries(files)) {
    await mkdir(join(dir, p, '..'), { recursive: true });
    await writeFile(join(dir, p), content);
  }
  return dir;
}

async function scanImage(
  layout: string,
  env: Record<string, string>,
): Promise<{ r: CliRun; result: ScanResult }> {
  const db = testdata('osv/AlmaLinux/all.zip');
  const r = await runCli(
    ['scan', `oci:${layout}:latest`, '--db', db, '--format', 'json', '--fail-on', 'none'],
    { env },
  );
  return { r, result: JSON.parse(r.stdout) as ScanResult };
}

test('a real AlmaLinux-style image: the CLI lists rpm -qa’s packages with their layers and matches a real ALSA advisory, owns the dist-info it installed', async () => {
  const metadata = 'Metadata-Version: 2.1\nName: urllib3\nVersion: 1.26.5\n';
  const base = await layerDir('root-a', states.a, {
    'etc/os-release': ALMA,
    [URLLIB3_METADATA.slice(1)]: metadata,
  });
  const top = await layerDir('root-b', states.b);
  const layout = await buildOciImage(work, 'img', [
    { dir: base, history: 'dnf install tg-base tg-hello openssl-libs …' },
    { dir: top, history: 'dnf upgrade tg-upgrade && dnf install tg-later && dnf remove tg-base-sub20' },
  ]);
  const tmp = await mkdtemp(join(work, 'tmp-'));
  const { r, result } = await scanImage(layout, { TMPDIR: tmp });
  expectExit(r, 0);
  assert.deepEqual(result.issues, []);
  assert.equal(result.distro?.ecosystem, 'AlmaLinux:9');
  const rows = (s: string) => withoutKeys(s.split('\n')).map((l) => l.split('\t'));
  const before = new Set(rows(await rpmQaText(work, states.a)).map((c) => c.slice(0, 5).join(' ')));
  const want = rows(await rpmQaText(work, states.b)).map(([name, epoch, v, rel, arch, srpm]) => {
    const e = epoch === '0' ? '' : `${epoch}:`;
    const src = /^(.+)-([^-]+-[^-]+)\.src\.rpm$/.exec(srpm!)!;
    return `${name} ${e}${v}-${rel} ${arch} ${src[1]} ${e}${src[2]} layer ${before.has([name, epoch, v, rel, arch].join(' ')) ? 0 : 1}`;
  });
  const got = result.packages
    .filter((p) => p.type === 'rpm')
    .map(
      (p) => `${p.name} ${p.version} ${p.arch} ${p.source?.name} ${p.source?.version} layer ${p.layer.index}`,
    );
  assert.deepEqual(got.sort(), want.sort());
  const alsa = result.findings.find(
    (f) => f.package?.name === 'openssl-libs' && f.advisories?.some((a) => a.id === 'ALSA-2022:7288'),
  );
  assert.ok(alsa, 'openssl-libs 1:3.0.1-41.el9 is affected by ALSA-2022:7288 (fixed in 1:3.0.1-43.el9_0)');
  assert.ok(alsa.fixedIn.includes('1:3.0.1-43.el9_0'));
  assert.equal(alsa.layer?.createdBy, 'dnf install tg-base tg-hello openssl-libs …');
  // Distro ownership (ADR 0003): the dist-info the python3-urllib3 rpm installed is the rpm's to patch.
  const pypi = result.packages.find((p) => p.type === 'pypi' && p.name === 'urllib3')!;
  const owner = result.packages.find((p) => p.type === 'rpm' && p.name === 'python3-urllib3')!;
  assert.deepEqual(
    result.ignored.filter((r) => r.packageId === pypi.id).map((r) => [r.reason, r.by]),
    [['owned-by-distro-package', owner.id]],
  );
  assert.deepEqual(await listTree(tmp), [], 'nothing left in the temporary directory');
});

test('a truncated rpmdb in an image: exit 1 for an unreadable OS database, the issue names file and layer, nothing written', async () => {
  const db = await readFile(join(states.b, 'rpmdb.sqlite'));
  const root = await layerDir('root-broken', states.b, { 'etc/os-release': ALMA });
  await writeFile(join(root, 'var/lib/rpm/rpmdb.sqlite'), db.subarray(0, Math.floor(db.length / 3)));
  // Debian's umoci 0.4.7 omits the last entry's padding and the end-of-archive blocks; the
  // database directory's last entry (the empty rpmdb.sqlite-wal) keeps this layer well-formed.
  const layout = await buildOciImage(work, 'img-broken', [{ dir: root }]);
  const tmp = await mkdtemp(join(work, 'tmp-'));
  const { r, result } = await scanImage(layout, { TMPDIR: tmp });
  expectExit(r, 1);
  const issues = result.issues.filter((i) => i.by === 'rpm');
  assert.ok(issues.length > 0);
  for (const i of issues)
    assert.deepEqual(
      [i.path, i.layer, i.osDatabase],
      ['var/lib/rpm/rpmdb.sqlite', result.image.layers[0]!.digest, true],
    );
  assert.equal(result.verdict.status, 'fail');
  assert.ok(result.verdict.incomplete);
  assert.ok(!/\n\s+at /.test(r.stderr), 'no stack trace');
  assert.deepEqual(await listTree(tmp), []);
});
