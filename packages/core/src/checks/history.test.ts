import assert from 'node:assert/strict';
import { test } from 'node:test';
import { keyValuePairs, parseStep, shellCommands, type Step } from './history.js';

const cases: { name: string; input: string; want: Step }[] = [
  {
    name: 'classic RUN',
    input: '/bin/sh -c apt-get update',
    want: { instruction: 'RUN', text: 'apt-get update', args: [] },
  },
  {
    name: 'classic RUN with build args',
    input: '|2 NPM_TOKEN=abc VERSION=1 /bin/sh -c npm ci',
    want: {
      instruction: 'RUN',
      text: 'npm ci',
      args: [
        ['NPM_TOKEN', 'abc'],
        ['VERSION', '1'],
      ],
    },
  },
  {
    name: 'classic ENV',
    input: '/bin/sh -c #(nop)  ENV A=b',
    want: { instruction: 'ENV', text: 'A=b', args: [] },
  },
  {
    name: 'Buildah ADD',
    input: '/bin/sh -c #(nop) ADD file:d92e804f in /app/added.txt ',
    want: { instruction: 'ADD', text: 'file:d92e804f in /app/added.txt', args: [] },
  },
  {
    name: 'BuildKit RUN',
    input: 'RUN /bin/sh -c sudo make install # buildkit',
    want: { instruction: 'RUN', text: 'sudo make install', args: [] },
  },
  {
    name: 'BuildKit RUN with args',
    input: 'RUN |1 TOKEN=xyz /bin/sh -c ./build.sh # buildkit',
    want: { instruction: 'RUN', text: './build.sh', args: [['TOKEN', 'xyz']] },
  },
  {
    name: 'BuildKit COPY',
    input: 'COPY . /app # buildkit',
    want: { instruction: 'COPY', text: '. /app', args: [] },
  },
  {
    name: 'BuildKit ARG',
    input: 'ARG GITHUB_TOKEN=abc',
    want: { instruction: 'ARG', text: 'GITHUB_TOKEN=abc', args: [] },
  },
  { name: 'unrecognisable text', input: 'made by hand', want: { text: 'made by hand', args: [] } },
];
for (const c of cases) test(`history: parses ${c.name}`, () => assert.deepEqual(parseStep(c.input), c.want));

test('history: key=value pairs with quotes, and the legacy ENV form', () => {
  assert.deepEqual(keyValuePairs('A=1 B="two words" C=\'x y\' D='), [
    ['A', '1'],
    ['B', 'two words'],
    ['C', 'x y'],
    ['D', ''],
  ]);
  assert.deepEqual(keyValuePairs('PASSWORD hunter2 extra'), [['PASSWORD', 'hunter2 extra']]);
});

test('history: shell commands split at operators', () => {
  assert.deepEqual(shellCommands('apt-get update && apt-get install -y curl; echo ok | tee x'), [
    'apt-get update',
    'apt-get install -y curl',
    'echo ok',
    'tee x',
  ]);
});
