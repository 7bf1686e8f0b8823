import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../../testing/index.js';
import { catalogLayers } from '../../testing/view.js';
import { buildElf, goBuildInfoInline } from '../../testing/catalog.js';
import { goBinaryCataloger } from './index.js';
import { parseModInfo, stdlibVersion } from './modinfo.js';

const exe = (name: string, content: Buffer, mode = 0o755) => ({ name, content, mode });

/** `go version -m` output → the packages it lists: `mod` and `dep` lines, and the toolchain. */
function fromGoVersionM(text: string): { name: string; version: string }[] {
  const lines = text.split('\n');
  const goVersion = lines[0]!.split(': ')[1]!.trim();
  const mods = lines
    .map((l) => l.trim().split('\t'))
    .filter((f) => f[0] === 'mod' || f[0] === 'dep')
    .map((f) => ({ name: f[1]!, version: f[2]! }));
  return [...mods, { name: 'stdlib', version: goVersion.replace(/^go/, '') }];
}

test('go-binary: a real Go 1.15 binary (pointer-form build info) yields exactly what `go version -m` shows', async () => {
  const bin = readFileSync(testdata('trivy/analyzer/executable_gobinary'));
  const want = fromGoVersionM(
    readFileSync(testdata('trivy/analyzer/executable_gobinary.expected.txt'), 'utf8'),
  );
  const { packages, issues } = await catalogLayers([[exe('usr/local/bin/app', bin)]], [goBinaryCataloger]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    packages.map((p) => ({ name: p.name, version: p.version })),
    want,
  );
  const main = packages[0]!;
  assert.equal(main.relationship, 'root');
  assert.equal(main.version, '(devel)');
  const xerrors = packages.find((p) => p.name === 'golang.org/x/xerrors')!;
  assert.equal(xerrors.ecosystem, 'Go');
  assert.equal(xerrors.purl, 'pkg:golang/golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1');
  assert.deepEqual(xerrors.locations, ['usr/local/bin/app']);
  assert.equal(packages.at(-1)!.purl, 'pkg:golang/stdlib@1.15.2');
});

test('go-binary: Go ≥ 1.18 inline build info, with a replacement and build settings', async () => {
  const modinfo = [
    'path\texample.com/cmd/tool',
    'mod\texample.com\tv1.4.0\th1:abc=',
    'dep\tgolang.org/x/net\tv0.17.0\th1:net=',
    'dep\tgithub.com/old/lib\tv1.0.0',
    '=>\tgithub.com/fork/lib\tv1.0.1-fixed\th1:fork=',
    'dep\tgithub.com/local/x\tv0.1.0',
    '=>\t../x\t',
    'build\t-ldflags=-s -w',
    'build\tGOOS=linux',
    '',
  ].join('\n');
  const bin = buildElf([{ name: '.go.buildinfo', data: goBuildInfoInline('go1.21.4', modinfo) }]);
  const { packages, issues } = await catalogLayers([[exe('bin/tool', bin)]], [goBinaryCataloger]);
  assert.deepEqual(issues, []);
  assert.deepEqual(
    packages.map((p) => `${p.name}@${p.version}`),
    [
      'example.com@v1.4.0',
      'golang.org/x/net@v0.17.0',
      'github.com/fork/lib@v1.0.1-fixed',
      'github.com/local/x@v0.1.0',
      'stdlib@1.21.4',
    ],
  );
});

const stdCases = [
  { in: 'go1.15.2', want: '1.15.2' },
  { in: 'go1.21', want: '1.21.0' },
  { in: 'go1.21rc2', want: '1.21.0-rc.2' },
  { in: 'go1.19beta1', want: '1.19.0-beta.1' },
  { in: 'go1.20.5 X:boringcrypto', want: '1.20.5' },
  { in: 'devel go1.22-abcdef', want: undefined },
];
for (const c of stdCases) {
  test(`go-binary: toolchain ${c.in} is stdlib ${c.want ?? '(none)'}`, () =>
    assert.equal(stdlibVersion(c.in), c.want));
}

test('go-binary: modinfo replacement keeps what it replaced', () => {
  const info = parseModInfo('mod\tm\t(devel)\t\ndep\ta\tv1.0.0\th1:x\n=>\tb\tv2.0.0\th1:y\n');
  assert.deepEqual(info.deps, [
    { path: 'b', version: 'v2.0.0', sum: 'h1:y', replaces: { path: 'a', version: 'v1.0.0' } },
  ]);
});

const quietCases = [
  {
    name: 'a shell script with an x bit',
    content: Buffer.from('#!/bin/sh\necho hello world, this is long enough to be offered\n'),
  },
  {
    name: 'a C binary (ELF without Go build info)',
    content: buildElf([{ name: '.data', data: Buffer.alloc(64, 1) }]),
  },
];
for (const c of quietCases) {
  test(`go-binary: ${c.name} yields nothing and no issue`, async () => {
    const { packages, issues } = await catalogLayers([[exe('usr/bin/x', c.content)]], [goBinaryCataloger]);
    assert.deepEqual([packages, issues], [[], []]);
  });
}

const realBin = () => readFileSync(testdata('trivy/analyzer/executable_gobinary'));
const badCases = [
  { name: 'truncated in the section headers', content: () => realBin().subarray(0, 4096) },
  {
    name: 'section header offset past the end',
    content: () => {
      const b = Buffer.from(realBin());
      b.writeBigUInt64LE(BigInt(b.length + 10), 0x28);
      return b;
    },
  },
  {
    name: 'build info pointing outside the file',
    content: () => {
      const b = Buffer.alloc(32);
      b.write('\xff Go buildinf:', 0, 'latin1');
      b[14] = 8;
      b[15] = 0;
      b.writeBigUInt64LE(0x7fff_0000n, 16);
      return buildElf([{ name: '.go.buildinfo', data: b }]);
    },
  },
  {
    name: 'inline build info with a length past the end',
    content: () =>
      buildElf([{ name: '.go.buildinfo', data: goBuildInfoInline('go1.22.0', 'x').subarray(0, 40) }]),
  },
];
for (const c of badCases) {
  test(`go-binary: ${c.name}: a warning naming the file and layer, other binaries still read`, async () => {
    const { packages, issues } = await catalogLayers(
      [[exe('bin/broken', c.content()), exe('bin/good', realBin())]],
      [goBinaryCataloger],
    );
    assert.equal(issues.length, 1, JSON.stringify(issues));
    assert.equal(issues[0]!.path, 'bin/broken');
    assert.match(issues[0]!.layer!, /^sha256:/);
    assert.match(issues[0]!.message, /executable cannot be parsed/);
    assert.equal(packages.filter((p) => p.locations[0] === 'bin/good').length, 5);
  });
}
