import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogLayers } from '../testing/view.js';
import type { Cataloger } from './cataloger.js';
import { npmPackageLock } from './npm-package-lock.js';
import { npmCataloger } from './npm.js';
import { pnpmLock } from './pnpm-lock.js';
import { dirLayer, fixture, ids } from '../testing/catalog.js';
import { yarnLock } from './yarn-lock/index.js';

// Every fixture is the real output of the package manager for one package.json: dependencies
// ms 2.1.3, debug 4.3.4 (→ ms 2.1.2), @types/node 20.11.0 (→ undici-types), strip-ansi 6.0.1
// (→ ansi-regex), devDependencies is-number 7.0.0. Generated with npm 11
// (--lockfile-version=1|2|3), yarn 1.22.22, yarn 4.18.1, pnpm 7.33 (5.4), 8.15 (6.0), 9.15 (9.0).
const PROD = [
  '@types/node@20.11.0',
  'ansi-regex@5.0.1',
  'debug@4.3.4',
  'ms@2.1.2',
  'ms@2.1.3',
  'strip-ansi@6.0.1',
  'undici-types@5.26.5',
];
const lockCases: { name: string; dir: string[]; cataloger: Cataloger }[] = [
  { name: 'package-lock v1', dir: ['npm-package-lock', 'v1'], cataloger: npmPackageLock },
  { name: 'package-lock v2', dir: ['npm-package-lock', 'v2'], cataloger: npmPackageLock },
  { name: 'package-lock v3', dir: ['npm-package-lock', 'v3'], cataloger: npmPackageLock },
  { name: 'yarn.lock classic', dir: ['yarn-lock', 'classic'], cataloger: yarnLock },
  { name: 'yarn.lock berry', dir: ['yarn-lock', 'berry'], cataloger: yarnLock },
  { name: 'pnpm-lock 5.4', dir: ['pnpm-lock', 'v5'], cataloger: pnpmLock },
  { name: 'pnpm-lock 6.0', dir: ['pnpm-lock', 'v6'], cataloger: pnpmLock },
  { name: 'pnpm-lock 9.0', dir: ['pnpm-lock', 'v9'], cataloger: pnpmLock },
];

for (const c of lockCases) {
  test(`${c.name}: production dependencies only, by default`, async () => {
    const { packages, issues } = await catalogLayers([dirLayer(fixture(...c.dir), 'srv/')], [c.cataloger]);
    assert.deepEqual(issues, []);
    assert.deepEqual(ids(packages), PROD);
    for (const p of packages) {
      assert.equal(p.ecosystem, 'npm');
      assert.deepEqual(p.locations, [
        `srv/app/${c.name.startsWith('yarn') ? 'yarn.lock' : c.name.startsWith('pnpm') ? 'pnpm-lock.yaml' : 'package-lock.json'}`,
      ]);
    }
    assert.equal(packages.find((p) => p.name === '@types/node')!.purl, 'pkg:npm/%40types/node@20.11.0');
  });
  test(`${c.name}: development dependencies too, when configured`, async () => {
    const dev = c.cataloger.configure!({ includeDevDependencies: true });
    assert.notEqual(dev.id, c.cataloger.id, 'a variant with different output has a different id (cache key)');
    const { packages } = await catalogLayers([dirLayer(fixture(...c.dir), 'srv/')], [dev]);
    assert.deepEqual(ids(packages), [...PROD, 'is-number@7.0.0'].sort());
  });
}

test('package-lock v3: direct and indirect dependencies, licences from the lockfile', async () => {
  const { packages } = await catalogLayers([dirLayer(fixture('npm-package-lock', 'v3'))], [npmPackageLock]);
  const by = Object.fromEntries(packages.map((p) => [`${p.name}@${p.version}`, p]));
  assert.equal(by['debug@4.3.4']!.relationship, 'direct');
  assert.equal(by['ms@2.1.2']!.relationship, 'indirect');
  assert.deepEqual(by['debug@4.3.4']!.licenses, ['MIT']);
});

test('package-lock: an entry whose installed manifest exists is left to the npm cataloger (no double count)', async () => {
  const layer = {
    ...dirLayer(fixture('npm-package-lock', 'v3')),
    'app/node_modules/debug/package.json': '{"name":"debug","version":"4.3.4","license":"MIT"}',
  };
  const { packages } = await catalogLayers([layer], [npmCataloger, npmPackageLock]);
  assert.deepEqual(ids(packages), PROD);
  const debug = packages.filter((p) => p.name === 'debug');
  assert.equal(debug.length, 1);
  assert.equal(debug[0]!.foundBy, 'npm');
  assert.deepEqual(debug[0]!.locations, ['app/node_modules/debug/package.json']);
});

