import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseChallenges } from './challenge.js';

const cases = [
  {
    name: 'Docker Hub bearer challenge',
    input:
      'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/alpine:pull"',
    want: [
      {
        scheme: 'bearer',
        params: {
          realm: 'https://auth.docker.io/token',
          service: 'registry.docker.io',
          scope: 'repository:library/alpine:pull',
        },
      },
    ],
  },
  {
    name: 'basic with a token value',
    input: 'Basic realm=registry',
    want: [{ scheme: 'basic', params: { realm: 'registry' } }],
  },
  {
    name: 'two challenges, spaces, escapes and an error param',
    input: 'Basic realm="a \\"b\\"" , Bearer realm="https://x/t", error="insufficient_scope"',
    want: [
      { scheme: 'basic', params: { realm: 'a "b"' } },
      { scheme: 'bearer', params: { realm: 'https://x/t', error: 'insufficient_scope' } },
    ],
  },
  {
    name: 'parameter names are case-insensitive',
    input: 'BEARER Realm="r"',
    want: [{ scheme: 'bearer', params: { realm: 'r' } }],
  },
  {
    name: 'junk ends parsing without looping',
    input: 'Bearer ;;;',
    want: [{ scheme: 'bearer', params: {} }],
  },
  { name: 'empty header', input: '', want: [] },
];
for (const c of cases) test(`challenge: ${c.name}`, () => assert.deepEqual(parseChallenges(c.input), c.want));
