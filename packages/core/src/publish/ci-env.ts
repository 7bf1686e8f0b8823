import { readFileSync } from 'node:fs';

/**
 * Which CI a run is in, and the pull request it builds, from the variables each CI sets. This
 * and the other `publish/` files are the only CI-vendor code in core (DESIGN.md): the rest of
 * `tidegate ci` asks this module, never the environment.
 */

export const CI_KINDS = ['github', 'circleci', 'jenkins', 'none'] as const;
export type CiKind = (typeof CI_KINDS)[number];

/** The pull request a build is for, where a comment can go. */
export interface PullRequestTarget {
  /** `owner/name` of the repository the pull request is in (the base, also for forks). */
  repo: string;
  number: number;
  /** REST base URL: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise Server. */
  apiUrl: string;
}

/** What `tidegate ci` knows about where it runs. */
export interface CiContext {
  kind: CiKind;
  /** The pull request to comment on; absent on branch builds and on forks that cannot comment. */
  pr?: PullRequestTarget;
  /** Why there is no comment target, for the log. */
  noPr?: string;
  /** A fork's build: no secrets on CircleCI, a read-only token on GitHub's `pull_request`. */
  fork?: boolean;
  /** GitHub's step files (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY), when set. */
  outputFile?: string;
  summaryFile?: string;
}

type Env = Record<string, string | undefined>;

/** The CI a build runs in, from the variable each one always sets. */
export function detectCiKind(env: Env): CiKind {
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.CIRCLECI === 'true') return 'circleci';
  if (env.JENKINS_URL || env.JENKINS_HOME) return 'jenkins';
  return 'none';
}

/** `https://HOST/OWNER/REPO/pull/N` → its parts (CircleCI's CIRCLE_PULL_REQUEST, Jenkins' CHANGE_URL). */
const PULL_URL = /^(https?):\/\/([^/\s]+)\/([\w.-]+)\/([\w.-]+)\/pull\/(\d+)\/?$/;

/** GitHub's REST API for a web host: api.github.com for github.com, `/api/v3` on Enterprise Server. */
export function apiUrlForHost(scheme: string, host: string): string {
  return host.toLowerCase() === 'github.com' ? 'https://api.github.com' : `${scheme}://${host}/api/v3`;
}

const trim = (u: string) => u.replace(/\/+$/, '');

function github(env: Env, apiUrl: string | undefined): Omit<CiContext, 'kind'> {
  const files = {
    ...(env.GITHUB_OUTPUT ? { outputFile: env.GITHUB_OUTPUT } : {}),
    ...(env.GITHUB_STEP_SUMMARY ? { summaryFile: env.GITHUB_STEP_SUMMARY } : {}),
  };
  const event = env.GITHUB_EVENT_NAME ?? '';
  if (!['pull_request', 'pull_request_target'].includes(event) || !env.GITHUB_EVENT_PATH)
    return { ...files, noPr: `a ${event || 'non-pull-request'} event` };
  let payload: { pull_request?: { number?: number; head?: RepoRef; base?: RepoRef } };
  try {
    payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) as typeof payload;
  } catch {
    return { ...files, noPr: `the event payload ${env.GITHUB_EVENT_PATH} cannot be read` };
  }
  const pr = payload.pull_request;
  if (!pr?.number || !env.GITHUB_REPOSITORY) return { ...files, noPr: 'the event names no pull request' };
  const head = pr.head?.repo?.full_name;
  const fork = !!head && !!pr.base?.repo?.full_name && head !== pr.base.repo.full_name;
  const target = {
    repo: env.GITHUB_REPOSITORY,
    number: pr.number,
    apiUrl: trim(apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com'),
  };
  // on pull_request a fork's token is read-only; pull_request_target runs with the base's token
  if (fork && event === 'pull_request')
    return { ...files, fork, noPr: 'a pull request from a fork gets a read-only token' };
  return { ...files, fork, pr: target };
}

interface RepoRef {
  repo?: { full_name?: string } | null;
}

function circleci(env: Env, apiUrl: string | undefined): Omit<CiContext, 'kind'> {
  const url = env.CIRCLE_PULL_REQUEST ?? '';
  const m = PULL_URL.exec(url);
  const n = env.CIRCLE_PR_NUMBER ?? m?.[5];
  if (!n || !/^[1-9]\d*$/.test(n)) return { noPr: 'not a pull request build (CIRCLE_PULL_REQUEST is empty)' };
  const repo =
    env.CIRCLE_PROJECT_USERNAME && env.CIRCLE_PROJECT_REPONAME
      ? `${env.CIRCLE_PROJECT_USERNAME}/${env.CIRCLE_PROJECT_REPONAME}`
      : m
        ? `${m[3]}/${m[4]}`
        : undefined;
  if (!repo) return { noPr: 'the repository is unknown (CIRCLE_PROJECT_USERNAME is empty)' };
  const api = apiUrl ?? (m ? apiUrlForHost(m[1]!, m[2]!) : 'https://api.github.com');
  // CircleCI sets CIRCLE_PR_USERNAME only for pull requests from forks
  const fork = !!(env.CIRCLE_PR_USERNAME || env.CIRCLE_PR_REPONAME);
  return { fork, pr: { repo, number: Number(n), apiUrl: trim(api) } };
}

function jenkins(env: Env, apiUrl: string | undefined): Omit<CiContext, 'kind'> {
  if (!env.CHANGE_ID) return { noPr: 'not a pull request build (no CHANGE_ID)' };
  if (!/^[1-9]\d*$/.test(env.CHANGE_ID))
    return { noPr: `CHANGE_ID '${env.CHANGE_ID}' is not a pull request number` };
  const m = PULL_URL.exec(env.CHANGE_URL ?? '');
  if (!m) return { noPr: `CHANGE_URL '${env.CHANGE_URL ?? ''}' is not a GitHub pull request URL` };
  const api = apiUrl ?? apiUrlForHost(m[1]!, m[2]!);
  return { pr: { repo: `${m[3]}/${m[4]}`, number: Number(env.CHANGE_ID), apiUrl: trim(api) } };
}

/**
 * The CI context: `kind` as given (`auto` detects it), the pull request from GitHub's event
 * payload, CircleCI's CIRCLE_PULL_REQUEST / CIRCLE_PR_NUMBER, or Jenkins' CHANGE_ID / CHANGE_URL
 * (GitHub Branch Source). `apiUrl` overrides the REST URL derived from the pull request's host.
 */
export function ciContext(env: Env, kind: CiKind | 'auto' = 'auto', apiUrl?: string): CiContext {
  const k = kind === 'auto' ? detectCiKind(env) : kind;
  const of = {
    github,
    circleci,
    jenkins,
    none: () => ({ noPr: 'not in a CI tidegate knows (GitHub Actions, CircleCI, Jenkins)' }),
  };
  return { kind: k, ...of[k](env, apiUrl) };
}