test('package-lock v1: nested install paths are checked exactly', async () => {
  const lock = {
    lockfileVersion: 1,
    dependencies: { a: { version: '1.0.0', dependencies: { b: { version: '2.0.0' } } } },
  };
  const { packages } = await catalogLayers(
    [
      {
        'app/package-lock.json': JSON.stringify(lock),
        'app/node_modules/b/package.json': '{"name":"b","version":"9.9.9"}',
      },
    ],
    [npmPackageLock],
  );
  // node_modules/b is another b (hoisted elsewhere): the nested a/node_modules/b is not installed.
  assert.deepEqual(ids(packages), ['a@1.0.0', 'b@2.0.0']);
});

test('yarn.lock and pnpm-lock.yaml defer to node_modules when the project dir has one', async () => {
  for (const [dir, c] of [
    [['yarn-lock', 'classic'], yarnLock],
    [['pnpm-lock', 'v9'], pnpmLock],
  ] as const) {
    const layer = {
      ...dirLayer(fixture(...dir)),
      'app/node_modules/ms/package.json': '{"name":"ms","version":"2.1.3"}',
    };
    const { packages } = await catalogLayers([layer], [npmCataloger, c]);
    assert.deepEqual(ids(packages), ['ms@2.1.3'], c.id);
  }
});

test('a lockfile whose node_modules a later layer deletes is reported again', async () => {
  const { packages } = await catalogLayers(
    [
      {
        ...dirLayer(fixture('yarn-lock', 'berry')),
        'app/node_modules/ms/package.json': '{"name":"ms","version":"2.1.3"}',
      },
      { 'app/node_modules': null },
    ],
    [npmCataloger, yarnLock],
  );
  assert.deepEqual(ids(packages), PROD);
});

test('a lockfile inside node_modules is a dependency’s own and is not read', async () => {
  const inner = dirLayer(fixture('yarn-lock', 'classic'), 'app/node_modules/some-dep/');
  const { packages } = await catalogLayers([inner], [yarnLock, pnpmLock, npmPackageLock]);
  assert.deepEqual(packages, []);
});

const badCases = [
  {
    name: 'package-lock.json truncated',
    path: 'package-lock.json',
    content: '{"lockfileVersion": 3, "packages": {',
    c: npmPackageLock,
  },
  {
    name: 'package-lock.json binary garbage',
    path: 'package-lock.json',
    content: Buffer.from([0x7b, 0, 0xff, 0xfe]),
    c: npmPackageLock,
  },
  {
    name: 'yarn.lock classic corrupt',
    path: 'yarn.lock',
    content: '# yarn lockfile v1\n\nfoo@^1:\n  version "1"\nbroken line\n',
    c: yarnLock,
  },
  {
    name: 'yarn.lock berry invalid YAML',
    path: 'yarn.lock',
    content: '__metadata:\n  version: 6\n"a@npm:1":\n  version: [1\n',
    c: yarnLock,
  },
  {
    name: 'pnpm-lock.yaml not a lockfile',
    path: 'pnpm-lock.yaml',
    content: '- just\n- a list\n',
    c: pnpmLock,
  },
];
for (const b of badCases) {
  test(`${b.name}: an issue naming the file and layer, other projects still read`, async () => {
    const good = dirLayer(fixture('npm-package-lock', 'v3'), 'good/');
    const { packages, issues } = await catalogLayers(
      [{ ...good, [`bad/${b.path}`]: b.content }],
      [...new Set([b.c, npmPackageLock])],
    );
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]!.path, `bad/${b.path}`);
    assert.match(issues[0]!.layer ?? '', /^sha256:/);
    assert.match(issues[0]!.message, /cannot be parsed/);
    assert.deepEqual(ids(packages.filter((p) => p.locations[0]!.startsWith('good/'))), PROD);
  });
}

test('a lockfile over the size limit is not kept in memory and is reported', async () => {
  const huge = Buffer.alloc(64 * 1024 ** 2 + 1, 0x20);
  const { packages, issues } = await catalogLayers([{ 'app/package-lock.json': huge }], [npmPackageLock]);
  assert.deepEqual(packages, []);
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /over the 67108864-byte limit/);
  assert.equal(issues[0]!.path, 'app/package-lock.json');
});
