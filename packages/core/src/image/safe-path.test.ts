import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseEntryPath, resolveLinkTarget } from './safe-path.js';

const normaliseCases = [
  { name: 'strips ./ prefix', input: './etc/passwd', want: 'etc/passwd' },
  { name: 'absolute paths are taken from the image root', input: '/etc/passwd', want: 'etc/passwd' },
  { name: 'drops trailing slash of directories', input: 'usr/lib/', want: 'usr/lib' },
  { name: 'collapses . and repeated slashes', input: 'a//./b', want: 'a/b' },
  { name: 'inner .. that stays inside is resolved', input: 'a/b/../c', want: 'a/c' },
  { name: 'the root itself', input: './', want: '' },
  { name: 'leading .. escapes the root', input: '../etc/passwd', want: undefined },
  { name: 'inner .. that escapes the root', input: 'a/../../etc/passwd', want: undefined },
  { name: 'NUL bytes are refused', input: 'a\0b', want: undefined },
];

for (const c of normaliseCases) {
  test(`normaliseEntryPath: ${c.name}`, () => assert.equal(normaliseEntryPath(c.input), c.want));
}

const linkCases = [
  {
    name: 'relative target in the same dir',
    link: 'usr/bin/python3',
    target: 'python3.11',
    want: 'usr/bin/python3.11',
  },
  {
    name: 'relative target going up',
    link: 'etc/os-release',
    target: '../usr/lib/os-release',
    want: 'usr/lib/os-release',
  },
  {
    name: 'absolute target starts at the image root',
    link: 'a/b',
    target: '/etc/shadow',
    want: 'etc/shadow',
  },
  {
    name: '.. above the root stays at the root',
    link: 'a/b',
    target: '../../../../etc/shadow',
    want: 'etc/shadow',
  },
];

for (const c of linkCases) {
  test(`resolveLinkTarget: ${c.name}`, () => assert.equal(resolveLinkTarget(c.link, c.target), c.want));
}
