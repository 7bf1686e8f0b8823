import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseImageOf, fromLines } from './base-image.js';

const D = 'sha256:' + 'a'.repeat(64);

const fromCases = [
  {
    name: 'stages, scratch and platform flags: only real images count, pinned by digest',
    text: `FROM --platform=$BUILDPLATFORM golang:1.22 AS build\nRUN go build\nFROM scratch\nFROM debian:12@${D} AS run\nFROM build\n`,
    want: [
      { line: 1, image: 'golang:1.22', stage: 'build', internal: false, pinned: false },
      { line: 3, image: 'scratch', internal: true, pinned: false },
      { line: 4, image: `debian:12@${D}`, stage: 'run', internal: false, pinned: true },
      { line: 5, image: 'build', internal: true, pinned: false },
    ],
  },
  {
    name: 'continuation lines and comments',
    text: '# syntax=docker/dockerfile:1\nFROM \\\n  alpine:3.20\n',
    want: [{ line: 2, image: 'alpine:3.20', internal: false, pinned: false }],
  },
];
for (const c of fromCases) test(`fromLines: ${c.name}`, () => assert.deepEqual(fromLines(c.text), c.want));

const baseCases: { name: string; labels: Record<string, string>; text?: string; want: unknown }[] = [
  {
    name: 'the labels win over the Dockerfile',
    labels: {
      'org.opencontainers.image.base.name': 'docker.io/library/debian:12',
      'org.opencontainers.image.base.digest': D,
    },
    text: 'FROM alpine:3.20\n',
    want: { name: 'docker.io/library/debian:12', digest: D, from: 'label' },
  },
  {
    name: 'the final stage, followed back through stage names',
    labels: {},
    text: `FROM debian:12@${D} AS base\nFROM golang AS build\nFROM base\n`,
    want: { name: `debian:12@${D}`, digest: D, from: 'dockerfile', line: 1 },
  },
  { name: 'FROM scratch has no base image', labels: {}, text: 'FROM scratch\n', want: undefined },
  { name: 'neither labels nor a Dockerfile', labels: {}, text: undefined, want: undefined },
];
for (const c of baseCases)
  test(`baseImageOf: ${c.name}`, () => assert.deepEqual(baseImageOf(c.labels, c.text), c.want));
