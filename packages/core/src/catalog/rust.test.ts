import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { deflateSync } from 'node:zlib';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { cargoAuditableCataloger } from './cargo-auditable.js';
import { cargoLock } from './cargo-lock.js';
import { buildElf, ids } from '../testing/catalog.js';

const repo = (f: string) => readFileSync(testdata('trivy/repo/cargo', f));

test('cargo-lock: with Cargo.toml, crates reachable only through dev-dependencies are left out', async () => {
  const { packages, issues } = await catalogLayers(
    [{ 'src/app/Cargo.lock': repo('Cargo.lock'), 'src/app/Cargo.toml': repo('Cargo.toml') }],
    [cargoLock],
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(packages.map((p) => `${p.name}@${p.version} ${p.relationship}`).sort(), [
    'aho-corasick@0.7.20 indirect',
    'app@0.1.0 root',
    'libc@0.2.171 indirect',
    'memchr@1.0.2 direct',
    'memchr@2.7.4 indirect',
    'regex-syntax@0.6.29 indirect',
    'regex@1.7.3 direct',
  ]);
});

test('cargo-lock: without Cargo.toml every locked crate is reported; with the dev flag too', async () => {
  const all = [
    'aho-corasick@0.7.20',
    'app@0.1.0',
    'libc@0.2.171',
    'memchr@1.0.2',
    'memchr@2.7.4',
    'regex-syntax@0.6.29',
    'regex@1.7.3',
    'winapi-i686-pc-windows-gnu@0.4.0',
    'winapi-x86_64-pc-windows-gnu@0.4.0',
    'winapi@0.3.9',
  ];
  assert.deepEqual(
    ids((await catalogLayers([{ 'Cargo.lock': repo('Cargo.lock') }], [cargoLock])).packages),
    all,
  );
  const dev = cargoLock.configure!({ includeDevDependencies: true });
  assert.deepEqual(
    ids(
      (await catalogLayers([{ 'Cargo.lock': repo('Cargo.lock'), 'Cargo.toml': repo('Cargo.toml') }], [dev]))
        .packages,
    ),
    all,
  );
});

test('cargo-lock: invalid TOML is a warning naming the file and layer', async () => {
  const { issues } = await catalogLayers([{ 'x/Cargo.lock': '[[package]\nname = 1' }], [cargoLock]);
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.path, 'x/Cargo.lock');
  assert.match(issues[0]!.layer!, /^sha256:/);
});

// The cargo-auditable format: zlib-compressed JSON in a `.dep-v0` section (PARSING.md).
const auditJson = {
  packages: [
    { name: 'ripgrep', version: '14.1.0', source: 'local', dependencies: [1, 2], root: true },
    { name: 'regex', version: '1.10.2', source: 'crates.io', dependencies: [] },
    { name: 'memchr', version: '2.7.1', source: 'crates.io' },
    { name: 'cc', version: '1.0.83', source: 'crates.io', kind: 'build' },
  ],
};
const exe = (content: Buffer) => [{ name: 'usr/bin/rg', content, mode: 0o755 }];

test('cargo-auditable: crates compiled into the binary, build-only crates left out', async () => {
  const bin = buildElf([{ name: '.dep-v0', data: deflateSync(JSON.stringify(auditJson)), writable: false }]);
  const { packages, issues } = await catalogLayers([exe(bin)], [cargoAuditableCataloger]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    packages.map((p) => `${p.name}@${p.version} ${p.relationship ?? ''}`),
    ['ripgrep@14.1.0 root', 'regex@1.10.2 ', 'memchr@2.7.1 '],
  );
  assert.equal(packages[1]!.purl, 'pkg:cargo/regex@1.10.2');
  assert.equal(packages[1]!.ecosystem, 'crates.io');
});

const badAudit = [
  { name: 'not zlib', data: Buffer.from('definitely not compressed') },
  { name: 'zlib of non-JSON', data: deflateSync('{"packages": [') },
  { name: 'a decompression bomb', data: deflateSync(Buffer.alloc(32 * 1024 ** 2, 0x20)) },
];
for (const b of badAudit) {
  test(`cargo-auditable: ${b.name} is a warning naming the file and layer`, async () => {
    const { packages, issues } = await catalogLayers(
      [exe(buildElf([{ name: '.dep-v0', data: b.data }]))],
      [cargoAuditableCataloger],
    );
    assert.deepEqual(packages, []);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, 'usr/bin/rg');
    assert.match(issues[0]!.message, /\.dep-v0/);
  });
}

test('cargo-auditable: a Go binary (no .dep-v0) yields nothing', async () => {
  const { packages, issues } = await catalogLayers(
    [exe(readFileSync(testdata('trivy/analyzer/executable_gobinary')))],
    [cargoAuditableCataloger],
  );
  assert.deepEqual([packages, issues], [[], []]);
});
