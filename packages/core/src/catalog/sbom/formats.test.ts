import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { UserError } from '../../errors.js';
import { silentLogger } from '../../logger.js';
import { scan } from '../../scan.js';
import { testdata } from '../../testing/index.js';
import { resolveReference } from '../../image/reference.js';
import { sbomSource } from '../../image/sources/sbom.js';
import { readSbomContents } from './index.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tidegate-sbomf-'));
});
after(() => rm(dir, { recursive: true, force: true }));

async function write(name: string, content: unknown): Promise<string> {
  const p = join(dir, name);
  await writeFile(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

const open = (p: string) =>
  sbomSource.open(p, {
    logger: silentLogger,
    tmpDir: dir,
    platform: 'linux/amd64',
    sbomReader: readSbomContents,
  });
const summary = async (p: string) =>
  (await open(p))
    .inventory!.packages.map(
      (x) =>
        `${x.type} ${x.ecosystem} ${x.name} ${x.version} ${x.source?.name ?? '-'} ${x.licenses.join('|') || '-'}`,
    )
    .sort();

const spdx23 = {
  spdxVersion: 'SPDX-2.3',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'alpine',
  packages: [
    { SPDXID: 'SPDXRef-image', name: 'alpine:3.20', primaryPackagePurpose: 'CONTAINER' },
    {
      SPDXID: 'SPDXRef-os',
      name: 'alpine',
      versionInfo: '3.20.3',
      primaryPackagePurpose: 'OPERATING-SYSTEM',
    },
    {
      SPDXID: 'SPDXRef-Package-apk-libcrypto3',
      name: 'libcrypto3',
      versionInfo: '3.3.2-r0',
      licenseConcluded: 'NOASSERTION',
      licenseDeclared: 'Apache-2.0',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator:
            'pkg:apk/alpine/libcrypto3@3.3.2-r0?arch=x86_64&upstream=openssl&distro=alpine-3.20.3',
        },
      ],
    },
    {
      SPDXID: 'SPDXRef-Package-cpe-only',
      name: 'busybox',
      versionInfo: '1.36.1-r29',
      externalRefs: [
        {
          referenceCategory: 'SECURITY',
          referenceType: 'cpe23Type',
          referenceLocator: 'cpe:2.3:a:busybox:busybox:1.36.1:*:*:*:*:*:*:*',
        },
      ],
    },
  ],
};

const tagValue = `SPDXVersion: SPDX-2.3
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: rocky
DocumentComment: <text>spans
two lines</text>

PackageName: rocky
SPDXID: SPDXRef-OperatingSystem-1
PackageVersion: 9.4
PrimaryPackagePurpose: OPERATING-SYSTEM

PackageName: glibc
SPDXID: SPDXRef-Package-1
PackageVersion: 2.34-100.el9_4.2
PackageLicenseDeclared: LGPLv2+ and GPLv2+
PackageComment: <text>a comment
ExternalRef: SECURITY cpe23Type not-a-ref-because-inside-text
</text>
ExternalRef: PACKAGE-MANAGER purl pkg:rpm/rocky/glibc@2.34-100.el9_4.2?arch=x86_64&upstream=glibc-2.34-100.el9_4.2.src.rpm&distro=rocky-9.4

FileName: ./usr/lib64/libc.so.6
SPDXID: SPDXRef-File-1
`;

const envelope = (statement: unknown) =>
  JSON.stringify({
    payloadType: 'application/vnd.in-toto+json',
    payload: Buffer.from(JSON.stringify(statement)).toString('base64'),
    signatures: [],
  });

test('sbom: SPDX 2.3 JSON: OS by primaryPackagePurpose, NOASSERTION skipped, packages without purl reported', async () => {
  const p = await write('alpine.spdx.json', spdx23);
  assert.deepEqual(await summary(p), ['apk Alpine:v3.20 libcrypto3 3.3.2-r0 openssl Apache-2.0']);
  assert.deepEqual(
    (await open(p)).inventory!.issues.map((i) => i.message),
    ['1 component has no purl, so no ecosystem to match against: busybox'],
  );
});

test('sbom: SPDX sourceInfo as tidegate’s own SPDX writer puts it names the source package', async () => {
  const pkg = spdx23.packages[2]!;
  const doc = {
    ...spdx23,
    packages: [spdx23.packages[1], { ...pkg, sourceInfo: 'built from source package openssl 3.3.2-r0' }],
  };
  assert.deepEqual(await summary(await write('tidegate.spdx.json', doc)), [
    'apk Alpine:v3.20 libcrypto3 3.3.2-r0 openssl Apache-2.0',
  ]);
});

