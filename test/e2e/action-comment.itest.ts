import assert from 'node:assert/strict';
import { test } from 'node:test';
import { actionSuite, expectStatus } from '../helpers/action-suite.js';

// The pull-request comment, through the bundled Action and the loopback GitHub API: which
// events comment, forks, and one sticky comment per image across runs (STYLE rule 40).
const s = actionSuite();
const action = s.run;

test('push: no comment and no request to GitHub', async () => {
  const r = await action({ image: s.images.demo, 'fail-on': 'none' }, 'push-payload');
  expectStatus(r, 0);
  assert.match(r.stdout, /comment: none on a push event/);
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
