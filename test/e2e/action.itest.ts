import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScanResult, VerdictFile } from '@tidegate/core';
import type { ActionRun } from '../helpers/action.js';
import { actionSuite, errorLines as errors, expectStatus, TOKEN } from '../helpers/action-suite.js';
import { buildOciImage } from '../helpers/images.js';
import { expectValid } from '../helpers/traits.js';

// The bundled Action run as the runner runs it (STYLE rule 26), against the demo image, its
// OSV records, and the loopback GitHub API: verdicts, errors, outputs and secrets. The Action is
// `tidegate ci` in-process, so these are also the end-to-end tests of `ci` on GitHub.
// Recognisable fake credentials (STYLE rule 18).
const REGISTRY_PASSWORD = 'tidegate-registry-password-SHOULD-NEVER-SHOW';
const s = actionSuite();
const action = s.run;

const verdictOf = async (r: ActionRun) =>
  JSON.parse(await readFile(r.outputs['verdict-file']!, 'utf8')) as VerdictFile;

test('fail: exit 1, the verdict as one ::error:: and the last line, outputs, summary, annotations', async () => {
  const r = await action({ image: `docker-archive:${s.images.demo}` });
  expectStatus(r, 1);
  const line = 'tidegate: FAIL example-app:1.0: 10 vulnerabilities at or above high';
  assert.deepEqual(errors(r), [`::error::${line}`]);
  assert.equal(r.stderr.trimEnd().split('\n').at(-1), line);
  assert.equal(r.outputs.verdict, 'fail');
  assert.deepEqual(
    ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'].map((s) => r.outputs[s]),
    ['3', '7', '1', '2', '0', '0'],
  );
  assert.equal(r.outputs.introduced, '');
  const report = JSON.parse(await readFile(r.outputs['report-json']!, 'utf8')) as ScanResult;
  assert.equal(report.verdict.status, 'fail');
  assert.match(r.summary, /FAIL/);
  assert.match(r.stdout, /::error title=tidegate%3A CVE-2021-44906 in minimist::critical CVE-2021-44906/);
  assert.match(r.stdout, /CRITICAL\s+CVE-2023-38545\s+curl/, 'the table is in the log');
  const v = await verdictOf(r);
  assert.deepEqual([v.status, v.exitCode, v.line, v.comment.status], ['fail', 1, line, 'created']);
});

test('pass: exit 0 and no ::error:: when the policy passes', async () => {
  const r = await action({ image: `docker-archive:${s.images.demo}`, 'fail-on': 'none' });
  expectStatus(r, 0);
  assert.equal(r.outputs.verdict, 'pass');
  assert.deepEqual(errors(r), []);
});

test('warn: exit 0 with a ::warning:: when the scan is incomplete', async () => {
  const r = await action({ image: `docker-archive:${s.images.warn}`, 'fail-on': 'none' });
  expectStatus(r, 0);
  assert.equal(r.outputs.verdict, 'warn');
  assert.match(
    r.stdout,
    /^::warning::tidegate: WARN (docker\.io\/)?test\/app:3f2a9c1: the scan is incomplete/m,
  );
});

test('outputs: critical…unknown count vulnerabilities only; misconfigurations and secrets apart', async () => {
  // no packages, so no vulnerabilities; it runs as root, a misconfiguration
  const oci = await buildOciImage(s.work, 'root-oci', [{ tree: { 'app/run.sh': 'echo hi\n' } }]);
  const r = await action({ image: `oci:${oci}`, 'fail-on': 'none' });
  assert.ok(r.code === 0, r.stderr);
  assert.deepEqual(
    ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'].map((x) => r.outputs[x]),
    ['0', '0', '0', '0', '0', '0'],
  );
  assert.ok(Number(r.outputs.misconfigurations) >= 1, JSON.stringify(r.outputs));
  assert.equal(r.outputs.secrets, '0');
});

