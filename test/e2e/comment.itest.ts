import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, beforeEach, test } from 'node:test';
import { silentLogger, upsertStickyComment } from '@tidegate/core';
import { runCli } from '../helpers/cli.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { expectExit, expectOneLineError } from '../helpers/traits.js';

const TOKEN = 'ghs_tidegateTestToken0123456789abcdefXYZ';
let gh: FakeGitHub;
let work: string;

function report(status: 'pass' | 'warn' | 'fail'): string {
  return JSON.stringify({
    schemaVersion: 1,
    tool: { name: 'tidegate', version: '0.1.0' },
    createdAt: '2024-01-01T00:00:00Z',
    image: {
      reference: 'app.tar',
      source: 'docker-archive',
      configDigest: '',
      repoTags: ['app:1'],
      os: 'linux',
      architecture: 'amd64',
      labels: {},
      layers: [],
    },
    packages: [],
    findings: [],
    ignored: [],
    issues: [],
    verdict: { status, reasons: [], counts: {}, incomplete: false },
  });
}

async function comment(status: 'pass' | 'warn' | 'fail', body: string, extra: string[] = []) {
  await writeFile(join(work, 'r.json'), report(status));
  await writeFile(join(work, 'body.md'), body);
  return runCli(
    [
      'comment',
      '--report',
      join(work, 'r.json'),
      '--body-file',
      join(work, 'body.md'),
      '--repo',
      'o/r',
      '--pr',
      '7',
      '--api-url',
      gh.url,
      ...extra,
    ],
    {
      env: { GITHUB_TOKEN: TOKEN },
    },
  );
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-comment-'));
});
beforeEach(async () => {
  await gh?.stop();
  gh = await new FakeGitHub(TOKEN).start();
});
after(async () => {
  await gh?.stop();
  await rm(work, { recursive: true, force: true });
});

test('comment: created on the first run, updated in place on the second, never duplicated', async () => {
  for (let i = 0; i < 150; i++) gh.seed(7, `human comment ${i}`);
  expectExit(await comment('fail', '### FAIL 1\n'), 0);
  expectExit(await comment('fail', '### FAIL 2\n'), 0);
  // keyed by the image name without its tag, so the next commit's build edits the same comment
  const ours = gh.comments.get(7)!.filter((c) => c.body.startsWith('<!-- tidegate:app -->'));
  assert.equal(ours.length, 1);
  assert.equal(ours[0]!.body, '<!-- tidegate:app -->\n### FAIL 2\n');
  assert.deepEqual(
    gh.requests.filter((r) => r.method !== 'GET').map((r) => r.method),
    ['POST', 'PATCH'],
  );
  assert.ok(
    gh.requests.some((r) => r.path.includes('page=2')),
    'paged through 100 at a time',
  );
});

test('comment: an unchanged body makes no write', async () => {
  expectExit(await comment('fail', 'same\n'), 0);
  expectExit(await comment('fail', 'same\n'), 0);
  assert.deepEqual(
    gh.requests.filter((r) => r.method !== 'GET').map((r) => r.method),
    ['POST'],
  );
});

test('comment: one comment per image key', async () => {
  expectExit(await comment('fail', 'a\n', ['--key', 'api']), 0);
  expectExit(await comment('fail', 'b\n', ['--key', 'web']), 0);
  assert.equal(gh.comments.get(7)!.length, 2);
});

test('comment: on-failure skips a passing image, and marks an earlier comment resolved', async () => {
  const r = await comment('pass', 'ok\n', ['--mode', 'on-failure']);
  expectExit(r, 0);
  assert.match(r.stderr, /skipped/);
  assert.equal(gh.comments.get(7)?.length ?? 0, 0);
  expectExit(await comment('fail', 'bad\n', ['--mode', 'on-failure']), 0);
  expectExit(await comment('pass', 'ok\n', ['--mode', 'on-failure']), 0);
  assert.match(gh.comments.get(7)![0]!.body, /now passes the policy/);
});

test('comment: retries 5xx and secondary rate limits on reads', async () => {
  gh.faults.push(
    { status: 502, method: 'GET', path: '/comments' },
    {
      method: 'GET',
      path: '/comments',
      status: 403,
      headers: { 'retry-after': '1' },
      body: '{"message":"You have exceeded a secondary rate limit"}',
    },
  );
  expectExit(await comment('fail', 'x\n'), 0);
  assert.equal(gh.comments.get(7)!.length, 1);
});

test('comment: a read-only token (fork) skips with a notice instead of failing', async () => {
  gh.faults.push({
    status: 403,
    method: 'POST',
    body: '{"message":"Resource not accessible by integration"}',
  });
  const r = await comment('fail', 'x\n');
  expectExit(r, 0);
  assert.match(r.stderr, /no write access/);
});

test("comment: a person's comment that carries our marker is never taken for ours", async () => {
  const human = gh.seed(7, '<!-- tidegate:app -->\nquoting the bot: FAIL', 'octocat');
  expectExit(await comment('fail', 'x\n'), 0);
  expectExit(await comment('fail', 'y\n'), 0);
  assert.equal(human.body, '<!-- tidegate:app -->\nquoting the bot: FAIL');
  const bots = gh.comments.get(7)!.filter((c) => c.user.login === 'github-actions[bot]');
  assert.equal(bots.length, 1);
  assert.equal(bots[0]!.body, '<!-- tidegate:app -->\ny\n');
});

