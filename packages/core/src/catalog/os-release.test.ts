import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TarEntry } from '../testing/images.js';
import { catalogLayers } from '../testing/view.js';
import { osReleaseCataloger, parseOsRelease } from './os-release.js';

const cases: { name: string; files: Record<string, string>; link?: boolean; want: Record<string, string> }[] =
  [
    {
      name: 'Debian 12 via the usr/lib symlink',
      files: {
        'usr/lib/os-release':
          'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n',
      },
      link: true,
      want: { id: 'debian', versionId: '12', ecosystem: 'Debian:12' },
    },
    {
      name: 'Ubuntu LTS',
      files: { 'etc/os-release': 'ID=ubuntu\nVERSION_ID="22.04"\n' },
      want: { id: 'ubuntu', versionId: '22.04', ecosystem: 'Ubuntu:22.04:LTS' },
    },
    {
      name: 'Ubuntu interim release',
      files: { 'etc/os-release': 'ID=ubuntu\nVERSION_ID="23.10"\n' },
      want: { id: 'ubuntu', versionId: '23.10', ecosystem: 'Ubuntu:23.10' },
    },
    {
      name: 'Alpine with a patch version',
      files: { 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.3\n' },
      want: { id: 'alpine', versionId: '3.20.3', ecosystem: 'Alpine:v3.20' },
    },
    {
      name: 'Alpine without os-release',
      files: { 'etc/alpine-release': '3.9.4\n' },
      want: { id: 'alpine', versionId: '3.9.4', ecosystem: 'Alpine:v3.9' },
    },
    {
      name: 'Debian without os-release',
      files: { 'etc/debian_version': '10.1\n' },
      want: { id: 'debian', versionId: '10.1', ecosystem: 'Debian:10' },
    },
    {
      name: 'Debian sid has no release number',
      files: { 'etc/debian_version': 'trixie/sid\n' },
      want: { id: 'debian' },
    },
    {
      name: 'an unknown distro has no ecosystem',
      files: { 'etc/os-release': 'ID=plan9\nVERSION_ID=4\n' },
      want: { id: 'plan9', versionId: '4' },
    },
  ];

for (const c of cases) {
  test(`os-release: ${c.name}`, async () => {
    const entries: TarEntry[] = Object.entries(c.files).map(([name, content]) => ({ name, content }));
    if (c.link) entries.push({ name: 'etc/os-release', type: 'symlink', linkname: '../usr/lib/os-release' });
    const { distro } = await catalogLayers([entries], [osReleaseCataloger]);
    const { source: _source, prettyName: _p, codename: _c, ...got } = distro!;
    assert.deepEqual(got, c.want);
  });
}

test('os-release: parses quotes and escapes', () => {
  assert.deepEqual(parseOsRelease('A="x \\"y\\""\nB=\'z\'\n# c\nC=plain\n'), {
    A: 'x "y"',
    B: 'z',
    C: 'plain',
  });
});

test('os-release: no file, no distro', async () => {
  const { distro } = await catalogLayers([{ 'bin/sh': 'x' }], [osReleaseCataloger]);
  assert.equal(distro, undefined);
});