const errorCases = [
  {
    name: 'a missing image',
    inputs: () => ({ image: `docker-archive:${join(s.work, 'missing.tar')}` }),
    want: /^::error::tidegate: error: .*missing\.tar/,
  },
  {
    name: 'a bad fail-on',
    inputs: () => ({ image: s.images.demo, 'fail-on': 'severe' }),
    want: /^::error::tidegate: error: invalid value 'severe' for --fail-on/,
  },
  {
    name: 'a bad comment-mode',
    inputs: () => ({ image: s.images.demo, 'comment-mode': 'sometimes' }),
    want: /^::error::tidegate: error: invalid value 'sometimes' for --comment-mode/,
  },
  {
    name: 'an unknown format',
    inputs: () => ({ image: s.images.demo, formats: 'json,pdf' }),
    want: /^::error::tidegate: error: invalid value 'pdf' for --format/,
  },
  {
    name: 'an OSV directory that does not exist',
    inputs: () => ({ image: s.images.demo, db: join(s.work, 'no-db') }),
    want: /^::error::tidegate: error: .*no-db: vulnerability DB not found/,
  },
];
for (const c of errorCases) {
  test(`error: exit 2, one ::error:: naming the problem, the JUnit and the verdict file still written: ${c.name}`, async () => {
    const r = await action(c.inputs());
    expectStatus(r, 2);
    const e = errors(r);
    assert.equal(e.length, 1, r.stdout);
    assert.match(e[0]!, c.want);
    assert.equal(r.outputs.verdict, 'error');
    assert.ok(!/\n\s+at /.test(r.stdout + r.stderr), 'no stack trace');
    const junit = await readFile(join(r.outputs['report-dir']!, 'tidegate.junit.xml'), 'utf8');
    assert.match(junit, /<error type="tidegate.error" message="tidegate: error: /);
    expectValid(junit, 'junit');
    const v = await verdictOf(r);
    assert.deepEqual([v.status, v.exitCode], ['error', 2]);
    assert.equal(`::error::${v.line}`, e[0]);
  });
}

test('error: no image stops the Action before the CLI, with one ::error::', async () => {
  const r = await action({ image: '' });
  expectStatus(r, 2);
  assert.deepEqual(errors(r), ['::error::tidegate: error: input image is required: the image to scan']);
  assert.equal(r.outputs.verdict, 'error');
});

test('sarif-file: the SARIF report is copied there and named in the outputs; no category of its own', async () => {
  const sarif = join(s.work, 'out', 'scan.sarif');
  const r = await action({ image: s.images.demo, 'sarif-file': sarif, formats: 'json' });
  expectStatus(r, 1);
  assert.equal(r.outputs['sarif-file'], sarif);
  const log = JSON.parse(await readFile(sarif, 'utf8')) as {
    version: string;
    runs: Record<string, unknown>[];
  };
  assert.equal(log.version, '2.1.0');
  // upload-sarif fills the category only when automationDetails is absent (issue 14)
  assert.equal(log.runs[0]!.automationDetails, undefined);
});

test('secrets: the token and the registry password appear in no log, output, summary, report or comment', async () => {
  const runs = [
    await action({
      image: s.images.demo,
      'registry-username': 'ci',
      'registry-password': REGISTRY_PASSWORD,
      formats: 'json,table,spdx',
    }),
    await action({ image: s.images.demo, 'fail-on': 'none' }, 'pull_request-synchronize.payload'),
    await action({ image: join(s.work, 'missing.tar') }),
  ];
  for (const r of runs) {
    // the only place a secret may appear is the mask command itself, which the runner consumes
    const masks = new Set([`::add-mask::${TOKEN}`, `::add-mask::${REGISTRY_PASSWORD}`]);
    const log =
      r.stdout
        .split('\n')
        .filter((l) => !masks.has(l))
        .join('\n') + r.stderr;
    let files = JSON.stringify(r.outputs) + r.summary;
    const dir = r.outputs['report-dir'];
    for (const f of dir ? await readdir(dir) : []) files += await readFile(join(dir!, f), 'utf8');
    for (const secret of [TOKEN, REGISTRY_PASSWORD]) {
      assert.ok(!log.includes(secret), `secret in the log:\n${log}`);
      assert.ok(!files.includes(secret), 'secret in an output, the summary or a report');
    }
  }
  assert.ok(r0Masked(runs[0]!), 'both credentials are masked first thing');
  for (const q of s.gh.requests) assert.ok(!JSON.stringify(q.body ?? '').includes(TOKEN));
});

function r0Masked(r: ActionRun): boolean {
  const lines = r.stdout.split('\n');
  return lines[0] === `::add-mask::${TOKEN}` && lines[1] === `::add-mask::${REGISTRY_PASSWORD}`;
}
