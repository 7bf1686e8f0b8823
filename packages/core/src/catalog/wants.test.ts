import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Cataloger } from './cataloger.js';
import { catalogers } from './registry.js';
import { fileMeta } from '../testing/catalog.js';

// STYLE rule 21: what each language cataloger reads, locked down against one mixed tree. A
// loosened predicate shows up here (and as a slower scan); a tightened one loses packages.
const TREE = [
  'app/package.json',
  'app/package-lock.json',
  'app/npm-shrinkwrap.json',
  'app/yarn.lock',
  'app/pnpm-lock.yaml',
  'app/node_modules/lodash/package.json',
  'app/node_modules/@babel/core/package.json',
  'app/node_modules/lodash/yarn.lock',
  'app/node_modules/lodash/package-lock.json',
  'app/node_modules/lodash/test/package.json',
  'app/node_modules/.package-lock.json',
  'usr/lib/python3/dist-packages/urllib3-1.26.12.dist-info/METADATA',
  'usr/lib/python3/dist-packages/urllib3-1.26.12.dist-info/RECORD',
  'usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO',
  'usr/lib/python2.7/wsgiref.egg-info',
  'usr/lib/python3/dist-packages/pkg/poetry.lock',
  'srv/poetry.lock',
  'srv/Pipfile.lock',
  'srv/requirements.txt',
  'srv/requirements-dev.txt',
  'usr/lib/ruby/gems/3.1.0/specifications/rack-2.2.8.gemspec',
  'usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.3.gemspec',
  'usr/lib/ruby/gems/3.1.0/gems/rack-2.2.8/rack.gemspec',
  'usr/lib/ruby/gems/3.1.0/gems/rack-2.2.8/Gemfile.lock',
  'srv/Gemfile.lock',
  'srv/rust/Cargo.lock',
  'srv/rust/Cargo.toml',
  'root/.cargo/registry/src/index/regex-1.0.0/Cargo.toml',
  'srv/php/composer.lock',
  'srv/php/composer.json',
  'srv/php/vendor/composer/installed.json',
  'srv/php/vendor/guzzle/guzzle/composer.json',
  'srv/dotnet/app.deps.json',
  'srv/dotnet/packages.lock.json',
  'opt/app/app.jar',
  'opt/app/app.war',
  'opt/app/app.ear',
  'opt/app/notes.txt',
];
const EXECUTABLES = ['usr/local/bin/app', 'usr/bin/script.sh', 'opt/tool.exe'];

const want: Record<string, string[]> = {
  npm: ['app/node_modules/lodash/package.json', 'app/node_modules/@babel/core/package.json'],
  'npm-package-lock': ['app/package-lock.json', 'app/npm-shrinkwrap.json'],
  'yarn-lock': ['app/package.json', 'app/yarn.lock'],
  'pnpm-lock': ['app/pnpm-lock.yaml'],
  'go-binary': ['usr/local/bin/app', 'opt/tool.exe'],
  'java-archive': ['opt/app/app.jar', 'opt/app/app.war', 'opt/app/app.ear'],
  'python-installed': [
    'usr/lib/python3/dist-packages/urllib3-1.26.12.dist-info/METADATA',
    'usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO',
    'usr/lib/python2.7/wsgiref.egg-info',
  ],
  'poetry-lock': ['srv/poetry.lock'],
  'pipfile-lock': ['srv/Pipfile.lock'],
  'pip-requirements': ['srv/requirements.txt'],
  'gem-spec': [
    'usr/lib/ruby/gems/3.1.0/specifications/rack-2.2.8.gemspec',
    'usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.3.gemspec',
  ],
  'gemfile-lock': ['srv/Gemfile.lock'],
  'cargo-lock': ['srv/rust/Cargo.lock', 'srv/rust/Cargo.toml'],
  'cargo-auditable': ['usr/local/bin/app', 'opt/tool.exe'],
  'composer-installed': ['srv/php/vendor/composer/installed.json'],
  'composer-lock': ['srv/php/composer.lock', 'srv/php/composer.json'],
  'dotnet-deps': ['srv/dotnet/app.deps.json'],
  'nuget-lock': ['srv/dotnet/packages.lock.json'],
};

function accepted(c: Cataloger): string[] {
  const plain = TREE.filter((p) => c.wants(p, fileMeta(1000)));
  const exe = EXECUTABLES.filter((p) => c.wants(p, fileMeta(100_000, p.endsWith('.exe') ? 0o644 : 0o755)));
  return [...plain, ...exe].sort();
}

for (const c of catalogers.filter((x) => x.id in want)) {
  test(`${c.id}: reads exactly the paths it should from a mixed tree`, () => {
    assert.deepEqual(accepted(c), [...want[c.id]!].sort());
  });
}

test('every language cataloger has a lock-down case', () => {
  const os = new Set(['os-release', 'dpkg', 'apk', 'rpm']);
  const missing = catalogers.filter((c) => !os.has(c.id) && !(c.id in want)).map((c) => c.id);
  assert.deepEqual(missing, []);
});

test('size caps: lockfiles over the cap are not kept by view catalogers (the view reports them)', () => {
  const lock = catalogers.find((c) => c.id === 'npm-package-lock')!;
  assert.equal(lock.wants('app/package-lock.json', fileMeta(64 * 1024 ** 2 + 1)), false);
  assert.equal(lock.wants('app/package-lock.json', fileMeta(64 * 1024 ** 2)), true);
});
