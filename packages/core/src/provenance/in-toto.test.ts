import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normaliseRepo, parseStatement, slsaSummary, type Statement } from './in-toto.js';

function st(predicateType: string, predicate: unknown): Statement {
  return { predicateType, subjects: [], predicate };
}

const cases = [
  {
    name: 'SLSA v1 (GitHub artifact attestations): builder and workflow repository',
    input: st('https://slsa.dev/provenance/v1', {
      buildDefinition: { externalParameters: { workflow: { repository: 'https://github.com/acme/app' } } },
      runDetails: { builder: { id: 'https://github.com/actions/runner/github-hosted' } },
    }),
    want: {
      builder: 'https://github.com/actions/runner/github-hosted',
      sourceRepository: 'https://github.com/acme/app',
    },
  },
  {
    name: 'SLSA v0.2 (slsa-github-generator): builder and configSource without git+ and ref',
    input: st('https://slsa.dev/provenance/v0.2', {
      builder: {
        id: 'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.9.0',
      },
      invocation: { configSource: { uri: 'git+https://github.com/acme/app@refs/heads/main' } },
    }),
    want: {
      builder:
        'https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_container_slsa3.yml@refs/tags/v1.9.0',
      sourceRepository: 'https://github.com/acme/app',
    },
  },
  {
    name: 'SLSA v1 with only resolvedDependencies',
    input: st('https://slsa.dev/provenance/v1', {
      buildDefinition: {
        resolvedDependencies: [{ uri: 'git+https://gitlab.com/acme/app.git@refs/heads/main' }],
      },
      runDetails: { builder: { id: 'https://gitlab.com/runner' } },
    }),
    want: { builder: 'https://gitlab.com/runner', sourceRepository: 'https://gitlab.com/acme/app' },
  },
  { name: 'not SLSA', input: st('https://spdx.dev/Document', {}), want: undefined },
];
for (const c of cases) test(`slsaSummary: ${c.name}`, () => assert.deepEqual(slsaSummary(c.input), c.want));

test('normaliseRepo keeps emails and ports of the host', () => {
  assert.equal(
    normaliseRepo('git+ssh://git@github.com:22/acme/app.git@v1'),
    'ssh://git@github.com:22/acme/app',
  );
});

test('parseStatement: sad paths say why', () => {
  assert.match(String(parseStatement(Buffer.from('{}'), 'application/vnd.in-toto+json')), /no predicateType/);
  assert.match(String(parseStatement(Buffer.from('x'), 'application/vnd.in-toto+json')), /not JSON/);
  assert.match(String(parseStatement(Buffer.from('{}'), 'text/plain')), /not an in-toto statement/);
});
