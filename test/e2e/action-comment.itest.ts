import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionSuite, expectStatus, TOKEN } from '../helpers/action-suite.js';

// The pull-request comment, through the bundled Action and the loopback GitHub API: which
// events comment, forks, and one sticky comment per image across runs (STYLE rule 40).
const s = actionSuite();
const action = s.run;

test('push: no comment and no request to GitHub', async () => {
  const r = await action({ image: s.images.demo, 'fail-on': 'none' }, 'push-payload');
  expectStatus(r, 0);
  assert.match(r.stderr, /comment: skipped \(a push event\)/);
  assert.equal(r.outputs.comment, 'skipped');
  assert.deepEqual(s.gh.requests, []);
});

test('fork: a pull request from a fork skips the comment with a notice', async () => {
  const r = await action({ image: s.images.demo, 'fail-on': 'none' }, 'pull_request-opened.payload', {
    editPayload: (p: { pull_request: { head: { repo: { full_name: string } } } }) => {
      p.pull_request.head.repo.full_name = 'contributor/Hello-World';
    },
  });
  expectStatus(r, 0);
  assert.match(r.stdout, /^::notice::comment skipped: a pull request from a fork/m);
  assert.deepEqual(s.gh.requests, []);
});

test('pull_request_target: a pull request from a fork is commented on (the token can write there)', async () => {
  const r = await action({ image: s.images.demo, 'fail-on': 'none' }, 'pull_request-opened.payload', {
    eventName: 'pull_request_target',
    editPayload: (p: { pull_request: { head: { repo: { full_name: string } } } }) => {
      p.pull_request.head.repo.full_name = 'contributor/Hello-World';
    },
  });
  expectStatus(r, 0);
  assert.doesNotMatch(r.stdout, /comment skipped/);
  assert.deepEqual(
    s.gh.requests.filter((q) => q.method !== 'GET').map((q) => `${q.method} ${q.path}`),
    ['POST /repos/Codertocat/Hello-World/issues/2/comments'],
  );
});

test('comment: created on the first run, updated on the second, never duplicated', async () => {
  expectStatus(await action({ image: s.images.demo }), 1);
  expectStatus(
    await action({ image: s.images.demo, 'fail-on': 'critical' }, 'pull_request-synchronize.payload'),
    1,
  );
  const ours = (s.gh.comments.get(2) ?? []).filter((c) => c.body.startsWith('<!-- tidegate:'));
  assert.equal(ours.length, 1);
  const writes = s.gh.requests.filter((q) => q.method !== 'GET');
  assert.deepEqual(
    writes.map((q) => `${q.method} ${q.path}`),
    [
      'POST /repos/Codertocat/Hello-World/issues/2/comments',
      `PATCH /repos/Codertocat/Hello-World/issues/comments/${ours[0]!.id}`,
    ],
  );
});

test('comment: a rebuild tagged with the next commit edits the same comment', async () => {
  expectStatus(await action({ image: s.images.warn, 'fail-on': 'none' }), 0);
  expectStatus(
    await action({ image: s.images.retagged, 'fail-on': 'none' }, 'pull_request-synchronize.payload'),
    0,
  );
  const ours = (s.gh.comments.get(2) ?? []).filter((c) =>
    /^<!-- tidegate:(docker\.io\/)?test\/app -->/.test(c.body),
  );
  assert.equal(ours.length, 1, JSON.stringify(s.gh.comments.get(2)?.map((c) => c.body.slice(0, 40))));
  assert.deepEqual(
    s.gh.requests.filter((q) => q.method === 'POST').map((q) => q.path),
    ['/repos/Codertocat/Hello-World/issues/2/comments'],
  );
});

for (const status of [404, 401, 422, 502]) {
  test(`comment: the API answering ${status} (echoing the headers) keeps a pass green, with a warning; no token anywhere`, async () => {
    s.gh.faults.push(...Array.from({ length: 4 }, () => ({ status, echoHeaders: true, path: '/comments' })));
    const r = await action({ image: s.images.demo, 'fail-on': 'none' });
    expectStatus(r, 0);
    assert.equal(r.outputs.verdict, 'pass');
    assert.equal(r.outputs.comment, 'failed');
    assert.match(
      r.stdout,
      new RegExp(
        `^::warning::the pull request comment failed: GitHub GET \\S+ failed with HTTP ${status}: .*; the gate's result stands`,
        'm',
      ),
    );
    assert.doesNotMatch(r.stdout, /^::error::/m);
    // the mask command is the one line allowed to name it: the runner consumes it
    const log = (r.stdout + r.stderr).replace(`::add-mask::${TOKEN}\n`, '');
    assert.ok(!log.includes(TOKEN.slice(4, 24)), `the token is in the log:\n${log}`);
  });
}

test('comment-required: the same 404 fails the step (exit 2) with one line', async () => {
  s.gh.faults.push({ status: 404, path: '/comments' });
  const r = await action({ image: s.images.demo, 'fail-on': 'none', 'comment-required': 'true' });
  expectStatus(r, 2);
  assert.deepEqual(
    r.stdout
      .split('\n')
      .filter((l) => l.startsWith('::error::'))
      .map((l) => l.replace(/HTTP 404.*/, 'HTTP 404')),
    [
      '::error::tidegate: error: the pull request comment failed: GitHub GET /repos/Codertocat/Hello-World/issues/2/comments?per_page=100 failed with HTTP 404',
    ],
  );
});
