import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach, test } from 'node:test';
import { commands } from '@tidegate/cli';
import { formatById, type ScanResult } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';
import { runAction, type ActionRun, type Payload } from '../helpers/action.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { buildOciImage, toDockerArchive } from '../helpers/images.js';

// The bundled Action run as the runner runs it (STYLE rule 26), against the demo image, its
// OSV records, and the loopback GitHub API. Recognisable fake credentials (STYLE rule 18).
const TOKEN = 'ghs_tidegateActionTestToken0123456789XYZ';
const REGISTRY_PASSWORD = 'tidegate-registry-password-SHOULD-NEVER-SHOW';
const hasMarkdown = formatById('markdown') !== undefined;
const noMarkdown = 'markdown report format unavailable in this build';

let work: string;
let demo: string;
let warnImage: string;
let gh: FakeGitHub;
const db = join(repoRoot(), 'examples', 'osv');

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-action-e2e-'));
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as {
    buildDemoImage(p: string): Promise<void>;
  };
  demo = join(work, 'demo.tar');
  await buildDemoImage(demo);
  // an unreadable language manifest: the scan is incomplete, which the default policy warns on
  const oci = await buildOciImage(work, 'warn-oci', [
    { tree: { 'app/node_modules/broken/package.json': '{ "name": "broken", ' } },
  ]);
  warnImage = await toDockerArchive(oci, join(work, 'warn.tar'));
});
beforeEach(async () => {
  await gh?.stop();
  gh = await new FakeGitHub(TOKEN).start();
});
after(async () => {
  await gh?.stop();
  await rm(work, { recursive: true, force: true });
});

function action(inputs: Record<string, string>, payload: Payload = 'pull_request-opened.payload', more = {}) {
  const eventName = payload.startsWith('push') ? 'push' : 'pull_request';
  return runAction({
    inputs: { db, 'github-token': TOKEN, ...inputs },
    payload,
    eventName,
    apiUrl: gh.url,
    ...more,
  });
}

