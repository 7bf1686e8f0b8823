import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatImageName, parseImageName, resolveReference } from './reference.js';

const names = [
  { input: 'alpine', want: 'docker.io/library/alpine:latest', apiHost: 'registry-1.docker.io' },
  { input: 'alpine:3.20', want: 'docker.io/library/alpine:3.20', apiHost: 'registry-1.docker.io' },
  {
    input: 'index.docker.io/library/alpine',
    want: 'docker.io/library/alpine:latest',
    apiHost: 'registry-1.docker.io',
  },
  { input: 'bitnami/redis:7', want: 'docker.io/bitnami/redis:7', apiHost: 'registry-1.docker.io' },
  { input: 'ghcr.io/org/app:v1', want: 'ghcr.io/org/app:v1', apiHost: 'ghcr.io' },
  { input: 'localhost/app', want: 'localhost/app:latest', apiHost: 'localhost' },
  { input: '127.0.0.1:5000/team/app:1.0', want: '127.0.0.1:5000/team/app:1.0', apiHost: '127.0.0.1:5000' },
  {
    input: `app@sha256:${'a'.repeat(64)}`,
    want: `docker.io/library/app@sha256:${'a'.repeat(64)}`,
    apiHost: 'registry-1.docker.io',
  },
  {
    input: `r.io/a/b:t@sha256:${'b'.repeat(64)}`,
    want: `r.io/a/b:t@sha256:${'b'.repeat(64)}`,
    apiHost: 'r.io',
  },
];
for (const c of names) {
  test(`parseImageName: ${c.input}`, () => {
    const n = parseImageName(c.input);
    assert.ok(n);
    assert.equal(formatImageName(n), c.want);
    assert.equal(n.apiHost, c.apiHost);
  });
}

const invalid = [
  'app/UPPER',
  'app:',
  'app@sha256:short',
  'a//b',
  ':tag',
  'Not::An/Image',
  `x:${'t'.repeat(129)}`,
];
for (const input of invalid)
  test(`parseImageName: refuses ${JSON.stringify(input)}`, () =>
    assert.equal(parseImageName(input), undefined));

const resolved = [
  { input: 'alpine:3.20', kind: 'docker-daemon', fallback: 'registry' },
  { input: 'registry:alpine:3.20', kind: 'registry', location: 'alpine:3.20' },
  { input: 'docker://ghcr.io/org/app:1', kind: 'registry', location: 'ghcr.io/org/app:1' },
  { input: 'docker-daemon:app:1', kind: 'docker-daemon', location: 'app:1' },
  { input: 'registry:5000/app:1', kind: 'docker-daemon', fallback: 'registry' },
];
for (const c of resolved) {
  test(`resolveReference: ${c.input} → ${c.kind}`, async () => {
    const r = await resolveReference(c.input);
    assert.equal(r.source.kind, c.kind);
    if (c.location) assert.equal(r.location, c.location);
    assert.equal(r.fallback?.source.kind, c.fallback);
  });
}
