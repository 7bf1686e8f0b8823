import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { tool } from '../helpers/tools.js';
import { expectExit } from '../helpers/traits.js';
import { repoRoot } from '@tidegate/core/testing';

interface Fixture {
  rootfs: string;
  oci: string;
  archive: string;
}
let fx: Fixture;
let work: string;
let dpkg: { name: string; version: string; srcName: string; srcVersion: string }[];

before(async () => {
  // plain ESM helper shared with scripts/run-tests.mjs and bench/, which build the fixture once
  const prepare = (await import(join(repoRoot(), 'test', 'fixtures', 'prepare.mjs'))) as {
    prepareDebian12(): Fixture;
  };
  fx = prepare.prepareDebian12();
  work = await mkdtemp(join(tmpdir(), 'tidegate-deb12-'));
  const out = await tool('dpkg-query', [
    '-W',
    `--admindir=${join(fx.rootfs, 'var/lib/dpkg')}`,
    '-f',
    '${Package}\t${Version}\t${source:Package}\t${source:Version}\n',
  ]);
  dpkg = out
    .trim()
    .split('\n')
    .map((l) => {
      const [name, version, srcName, srcVersion] = l.split('\t') as [string, string, string, string];
      return { name, version, srcName, srcVersion };
    });
});
after(() => rm(work, { recursive: true, force: true }));

async function scanJson(ref: string, db: string): Promise<ScanResult> {
  const r = await runCli(['scan', ref, '--db', db, '--format', 'json', '--fail-on', 'none']);
  expectExit(r, 0);
  return JSON.parse(r.stdout) as ScanResult;
}

test('debian 12 minbase: lists exactly the packages dpkg-query lists, from OCI layout and docker-archive', async () => {
  const db = await writeOsvDir(join(work, 'empty-db'), [
    osvRecord('TEST-0', 'Debian:12', 'no-such-package', [{ introduced: '0' }]),
  ]);
  const want = dpkg.map((p) => `${p.name} ${p.version} ${p.srcName} ${p.srcVersion}`).sort();
  assert.ok(want.length > 50, `debootstrap produced ${want.length} packages`);
  for (const ref of [`oci:${fx.oci}:latest`, `docker-archive:${fx.archive}`]) {
    const result = await scanJson(ref, db);
    assert.equal(result.distro?.ecosystem, 'Debian:12');
    const got = result.packages
      .filter((p) => p.type === 'deb')
      .map((p) => `${p.name} ${p.version} ${p.source?.name} ${p.source?.version}`)
      .sort();
    assert.deepEqual(got, want, ref);
    assert.deepEqual(result.issues, []);
  }
});

test('debian 12 minbase: matches OSV records by source package and version', async () => {
  const libc = dpkg.find((p) => p.name === 'libc6')!;
  const zlib = dpkg.find((p) => p.name === 'zlib1g')!;
  const records = [
    // fixed after the installed glibc: libc6 and libc-bin (both from source glibc) are affected
    osvRecord(
      'DSA-9001-1',
      'Debian:12',
      libc.srcName,
      [{ introduced: '0' }, { fixed: `${libc.srcVersion}+tidegate1` }],
      { upstream: ['CVE-2099-0001'] },
    ),
    // fixed in exactly the installed version: not affected
    osvRecord('DSA-9002-1', 'Debian:12', zlib.srcName, [{ introduced: '0' }, { fixed: zlib.srcVersion }]),
    // no fix yet: affected, reported as unfixed
    osvRecord('DEBIAN-CVE-2099-0003', 'Debian:12', zlib.srcName, [{ introduced: '0' }], {
      upstream: ['CVE-2099-0003'],
    }),
    // another release: never matches Debian 12
    osvRecord('DSA-9004-1', 'Debian:11', libc.srcName, [{ introduced: '0' }]),
  ];
  const db = await writeOsvDir(join(work, 'db'), records);
  const result = await scanJson(`oci:${fx.oci}:latest`, db);
  const got = result.findings
    .map((f) => `${f.ruleId} ${f.package?.name} ${f.fixState} ${f.fixedIn.join(',')}`)
    .sort();
  const glibcBinaries = dpkg.filter((p) => p.srcName === libc.srcName).map((p) => p.name);
  const zlibBinaries = dpkg.filter((p) => p.srcName === zlib.srcName).map((p) => p.name);
  const want = [
    ...glibcBinaries.map((n) => `CVE-2099-0001 ${n} fixed ${libc.srcVersion}+tidegate1`),
    ...zlibBinaries.map((n) => `CVE-2099-0003 ${n} not-fixed `),
  ].sort();
  assert.deepEqual(got, want);
  const f = result.findings.find((x) => x.package?.name === 'libc6')!;
  assert.equal(f.matchedBy, 'source');
  assert.equal(f.layer?.createdBy, 'debootstrap --variant=minbase bookworm');
});
