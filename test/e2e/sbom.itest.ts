import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { Package, ScanResult } from '@tidegate/core';
import { repoRoot, testdata } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { expectExit, expectOneLineError, listTree } from '../helpers/traits.js';

/**
 * `tidegate scan sbom:FILE` as users run it: Trivy's own centos-7 SBOMs in every format it
 * writes, and a round trip (a real image's packages written as CycloneDX 1.6 the way Trivy
 * writes them, scanned again: the same packages and findings as the image scan).
 */
let work: string;
let db: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-sbom-e2e-'));
  db = await writeOsvDir(join(work, 'db'), [
    osvRecord('TEST-0', 'Debian:12', 'no-such-package', [{ introduced: '0' }]),
  ]);
});
after(() => rm(work, { recursive: true, force: true }));

async function scanJson(ref: string, dbDir: string, env: Record<string, string> = {}): Promise<ScanResult> {
  const r = await runCli(['scan', ref, '--db', dbDir, '--format', 'json', '--fail-on', 'none'], { env });
  expectExit(r, 0);
  return JSON.parse(r.stdout) as ScanResult;
}

const trivySboms = [
  'centos-7-cyclonedx.json',
  'centos-7-spdx.json',
  'centos-7-spdx.txt',
  'centos-7-cyclonedx.intoto.jsonl',
];

test('Trivy’s centos-7 SBOMs, all four formats: the same packages as the golden, read by the CLI', async () => {
  const want = [
    'bash 4.2.46-31.el7 pkg:rpm/centos/bash@4.2.46-31.el7?arch=x86_64&distro=centos-7.6.1810',
    'openssl-libs 1:1.0.2k-16.el7 pkg:rpm/centos/openssl-libs@1.0.2k-16.el7?arch=x86_64&distro=centos-7.6.1810&epoch=1',
  ];
  for (const f of trivySboms) {
    const tmp = await mkdtemp(join(work, 'tmp-'));
    const result = await scanJson(`sbom:${testdata('trivy/sbom', f)}`, db, { TMPDIR: tmp });
    assert.equal(result.image.source, 'sbom', f);
    assert.deepEqual([result.distro?.id, result.distro?.versionId], ['centos', '7.6.1810'], f);
    assert.deepEqual(result.packages.map((p) => `${p.name} ${p.version} ${p.purl}`).sort(), want, f);
    assert.deepEqual(result.issues, [], f);
    assert.deepEqual(await listTree(tmp), [], `${f}: nothing left in TMPDIR`);
  }
});

/** A CycloneDX 1.6 BOM of a scan's packages, with the properties Trivy writes (source package, layer). */
function cycloneDx(result: ScanResult): object {
  const prop = (name: string, value: string | undefined) =>
    value ? [{ name: `aquasecurity:trivy:${name}`, value }] : [];
  const component = (p: Package) => ({
    type: 'library',
    'bom-ref': p.purl,
    name: p.name,
    version: p.version,
    purl: p.purl,
    licenses: p.licenses.map((id) => ({ license: { name: id } })),
    properties: [
      ...prop('SrcName', p.source?.name),
      ...prop('SrcVersion', p.source?.version),
      ...prop('LayerDiffID', p.layer.diffId),
      ...prop('LayerDigest', p.layer.digest),
    ],
  });
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    metadata: {
      component: {
        type: 'container',
        name: result.image.reference,
        properties: result.image.layers.flatMap((l) => prop('DiffID', l.diffId)),
      },
    },
    components: [
      { type: 'operating-system', name: result.distro!.id, version: result.distro!.versionId },
      ...result.packages.map(component),
    ],
  };
}

let roundTrip: { oci: string; advisories: string; fromImage: ScanResult } | undefined;

