import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { apkCataloger } from './apk.js';
import { osReleaseCataloger } from './os-release.js';

const cats = [osReleaseCataloger, apkCataloger];

test('apk: reads a real Alpine 3.4 installed database', async () => {
  const installed = readFileSync(testdata('trivy/analyzer/apk-installed'));
  const { packages, issues, distro } = await catalogLayers(
    [{ 'etc/alpine-release': '3.4.6\n', 'lib/apk/db/installed': installed }],
    cats,
  );
  assert.equal(distro?.ecosystem, 'Alpine:v3.4');
  const musl = packages.find((p) => p.name === 'musl')!;
  assert.equal(musl.version, '1.1.14-r10');
  assert.equal(musl.source?.name, 'musl');
  assert.deepEqual(musl.licenses, ['MIT']);
  assert.ok(musl.files?.includes('lib/ld-musl-x86_64.so.1'));
  assert.equal(musl.purl, 'pkg:apk/alpine/musl@1.1.14-r10?arch=x86_64&distro=alpine-3.4.6');
  const names = packages.map((p) => p.name);
  assert.equal(new Set(names).size, names.length);
  // The fixture holds a deliberately broken record (P: without V:): reported, never dropped silently.
  assert.deepEqual(
    issues.map((i) => i.message),
    ['line 23: record without P: or V:'],
  );
  assert.ok(issues[0]!.osDatabase);
});

test('apk: origin is the source package', async () => {
  const db = 'P:libcrypto1.0\nV:1.0.2h-r1\nA:x86_64\no:openssl\n\n';
  const { packages } = await catalogLayers([{ 'lib/apk/db/installed': db }], cats);
  assert.deepEqual(packages[0]!.source, { name: 'openssl', version: '1.0.2h-r1' });
});

test('apk: the layer of origin is where a package first appeared in the database', async () => {
  const a = 'P:musl\nV:1.2.4-r2\n\n';
  const b = 'P:curl\nV:8.5.0-r0\n\n';
  const { packages } = await catalogLayers(
    [{ 'lib/apk/db/installed': a }, { 'lib/apk/db/installed': a + b }],
    cats,
  );
  assert.deepEqual(
    packages.map((p) => [p.name, p.layer.index]),
    [
      ['musl', 0],
      ['curl', 1],
    ],
  );
});