test("comment: a user token's own login (GET /user) is the author it looks for", async () => {
  gh.viewer = 'release-bot';
  gh.seed(7, '<!-- tidegate:app -->\nold', 'github-actions[bot]', 'Bot');
  expectExit(await comment('fail', 'x\n'), 0);
  expectExit(await comment('fail', 'y\n'), 0);
  const mine = gh.comments.get(7)!.filter((c) => c.user.login === 'release-bot');
  assert.equal(mine.length, 1);
  assert.equal(mine[0]!.body, '<!-- tidegate:app -->\ny\n');
  assert.ok(gh.requests.some((r) => r.path === '/user'));
});

test('comment: a POST that failed after GitHub wrote it is not posted twice', async () => {
  gh.faults.push({ status: 502, method: 'POST', apply: true });
  expectExit(await comment('fail', 'x\n'), 0);
  assert.equal(gh.comments.get(7)!.length, 1);
  assert.deepEqual(
    gh.requests.filter((r) => r.method !== 'GET' || r.path.includes('/comments')).map((r) => r.method),
    ['GET', 'POST', 'GET'],
  );
});

test('comment: a POST that failed before GitHub wrote it is posted once more after listing again', async () => {
  gh.faults.push({ status: 503, method: 'POST' });
  expectExit(await comment('fail', 'x\n'), 0);
  assert.equal(gh.comments.get(7)!.length, 1);
  assert.deepEqual(
    gh.requests.filter((r) => r.path.includes('/comments')).map((r) => r.method),
    ['GET', 'POST', 'GET', 'POST'],
  );
});

for (const status of [404, 401, 422, 500]) {
  test(`comment: HTTP ${status} from an API that echoes the headers: exit 2, one line, no token`, async () => {
    gh.faults.push(
      ...Array.from({ length: 4 }, () => ({ status, echoHeaders: true, method: 'GET', path: '/comments' })),
    );
    const r = await comment('fail', 'x\n');
    expectExit(r, 2);
    expectOneLineError(
      r,
      new RegExp(`the pull request comment failed: GitHub GET \\S+ failed with HTTP ${status}: `),
    );
    const quoted = /HTTP \d+: (.*)$/m.exec(r.stderr)![1]!;
    assert.ok(quoted.length <= 200, quoted);
    assert.ok(!(r.stdout + r.stderr).includes(TOKEN), r.stderr);
    assert.ok(!(r.stdout + r.stderr).includes(TOKEN.slice(4, 20)));
  });
}

test('comment: bad credentials are exit 2 with one line, and the token is never printed', async () => {
  await writeFile(join(work, 'r.json'), report('fail'));
  const r = await runCli(
    [
      'comment',
      '--report',
      join(work, 'r.json'),
      '--body-file',
      join(work, 'r.json'),
      '--repo',
      'o/r',
      '--pr',
      '7',
      '--api-url',
      gh.url,
    ],
    {
      env: { GITHUB_TOKEN: 'ghs_wrongTokenValue000000000000000000000' },
    },
  );
  expectExit(r, 2);
  expectOneLineError(r, /the pull request comment failed: .*HTTP 401/);
  assert.ok(!r.stderr.includes('ghs_wrong') && !r.stdout.includes('ghs_wrong'));
});

test('comment: the token never appears in any output', async () => {
  const r = await comment('fail', 'x\n', ['--debug']);
  expectExit(r, 0);
  assert.ok(!(r.stdout + r.stderr).includes(TOKEN));
  assert.ok(gh.requests.every((q) => q.authorization === `Bearer ${TOKEN}`));
});

const bad: { name: string; args: string[]; env?: Record<string, string>; want: RegExp }[] = [
  { name: 'no --pr', args: ['--repo', 'o/r'], want: /missing argument: --pr/ },
  { name: 'a malformed --repo', args: ['--repo', 'o', '--pr', '1'], want: /invalid value 'o' for --repo/ },
  {
    name: 'no token',
    args: ['--repo', 'o/r', '--pr', '1'],
    env: {},
    want: /no GitHub token: the variable GITHUB_TOKEN is empty/,
  },
];
for (const c of bad) {
  test(`comment: exit 2 on ${c.name}`, async () => {
    await writeFile(join(work, 'r.json'), report('fail'));
    const r = await runCli(
      [
        'comment',
        '--report',
        join(work, 'r.json'),
        '--body-file',
        join(work, 'r.json'),
        '--api-url',
        gh.url,
        ...c.args,
      ],
      {
        env: c.env ?? { GITHUB_TOKEN: TOKEN },
      },
    );
    expectExit(r, 2);
    expectOneLineError(r, c.want);
  });
}

test('comment: a POST that timed out after GitHub wrote it is not posted twice (listed again first)', async () => {
  gh.faults.push({ status: 502, method: 'POST', apply: true, delayMs: 2000 });
  const out = await upsertStickyComment({
    target: { apiUrl: gh.url, repository: 'o/r', token: TOKEN },
    issue: 7,
    key: 'app',
    markdown: 'x\n',
    verdict: 'fail',
    mode: 'always',
    logger: silentLogger,
    timeoutMs: 300,
  });
  assert.equal(out.action, 'created');
  assert.equal(gh.comments.get(7)!.length, 1);
  assert.deepEqual(
    gh.requests.filter((r) => r.path.includes('/comments')).map((r) => r.method),
    ['GET', 'POST', 'GET'],
  );
});
