import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { schemaPath } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { catalogers } from '../catalog/registry.js';
import { evaluate } from '../policy/evaluate.js';
import { DEFAULT_POLICY } from '../policy/policy.js';
import type { ScanResult } from '../types/model.js';
import { buildReportModel } from './model.js';
import { spdxFormat } from './spdx.js';

const require = createRequire(import.meta.url);
type AjvLike = { compile(s: object): ((d: unknown) => boolean) & { errors?: unknown } };
const Ajv07 = require('ajv').default as new (o: object) => AjvLike;
const Ajv2019 = require('ajv/dist/2019').default as new (o: object) => AjvLike;
const addFormats = require('ajv-formats').default as (a: AjvLike) => void;

async function result(): Promise<ScanResult> {
  const status =
    'Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\nArchitecture: amd64\n';
  const { packages, distro } = await catalogLayers(
    [
      { 'etc/os-release': 'ID=debian\nVERSION_ID=12\n', 'var/lib/dpkg/status': status },
      {
        'app/node_modules/a/package.json': '{"name":"a","version":"1.0.0","license":"MIT OR Apache-2.0"}',
        'app/node_modules/b/package.json': '{"name":"b","version":"2.0.0","license":"BSD"}',
        'app/node_modules/@s/c/package.json': '{"name":"@s/c","version":"3.0.0"}',
      },
    ],
    catalogers,
  );
  return {
    schemaVersion: 1,
    tool: { name: 'tidegate', version: '0.1.0' },
    createdAt: '2024-05-01T10:00:00.123Z',
    image: {
      reference: 'app.tar',
      source: 'docker-archive',
      configDigest: 'sha256:abc',
      repoTags: ['app:1'],
      os: 'linux',
      architecture: 'amd64',
      labels: {},
      layers: [],
    },
    ...(distro ? { distro } : {}),
    packages,
    findings: [],
    ignored: [],
    issues: [],
    verdict: evaluate([], [], DEFAULT_POLICY),
  };
}

for (const [name, file, Ajv] of [
  ['released 2.3 schema', 'spdx-schema-2.3.json', Ajv07],
  ['2.3.1 support-branch schema', 'spdx-schema-2.3.1-support-branch.json', Ajv2019],
] as const) {
  test(`spdx: output validates against the ${name}`, async () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(schemaPath('spdx', file), 'utf8')) as object);
    const doc = JSON.parse(spdxFormat.render(buildReportModel(await result()))) as unknown;
    assert.ok(validate(doc), JSON.stringify(validate.errors, null, 2));
  });
}

test('spdx: every package is contained by the image, with its purl and licence expression', async () => {
  const doc = JSON.parse(spdxFormat.render(buildReportModel(await result()))) as {
    packages: {
      SPDXID: string;
      name: string;
      licenseDeclared: string;
      externalRefs?: { referenceLocator: string }[];
    }[];
    relationships: { relationshipType: string; relatedSpdxElement: string }[];
    hasExtractedLicensingInfos?: { licenseId: string; extractedText: string }[];
  };
  const by = Object.fromEntries(doc.packages.map((p) => [p.name, p]));
  assert.equal(by.a!.licenseDeclared, 'MIT OR Apache-2.0');
  assert.equal(by.b!.licenseDeclared, 'LicenseRef-BSD');
  assert.equal(by['@s/c']!.licenseDeclared, 'NOASSERTION');
  assert.equal(
    by.zlib1g!.externalRefs![0]!.referenceLocator,
    'pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1?arch=amd64&distro=debian-12&upstream=zlib',
  );
  assert.deepEqual(doc.hasExtractedLicensingInfos, [
    { licenseId: 'LicenseRef-BSD', extractedText: 'BSD', name: 'BSD' },
  ]);
  const contained = doc.relationships
    .filter((r) => r.relationshipType === 'CONTAINS')
    .map((r) => r.relatedSpdxElement);
  assert.equal(contained.length, 4);
});
