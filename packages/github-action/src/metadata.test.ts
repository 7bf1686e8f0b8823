import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import AjvModule, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';
import { repoRoot, sharedDir } from '@tidegate/core/testing';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const actionDir = (...parts: string[]) => join(packageDir, ...parts);

// action.yml and every example workflow against SchemaStore's schemas (draft-07, STYLE rule 24),
// plus the CI hygiene STYLE.md asks of the workflows we ship as examples.

function validator(name: 'github-action' | 'github-workflow'): ValidateFunction {
  const schema = JSON.parse(
    readFileSync(sharedDir('schemas', 'github-action', `${name}.json`), 'utf8'),
  ) as object;
  const ajv = new AjvModule.default({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  return ajv.compile(schema);
}
const actionSchema = validator('github-action');
const workflowSchema = validator('github-workflow');
const yml = (path: string) => parseYaml(readFileSync(path, 'utf8')) as Record<string, unknown>;
const action = yml(actionDir('action.yml')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
  runs: Record<string, unknown>;
};
const examplesDir = join(repoRoot(), 'examples', 'github');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yml'));

test('action.yml: valid against the github-action schema, node24, the committed bundle, branding', () => {
  assert.ok(actionSchema(action), JSON.stringify(actionSchema.errors, null, 1));
  assert.deepEqual(action.runs, { using: 'node24', main: 'dist/index.js' });
  assert.ok((action as { branding?: unknown }).branding);
  for (const [name, o] of Object.entries(action.outputs))
    assert.ok((o as { description?: string }).description, `output ${name} is documented`);
});

test('the schema is a real check: SchemaStore examples pass and its negative examples fail', () => {
  const dir = (kind: string) => sharedDir('schemas', 'github-action', 'examples', kind);
  for (const f of readdirSync(dir('valid')))
    assert.ok(actionSchema(JSON.parse(readFileSync(join(dir('valid'), f), 'utf8'))), f);
  for (const f of readdirSync(dir('invalid')))
    assert.ok(!actionSchema(JSON.parse(readFileSync(join(dir('invalid'), f), 'utf8'))), f);
});

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  steps?: Step[];
}
const OURS = /^[\w-]+\/tidegate\/packages\/github-action@v1$/;

test('examples: there is one for SARIF upload, a matrix and a baseline', () => {
  assert.deepEqual(examples.sort(), ['baseline.yml', 'matrix.yml', 'scan.yml']);
});

for (const file of examples) {
  const path = join(examplesDir, file);
  const wf = yml(path) as { permissions?: unknown; concurrency?: unknown; jobs: Record<string, Job> };
  const text = readFileSync(path, 'utf8');

  test(`examples/github/${file}: valid against the github-workflow schema`, () => {
    assert.ok(workflowSchema(wf), JSON.stringify(workflowSchema.errors, null, 1));
  });

  test(`examples/github/${file}: actions pinned by SHA with a version comment; read-only by default`, () => {
    for (const line of text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l))) {
      const ref = line.replace(/^\s*(-\s+)?uses:\s*/, '');
      if (OURS.test(ref)) continue;
      assert.match(ref, /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line);
    }
    assert.deepEqual(wf.permissions, { contents: 'read' });
    assert.deepEqual(
      wf.concurrency && (wf.concurrency as { 'cancel-in-progress'?: boolean })['cancel-in-progress'],
      true,
    );
  });

  test(`examples/github/${file}: tidegate's inputs and outputs exist; write permissions only where used`, () => {
    for (const job of Object.values(wf.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses?.startsWith('actions/checkout@'))
          assert.equal(step.with?.['persist-credentials'], false, 'checkout keeps no credentials');
        if (!step.uses || !OURS.test(step.uses)) continue;
        for (const k of Object.keys(step.with ?? {})) assert.ok(k in action.inputs, `input ${k} exists`);
        for (const m of text.matchAll(new RegExp(`steps\\.${step.id}\\.outputs\\.([\\w-]+)`, 'g')))
          assert.ok(m[1]! in action.outputs, `output ${m[1]} exists`);
        assert.equal(job.permissions?.['pull-requests'], 'write', 'the comment needs pull-requests: write');
      }
      const sarif = (job.steps ?? []).some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
      assert.equal(
        job.permissions?.['security-events'] === 'write',
        sarif,
        'security-events: write iff SARIF upload',
      );
    }
  });
}

// The repository's own workflows (issue 14): valid, read-only by default, actions pinned by SHA.
const workflowsDir = join(repoRoot(), '.github', 'workflows');
for (const file of ['ci.yml', 'release.yml']) {
  test(`.github/workflows/${file}: valid against the github-workflow schema; actions pinned; read-only by default`, () => {
    const path = join(workflowsDir, file);
    const wf = yml(path) as {
      permissions?: unknown;
      jobs: Record<string, Job & { permissions?: Record<string, string> }>;
    };
    assert.ok(workflowSchema(wf), JSON.stringify(workflowSchema.errors, null, 1));
    assert.deepEqual(wf.permissions, { contents: 'read' });
    const text = readFileSync(path, 'utf8');
    for (const line of text.split('\n').filter((l) => /^\s*(-\s+)?uses:/.test(l)))
      assert.match(
        line.replace(/^\s*(-\s+)?uses:\s*/, ''),
        /^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/,
        line,
      );
    for (const job of Object.values(wf.jobs))
      for (const step of job.steps ?? [])
        if (step.uses?.startsWith('actions/checkout@'))
          assert.equal(step.with?.['persist-credentials'], false, 'checkout keeps no credentials');
  });
}

test('.github/workflows/release.yml: publishes what scripts/release.mjs builds, with provenance, on a version tag', () => {
  const text = readFileSync(join(workflowsDir, 'release.yml'), 'utf8');
  const wf = yml(join(workflowsDir, 'release.yml')) as {
    on: { push: { tags: string[] } };
    jobs: { release: { permissions: Record<string, string> } };
  };
  assert.deepEqual(wf.on.push.tags, ['v*.*.*']);
  assert.deepEqual(wf.jobs.release.permissions, { contents: 'write', 'id-token': 'write' });
  for (const want of [
    'node scripts/release.mjs --out release',
    'npm publish release/tidegate-core-*.tgz --provenance',
    'npm publish release/tidegate-cli-*.tgz --provenance',
    'release/tidegate.mjs release/SHA256SUMS',
    'orb publish release/orb.yml',
    'jenkins-shared-lib/resources/io/tidegate/tidegate.mjs.sha256',
    'bash .ci/run',
  ])
    assert.ok(text.includes(want), want);
});
