import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { composerInstalled } from './composer-installed.js';
import { composerLock } from './composer-lock.js';
import { ids } from '../testing/catalog.js';

const repo = (f: string) => readFileSync(testdata('trivy/repo/composer', f));

test('composer-lock: trivy repo/composer: packages, licences, direct from composer.json', async () => {
  const { packages, issues } = await catalogLayers(
    [{ 'var/www/composer.lock': repo('composer.lock'), 'var/www/composer.json': repo('composer.json') }],
    [composerLock],
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(
    packages.map((p) => [p.name, p.version, p.licenses, p.relationship, p.purl]),
    [
      ['guzzlehttp/guzzle', '7.4.4', ['MIT'], 'direct', 'pkg:composer/guzzlehttp/guzzle@7.4.4'],
      ['guzzlehttp/psr7', '1.8.3', ['MIT'], 'indirect', 'pkg:composer/guzzlehttp/psr7@1.8.3'],
    ],
  );
});

const v1 = JSON.stringify([
  { name: 'monolog/monolog', version: '1.27.1', license: ['MIT'] },
  { name: 'psr/log', version: '1.1.4', license: 'MIT' },
]);
const v2 = JSON.stringify({
  packages: [
    { name: 'monolog/monolog', version: '2.9.1', license: ['MIT'] },
    { name: 'phpunit/phpunit', version: '9.6.0', license: ['BSD-3-Clause'] },
  ],
  dev: true,
  'dev-package-names': ['phpunit/phpunit'],
});
const installedCases = [
  { name: 'composer 1 array format', json: v1, want: ['monolog/monolog@1.27.1', 'psr/log@1.1.4'] },
  { name: 'composer 2 object format, dev packages left out', json: v2, want: ['monolog/monolog@2.9.1'] },
];
for (const c of installedCases) {
  test(`composer-installed: ${c.name}`, async () => {
    const { packages } = await catalogLayers(
      [{ 'app/vendor/composer/installed.json': c.json }],
      [composerInstalled],
    );
    assert.deepEqual(ids(packages), c.want);
  });
}

test('composer-lock: a lockfile beside vendor/composer/installed.json defers to it (no double count)', async () => {
  const { packages } = await catalogLayers(
    [{ 'app/composer.lock': repo('composer.lock'), 'app/vendor/composer/installed.json': v1 }],
    [composerLock, composerInstalled],
  );
  assert.deepEqual(ids(packages), ['monolog/monolog@1.27.1', 'psr/log@1.1.4']);
});

test('composer: corrupt files are warnings naming the file and layer', async () => {
  const { issues } = await catalogLayers(
    [{ 'a/composer.lock': '{"packages": [', 'b/vendor/composer/installed.json': Buffer.from([0xff, 0x00]) }],
    [composerLock, composerInstalled],
  );
  assert.deepEqual(issues.map((i) => i.path).sort(), ['a/composer.lock', 'b/vendor/composer/installed.json']);
  for (const i of issues) assert.match(i.layer!, /^sha256:/);
});
