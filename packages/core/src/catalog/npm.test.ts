import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogLayers } from '../testing/view.js';
import { isInstalledManifest, npmCataloger } from './npm.js';

const manifestCases = [
  { path: 'app/node_modules/lodash/package.json', want: true },
  { path: 'node_modules/lodash/package.json', want: true },
  { path: 'app/node_modules/@babel/core/package.json', want: true },
  { path: 'app/node_modules/a/node_modules/b/package.json', want: true },
  { path: 'usr/lib/node_modules/npm/package.json', want: true },
  { path: 'app/package.json', want: false },
  { path: 'app/node_modules/lodash/test/fixtures/package.json', want: false },
  { path: 'app/node_modules/@babel/package.json', want: false },
  { path: 'app/node_modules/lodash/package.json.bak', want: false },
];
for (const c of manifestCases) {
  test(`npm: ${c.want ? 'reads' : 'skips'} ${c.path}`, () => {
    const meta = { type: 'file' as const, mode: 0o644, size: 1, uid: 0, gid: 0 };
    assert.equal(npmCataloger.wants(c.path, meta), c.want);
    assert.equal(isInstalledManifest(c.path), c.want);
  });
}

test('npm: installed packages with scope, licence forms and purl', async () => {
  const { packages } = await catalogLayers(
    [
      {
        'app/node_modules/lodash/package.json': JSON.stringify({
          name: 'lodash',
          version: '4.17.15',
          license: 'MIT',
        }),
        'app/node_modules/@babel/core/package.json': JSON.stringify({
          name: '@babel/core',
          version: '7.0.0',
          license: { type: 'MIT' },
        }),
        'app/node_modules/old/package.json': JSON.stringify({
          name: 'old',
          version: '0.1.0',
          licenses: [{ type: 'BSD' }, { type: 'MIT' }],
        }),
        'app/node_modules/noversion/package.json': JSON.stringify({ name: 'noversion' }),
      },
    ],
    [npmCataloger],
  );
  const by = Object.fromEntries(packages.map((p) => [p.name, p]));
  assert.deepEqual(Object.keys(by).sort(), ['@babel/core', 'lodash', 'old']);
  assert.equal(by['@babel/core']!.purl, 'pkg:npm/%40babel/core@7.0.0');
  assert.deepEqual(by['@babel/core']!.licenses, ['MIT']);
  assert.deepEqual(by.old!.licenses, ['BSD', 'MIT']);
  assert.equal(by.lodash!.ecosystem, 'npm');
  assert.deepEqual(by.lodash!.locations, ['app/node_modules/lodash/package.json']);
});

test('npm: invalid JSON is an issue naming the file, the scan goes on', async () => {
  const { packages, issues } = await catalogLayers(
    [
      {
        'app/node_modules/bad/package.json': '{nope',
        'app/node_modules/ok/package.json': '{"name":"ok","version":"1.0.0"}',
      },
    ],
    [npmCataloger],
  );
  assert.deepEqual(
    packages.map((p) => p.name),
    ['ok'],
  );
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.path, 'app/node_modules/bad/package.json');
  assert.ok(!issues[0]!.osDatabase);
});

test('npm: a package deleted by a later layer is gone', async () => {
  const { packages } = await catalogLayers(
    [{ 'app/node_modules/x/package.json': '{"name":"x","version":"1.0.0"}' }, { 'app/node_modules/x': null }],
    [npmCataloger],
  );
  assert.deepEqual(packages, []);
});