test('sbom: SPDX tag-value: sections, <text> values across lines, and an SRPM in upstream', async () => {
  const p = await write('rocky.spdx', tagValue);
  assert.deepEqual(await summary(p), ['rpm Rocky Linux:9 glibc 2.34-100.el9_4.2 glibc LGPLv2+ and GPLv2+']);
  assert.deepEqual((await open(p)).inventory!.issues, []);
});

test('sbom: in-toto: an SPDX predicate in a DSSE envelope, and a bare statement', async () => {
  const statement = {
    _type: 'https://in-toto.io/Statement/v1',
    predicateType: 'https://spdx.dev/Document/v2.3',
    subject: [],
    predicate: spdx23,
  };
  const want = ['apk Alpine:v3.20 libcrypto3 3.3.2-r0 openssl Apache-2.0'];
  const other = { predicateType: 'https://slsa.dev/provenance/v1', predicate: {} };
  assert.deepEqual(
    await summary(await write('a.intoto.jsonl', `${envelope(other)}\n${envelope(statement)}\n`)),
    want,
  );
  assert.deepEqual(await summary(await write('b.json', statement)), want);
});

const sad: { name: string; content: string | object; want: RegExp }[] = [
  { name: 'JSON that is no SBOM', content: { hello: 'world' }, want: /^not an SBOM tidegate reads/ },
  { name: 'binary garbage', content: '\u0000\u0001\u0002garbage', want: /^not an SBOM tidegate reads/ },
  {
    name: 'CycloneDX 2.0',
    content: { bomFormat: 'CycloneDX', specVersion: '2.0', components: [] },
    want: /^CycloneDX 2\.0 is not supported/,
  },
  {
    name: 'SPDX 3.0',
    content: { spdxVersion: 'SPDX-3.0', packages: [] },
    want: /^SPDX SPDX-3\.0 is not supported/,
  },
  {
    name: 'an attestation of provenance only',
    content: envelope({ predicateType: 'https://slsa.dev/provenance/v1', predicate: {} }),
    want: /^not an SBOM tidegate reads/,
  },
];

for (const c of sad) {
  test(`sbom: sad path: ${c.name} is a UserError naming the file`, async () => {
    const p = await write(`sad-${c.name.replace(/\W+/g, '-')}`, c.content);
    await assert.rejects(
      open(p),
      (e: unknown) => e instanceof UserError && c.want.test(e.message) && e.where.file === p,
    );
  });
}

test('sbom: sad path: a missing file', async () => {
  await assert.rejects(
    open(join(dir, 'nope.json')),
    (e: unknown) => e instanceof UserError && /no such file/.test(e.message),
  );
});

test('sbom: sbom:FILE and a plain path that looks like an SBOM both resolve to the sbom source', async () => {
  const p = testdata('trivy/sbom/centos-7-spdx.txt');
  assert.equal((await resolveReference(`sbom:${p}`)).source.kind, 'sbom');
  for (const f of [
    'centos-7-cyclonedx.json',
    'centos-7-spdx.json',
    'centos-7-spdx.txt',
    'centos-7-cyclonedx.intoto.jsonl',
  ])
    assert.equal((await resolveReference(testdata('trivy/sbom', f))).source.kind, 'sbom', f);
  assert.equal(await sbomSource.sniff!(await write('plain.json', { a: 1 })), false);
});

test('sbom: scan() takes the inventory, skips the walk, and writes nothing outside its temporary directory', async () => {
  const work = await mkdtemp(join(dir, 'work-'));
  const result = await scan({
    reference: `sbom:${testdata('trivy/sbom/centos-7-cyclonedx.json')}`,
    workDir: work,
  });
  assert.equal(result.image.source, 'sbom');
  assert.equal(result.distro?.ecosystem, 'Red Hat:enterprise_linux:7');
  assert.deepEqual(result.packages.map((p) => `${p.name} ${p.version}`).sort(), [
    'bash 4.2.46-31.el7',
    'openssl-libs 1:1.0.2k-16.el7',
  ]);
  assert.deepEqual(
    result.image.layers.map((l) => l.diffId),
    ['sha256:89169d87dbe2b72ba42bfbb3579c957322baca28e03a1e558076542a1c1b2b4a'],
  );
  assert.deepEqual(result.issues, []);
  assert.deepEqual(await readdir(work), []);
});