/** The Debian 12 image scanned against records that match some of its packages (built once). */
async function debianImage(): Promise<NonNullable<typeof roundTrip>> {
  if (roundTrip) return roundTrip;
  // plain ESM helper shared with scripts/run-tests.mjs and bench/, which build the fixture once
  const prepare = (await import(join(repoRoot(), 'test', 'fixtures', 'prepare.mjs'))) as {
    prepareDebian12(): { oci: string };
  };
  const oci = `oci:${prepare.prepareDebian12().oci}:latest`;
  const libc = (await scanJson(oci, db)).packages.find((p) => p.name === 'libc6')!;
  const records = [
    osvRecord('DSA-9001-1', 'Debian:12', libc.source!.name, [
      { introduced: '0' },
      { fixed: `${libc.source!.version}+tidegate1` },
    ]),
    osvRecord('DEBIAN-CVE-2099-0003', 'Debian:12', 'zlib', [{ introduced: '0' }], {
      upstream: ['CVE-2099-0003'],
    }),
  ];
  const advisories = await writeOsvDir(join(work, 'db-round'), records);
  return (roundTrip = { oci, advisories, fromImage: await scanJson(oci, advisories) });
}

/**
 * Known difference, SPDX only: tidegate's SPDX writer (report/spdx.ts) writes `sourceInfo` only
 * when the source package's name differs, so a binNMU's source version (bash 5.2.15-2+b13 from
 * source 5.2.15-2) does not reach the document, and the reader can only take the binary's.
 */
const roundTrips: {
  name: string;
  write: (img: NonNullable<typeof roundTrip>, file: string) => Promise<void>;
  layers: boolean;
  sourceVersionWhenNamesDiffer: boolean;
}[] = [
  {
    name: 'tidegate’s own SPDX 2.3 output',
    write: async (img, file) =>
      expectExit(
        await runCli([
          'scan',
          img.oci,
          '--db',
          img.advisories,
          '--format',
          'spdx',
          '--output',
          file,
          '--fail-on',
          'none',
        ]),
        0,
      ),
    layers: false, // the SPDX writer names layers in a comment only
    sourceVersionWhenNamesDiffer: true,
  },
  {
    name: 'CycloneDX 1.6 as Trivy writes it',
    write: (img, file) => writeFile(file, JSON.stringify(cycloneDx(img.fromImage))),
    layers: true,
    sourceVersionWhenNamesDiffer: false,
  },
];

for (const c of roundTrips) {
  test(`round trip through ${c.name}: a real Debian 12 image’s SBOM gives the image scan’s packages and findings`, async () => {
    const img = await debianImage();
    const file = join(work, `round-${c.layers ? 'cdx' : 'spdx'}.json`);
    await c.write(img, file);
    const fromSbom = await scanJson(`sbom:${file}`, img.advisories);
    const srcVersion = (p: Package) =>
      c.sourceVersionWhenNamesDiffer && p.source?.name === p.name ? '' : p.source?.version;
    const pkgs = (r: ScanResult) =>
      r.packages
        .map(
          (p) =>
            `${p.purl} ${p.version} ${p.source?.name} ${srcVersion(p)} ${c.layers ? p.layer.diffId : ''}`,
        )
        .sort();
    // an SBOM lists packages only: the image checks' findings come from the image itself
    const finds = (r: ScanResult) =>
      r.findings
        .filter((f) => f.kind === 'vulnerability')
        .map((f) => `${f.ruleId} ${f.package?.name} ${f.package?.version} ${f.fixedIn.join()}`)
        .sort();
    assert.deepEqual(pkgs(fromSbom), pkgs(img.fromImage));
    assert.ok(finds(img.fromImage).length >= 2, finds(img.fromImage).join('\n'));
    assert.deepEqual(finds(fromSbom), finds(img.fromImage));
    assert.equal(fromSbom.distro?.ecosystem, 'Debian:12');
    assert.deepEqual(fromSbom.issues, []);
  });
}

test('an SBOM tidegate cannot read: exit 2 and one line naming the file', async () => {
  const bad = join(work, 'not-a-bom.json');
  await writeFile(bad, JSON.stringify({ hello: 'world' }));
  const r = await runCli(['scan', `sbom:${bad}`, '--db', db]);
  expectExit(r, 2);
  expectOneLineError(r, /not-a-bom\.json: not an SBOM tidegate reads/);
});