function expectStatus(r: ActionRun, code: number): void {
  assert.equal(r.code, code, `exit ${r.code}, wanted ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

/** The `::error::` command lines the step printed. */
function errors(r: ActionRun): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
}

test('fail: exit 1, one ::error:: with the verdict, outputs, summary, annotations and every phase grouped', async () => {
  const r = await action({ image: `docker-archive:${demo}` });
  expectStatus(r, 1);
  assert.deepEqual(errors(r), ['::error::tidegate: FAIL — fail: 10 vulnerabilities at or above high']);
  assert.equal(r.outputs.verdict, 'fail');
  assert.deepEqual(
    ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'].map((s) => r.outputs[s]),
    ['3', '7', '1', '2', '0', '0'],
  );
  assert.equal(r.outputs.introduced, '');
  const report = JSON.parse(await readFile(r.outputs['report-json']!, 'utf8')) as ScanResult;
  assert.equal(report.verdict.status, 'fail');
  assert.match(r.summary, /FAIL/);
  const groups = r.stdout.split('\n').filter((l) => l.startsWith('::group::'));
  assert.deepEqual(
    groups,
    ['Resolve image', 'Vulnerability DB', 'Scan', 'Gate', 'Report', 'Publish'].map((g) => `::group::${g}`),
  );
  assert.match(r.stdout, /::error title=tidegate%3A CVE-2021-44906 in minimist::critical CVE-2021-44906/);
  assert.match(r.stdout, /CRITICAL\s+CVE-2023-38545\s+curl/, 'the table is in the log');
});

test('pass: exit 0 and no ::error:: when the policy passes', async () => {
  const r = await action({ image: `docker-archive:${demo}`, 'fail-on': 'none' });
  expectStatus(r, 0);
  assert.equal(r.outputs.verdict, 'pass');
  assert.deepEqual(errors(r), []);
});

test('warn: exit 0 with a ::warning:: when the scan is incomplete', async () => {
  const r = await action({ image: `docker-archive:${warnImage}`, 'fail-on': 'none' });
  expectStatus(r, 0);
  assert.equal(r.outputs.verdict, 'warn');
  assert.match(r.stdout, /^::warning::tidegate: WARN — warn: the scan is incomplete/m);
});

const errorCases = [
  {
    name: 'a missing image',
    inputs: () => ({ image: `docker-archive:${join(work, 'missing.tar')}` }),
    want: /^::error::tidegate: error: .*missing\.tar/,
  },
  {
    name: 'no image',
    inputs: () => ({ image: '' }),
    want: /^::error::tidegate: error: input image is required/,
  },
  {
    name: 'a bad fail-on',
    inputs: () => ({ image: demo, 'fail-on': 'severe' }),
    want: /^::error::tidegate: error: invalid value 'severe' for --fail-on/,
  },
  {
    name: 'a bad comment-mode',
    inputs: () => ({ image: demo, 'comment-mode': 'sometimes' }),
    want: /^::error::tidegate: error: input comment-mode: 'sometimes' is not one of always, on-change, on-failure/,
  },
  {
    name: 'an unknown format',
    inputs: () => ({ image: demo, formats: 'json,pdf' }),
    want: /^::error::tidegate: error: input formats: 'pdf' is not one of /,
  },
  {
    name: 'an OSV directory that does not exist',
    inputs: () => ({ image: demo, db: join(work, 'no-db') }),
    want: /^::error::tidegate: error: .*no-db: vulnerability DB not found/,
  },
];
for (const c of errorCases) {
  test(`error: exit 1 with one ::error:: naming the problem: ${c.name}`, async () => {
    const r = await action(c.inputs());
    expectStatus(r, 1);
    const e = errors(r);
    assert.equal(e.length, 1, r.stdout);
    assert.match(e[0]!, c.want);
    assert.equal(r.outputs.verdict, 'error');
    assert.ok(!/\n\s+at /.test(r.stdout + r.stderr), 'no stack trace');
  });
}

const scanFlags = new Set(commands.find((c) => c.name === 'scan')!.flags.map((f) => f.name));
const capabilityCases: { name: string; skip: boolean; inputs: Record<string, string>; want: RegExp }[] = [
  {
    name: 'policy, without a --policy flag in this build',
    skip: scanFlags.has('policy'),
    inputs: { policy: 'tidegate.yml' },
    want: /^::error::tidegate: error: input policy: this tidegate build has no --policy flag$/,
  },
  {
    name: 'baseline, without a --baseline flag in this build',
    skip: scanFlags.has('baseline'),
    inputs: { baseline: 'base.json' },
    want: /^::error::tidegate: error: input baseline: this tidegate build has no --baseline flag$/,
  },
  {
    name: 'sarif-file, without a SARIF format in this build',
    skip: formatById('sarif') !== undefined,
    inputs: { 'sarif-file': 'out/tidegate.sarif' },
    want: /^::error::tidegate: error: input sarif-file: this tidegate build cannot write SARIF/,
  },
  {
    name: 'no db, without tidegate db update in this build',
    skip: commands.some((c) => c.name === 'db'),
    inputs: { db: '' },
    want: /^::error::tidegate: error: input db is required: this tidegate build cannot download the OSV database/,
  },
];
for (const c of capabilityCases) {
  test(
    `error: an input the build cannot honour is refused by name, never dropped: ${c.name}`,
    { skip: c.skip },
    async () => {
      const r = await action({ image: demo, ...c.inputs });
      expectStatus(r, 1);
      assert.match(errors(r).join('\n'), c.want);
    },
  );
}

test(
  'sarif-file: the SARIF report is copied there and named in the outputs',
  { skip: !formatById('sarif') && 'no SARIF format in this build' },
  async () => {
    const sarif = join(work, 'out', 'scan.sarif');
    const r = await action({ image: demo, 'sarif-file': sarif });
    expectStatus(r, 1);
    assert.equal(r.outputs['sarif-file'], sarif);
    assert.equal((JSON.parse(await readFile(sarif, 'utf8')) as { version: string }).version, '2.1.0');
  },
);

test('push: no comment and no request to GitHub', async () => {
  const r = await action({ image: demo, 'fail-on': 'none' }, 'push-payload');
  expectStatus(r, 0);
  assert.match(r.stdout, /comment: none on a push event/);
  assert.deepEqual(gh.requests, []);
});

test('fork: a pull request from a fork skips the comment with a notice', async () => {
  const r = await action({ image: demo, 'fail-on': 'none' }, 'pull_request-opened.payload', {
    editPayload: (p: { pull_request: { head: { repo: { full_name: string } } } }) => {
      p.pull_request.head.repo.full_name = 'contributor/Hello-World';
    },
  });
  expectStatus(r, 0);
  assert.match(r.stdout, /^::notice::comment skipped: a pull request from a fork/m);
  assert.deepEqual(gh.requests, []);
});

test(
  'comment: skipped with a notice while the markdown format is unavailable (pull_request and pull_request_target)',
  { skip: hasMarkdown },
  async () => {
    for (const eventName of ['pull_request', 'pull_request_target']) {
      const r = await action({ image: demo, 'fail-on': 'none' }, 'pull_request-opened.payload', {
        eventName,
      });
      expectStatus(r, 0);
      assert.match(r.stdout, /^::notice::comment skipped: markdown report format unavailable/m);
    }
    assert.deepEqual(gh.requests, []);
  },
);

test(
  'comment: created on the first run, updated on the second, never duplicated',
  { skip: !hasMarkdown && noMarkdown },
  async () => {
    expectStatus(await action({ image: demo }), 1);
    expectStatus(await action({ image: demo, 'fail-on': 'critical' }, 'pull_request-synchronize.payload'), 1);
    const ours = (gh.comments.get(2) ?? []).filter((c) => c.body.startsWith('<!-- tidegate:'));
    assert.equal(ours.length, 1);
    const writes = gh.requests.filter((q) => q.method !== 'GET');
    assert.deepEqual(
      writes.map((q) => `${q.method} ${q.path}`),
      [
        'POST /repos/Codertocat/Hello-World/issues/2/comments',
        `PATCH /repos/Codertocat/Hello-World/issues/comments/${ours[0]!.id}`,
      ],
    );
  },
);

test('secrets: the token and the registry password appear in no log, output, summary, report or comment', async () => {
  const runs = [
    await action({
      image: demo,
      'registry-username': 'ci',
      'registry-password': REGISTRY_PASSWORD,
      formats: 'json,table,spdx',
    }),
    await action({ image: demo, 'fail-on': 'none' }, 'pull_request-synchronize.payload'),
    await action({ image: join(work, 'missing.tar') }),
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
    const dir = r.outputs['report-json'] ? join(r.outputs['report-json'], '..') : undefined;
    for (const f of dir ? await readdir(dir) : []) files += await readFile(join(dir!, f), 'utf8');
    for (const secret of [TOKEN, REGISTRY_PASSWORD]) {
      assert.ok(!log.includes(secret), `secret in the log:\n${log}`);
      assert.ok(!files.includes(secret), 'secret in an output, the summary or a report');
    }
  }
  assert.ok(r0Masked(runs[0]!), 'both credentials are masked first thing');
  for (const q of gh.requests) assert.ok(!JSON.stringify(q.body ?? '').includes(TOKEN));
});

function r0Masked(r: ActionRun): boolean {
  const lines = r.stdout.split('\n');
  return lines[0] === `::add-mask::${TOKEN}` && lines[1] === `::add-mask::${REGISTRY_PASSWORD}`;
}
