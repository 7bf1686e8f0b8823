import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ciContext, detectCiKind } from './ci-env.js';

const dir = mkdtempSync(join(tmpdir(), 'tidegate-ci-env-'));
function event(pr: Record<string, unknown>): string {
  const path = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(path, JSON.stringify({ pull_request: pr }));
  return path;
}
const repo = (full_name: string) => ({ repo: { full_name } });

const cases: { name: string; env: Record<string, string>; want: Record<string, unknown> }[] = [
  {
    name: 'GitHub pull_request: the number from the payload, the API from the runner',
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_API_URL: 'https://ghe.example/api/v3/',
      GITHUB_EVENT_PATH: event({ number: 7, head: repo('o/r'), base: repo('o/r') }),
    },
    want: {
      kind: 'github',
      fork: false,
      pr: { repo: 'o/r', number: 7, apiUrl: 'https://ghe.example/api/v3' },
    },
  },
  {
    name: 'GitHub pull_request from a fork: read-only token, no target',
    env: {
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_EVENT_PATH: event({ number: 7, head: repo('c/r'), base: repo('o/r') }),
    },
    want: { kind: 'github', fork: true, noPr: 'a pull request from a fork gets a read-only token' },
  },
  {
    name: 'GitHub push: no pull request',
    env: { GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_OUTPUT: '/o' },
    want: { kind: 'github', outputFile: '/o', noPr: 'a push event' },
  },
  {
    name: 'CircleCI: CIRCLE_PULL_REQUEST on github.com',
    env: {
      CIRCLECI: 'true',
      CIRCLE_PULL_REQUEST: 'https://github.com/o/r/pull/12',
      CIRCLE_PROJECT_USERNAME: 'o',
      CIRCLE_PROJECT_REPONAME: 'r',
    },
    want: {
      kind: 'circleci',
      fork: false,
      pr: { repo: 'o/r', number: 12, apiUrl: 'https://api.github.com' },
    },
  },
  {
    name: 'CircleCI: a fork (CIRCLE_PR_NUMBER, CIRCLE_PR_USERNAME) on GitHub Enterprise',
    env: {
      CIRCLECI: 'true',
      CIRCLE_PULL_REQUEST: 'https://ghe.corp:8443/o/r/pull/3',
      CIRCLE_PR_NUMBER: '3',
      CIRCLE_PR_USERNAME: 'contributor',
    },
    want: {
      kind: 'circleci',
      fork: true,
      pr: { repo: 'o/r', number: 3, apiUrl: 'https://ghe.corp:8443/api/v3' },
    },
  },
  {
    name: 'CircleCI: a branch build',
    env: { CIRCLECI: 'true' },
    want: { kind: 'circleci', noPr: 'not a pull request build (CIRCLE_PULL_REQUEST is empty)' },
  },
  {
    name: 'Jenkins: CHANGE_ID and CHANGE_URL (GitHub Branch Source)',
    env: { JENKINS_URL: 'http://j/', CHANGE_ID: '7', CHANGE_URL: 'https://github.com/o/r.js/pull/7/' },
    want: { kind: 'jenkins', pr: { repo: 'o/r.js', number: 7, apiUrl: 'https://api.github.com' } },
  },
  {
    name: 'Jenkins: a GitLab merge request is not a GitHub pull request',
    env: {
      JENKINS_URL: 'http://j/',
      CHANGE_ID: '7',
      CHANGE_URL: 'https://gitlab.com/o/r/-/merge_requests/7',
    },
    want: {
      kind: 'jenkins',
      noPr: "CHANGE_URL 'https://gitlab.com/o/r/-/merge_requests/7' is not a GitHub pull request URL",
    },
  },
  {
    name: 'no CI',
    env: {},
    want: { kind: 'none', noPr: 'not in a CI tidegate knows (GitHub Actions, CircleCI, Jenkins)' },
  },
];
for (const c of cases) test(`ci context: ${c.name}`, () => assert.deepEqual(ciContext(c.env), c.want));

test('ci context: --api-url overrides what the pull request implies; --ci overrides detection', () => {
  const env = { JENKINS_URL: 'x', CHANGE_ID: '7', CHANGE_URL: 'https://ghe.local/o/r/pull/7' };
  assert.equal(ciContext(env, 'auto', 'https://api.ghe.local/v3/')?.pr?.apiUrl, 'https://api.ghe.local/v3');
  assert.equal(ciContext({ GITHUB_ACTIONS: 'true' }, 'none').kind, 'none');
  assert.equal(detectCiKind({ GITHUB_ACTIONS: 'true', CIRCLECI: 'true' }), 'github');
});
