import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseInstructions } from '../dockerfile.js';
import { mapDockerfile } from './dockerfile.js';

const text = [
  '# syntax=docker/dockerfile:1',
  'FROM golang:1.22 AS build',
  'RUN go build',
  '',
  'FROM debian:12',
  'COPY --from=build /out /app',
  'RUN apt-get update \\',
  '  && apt-get install -y curl',
  'COPY node_modules /app/node_modules',
  'RUN apt-get update \\',
  '  && apt-get install -y curl',
].join('\n');
const layer = (index: number, createdBy?: string) => ({
  index,
  digest: `d${index}`,
  diffId: `d${index}`,
  ...(createdBy ? { createdBy } : {}),
});

test('dockerfile: continuation lines join and keep their first line', () => {
  assert.deepEqual(
    parseInstructions(text).map((i) => [i.line, i.keyword]),
    [
      [2, 'FROM'],
      [3, 'RUN'],
      [5, 'FROM'],
      [6, 'COPY'],
      [7, 'RUN'],
      [9, 'COPY'],
      [10, 'RUN'],
    ],
  );
});

const cases = [
  {
    name: 'BuildKit created_by matches its instruction',
    layers: [
      layer(0, 'ADD x /'),
      layer(1, 'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit'),
    ],
    want: { 1: 7 },
  },
  {
    name: 'classic builders match by keyword and destination',
    layers: [layer(0), layer(1, '/bin/sh -c #(nop) COPY dir:0123abc in /app/node_modules ')],
    want: { 1: 9 },
  },
  {
    name: 'repeated instructions map in order',
    layers: [
      layer(0),
      layer(1, 'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit'),
      layer(2, 'RUN /bin/sh -c apt-get update && apt-get install -y curl # buildkit'),
    ],
    want: { 1: 7, 2: 10 },
  },
  {
    name: 'earlier stages never match',
    layers: [layer(0), layer(1, 'RUN /bin/sh -c go build # buildkit')],
    want: {},
  },
];
for (const c of cases) {
  test(`dockerfile: ${c.name}`, () => {
    const m = mapDockerfile('./Dockerfile', text, c.layers, 1);
    assert.deepEqual(m.layerLines, c.want);
    assert.equal(m.fromLine, 5);
    assert.equal(m.path, 'Dockerfile');
  });
}
