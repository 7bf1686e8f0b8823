import type { Logger } from '../logger.js';
import type { VerdictStatus } from '../types/model.js';
import { commentBody, commentMarker } from './comment-body.js';
import { GitHubApi, GitHubError, type GitHubTarget, type IssueComment } from './github-api.js';

/** When to post: on every run, only when something changed, or only when the gate fails. */
export type CommentMode = 'always' | 'on-change' | 'on-failure';

export const COMMENT_MODES: readonly CommentMode[] = ['always', 'on-change', 'on-failure'];

/** The author of comments made with the workflow's GITHUB_TOKEN (and other installation tokens that cannot say). */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

/**
 * What the upsert did, for logs, the verdict file and the Action's outputs. `failed` is an API
 * or network failure, already redacted and cut short: a comment never decides the verdict, so
 * callers warn unless the user made the comment required.
 */
export type CommentOutcome =
  | { action: 'created' | 'updated'; id: number; url?: string }
  | { action: 'unchanged'; id: number }
  | { action: 'skipped'; reason: string }
  | { action: 'failed'; reason: string; status: number };

export interface StickyCommentRequest {
  target: GitHubTarget;
  /** Pull request (issue) number. */
  issue: number;
  /** Distinguishes one image's comment from another's in the same pull request. */
  key: string;
  markdown: string;
  verdict: VerdictStatus | 'error';
  mode: CommentMode;
  /**
   * The login our comments are written by. Default: the token's own (`GET /user`), else
   * `github-actions[bot]`. A comment that carries our marker but has another author (a person
   * quoting it) is never ours to edit.
   */
  botLogin?: string;
  logger: Logger;
  /** One request's time limit in ms (default 30 s): a hung API must not hang the gate. */
  timeoutMs?: number;
}

const RESOLVED =
  '### ✅ tidegate: the image now passes the policy\n\nThe findings reported here earlier are resolved.\n';

async function findOurs(
  api: GitHubApi,
  req: StickyCommentRequest,
  login: string,
): Promise<IssueComment | undefined> {
  const marker = commentMarker(req.key);
  return (await api.listComments(req.issue)).find(
    (c) => c.body?.startsWith(marker) && c.user?.login === login,
  );
}

/**
 * Creates or updates tidegate's one comment on a pull request (STYLE rule 40): found by its
 * hidden marker and our login, edited in place, never duplicated, and left alone when the body
 * is unchanged. API and network failures come back as `failed` (a fork's read-only token, 403,
 * as `skipped`), never as a throw.
 */
export async function upsertStickyComment(req: StickyCommentRequest): Promise<CommentOutcome> {
  const api = new GitHubApi(req.target, req.logger, undefined, req.timeoutMs);
  try {
    const login = req.botLogin ?? (await api.viewerLogin()) ?? ACTIONS_BOT_LOGIN;
    const current = await findOurs(api, req, login);
    if (req.mode === 'on-failure' && req.verdict !== 'fail' && req.verdict !== 'error') {
      if (!current) return { action: 'skipped', reason: 'the gate did not fail (comment mode on-failure)' };
      return await write(api, req, login, current, commentBody(req.key, RESOLVED));
    }
    if (req.mode === 'on-change' && !current && req.verdict === 'pass')
      return { action: 'skipped', reason: 'nothing to report (comment mode on-change)' };
    return await write(api, req, login, current, commentBody(req.key, req.markdown));
  } catch (err) {
    if (!(err instanceof GitHubError)) throw err;
    if (err.status === 403 && !/rate limit/i.test(err.message))
      return { action: 'skipped', reason: 'the token has no write access to the pull request (a fork?)' };
    return { action: 'failed', reason: err.message, status: err.status };
  }
}

async function write(
  api: GitHubApi,
  req: StickyCommentRequest,
  login: string,
  current: IssueComment | undefined,
  body: string,
): Promise<CommentOutcome> {
  if (current && current.body === body) return { action: 'unchanged', id: current.id };
  const c = current ? await api.updateComment(current.id, body) : await create(api, req, login, body);
  req.logger.info(`${current ? 'updated' : 'created'} the pull request comment ${c.html_url ?? c.id}`);
  return { action: current ? 'updated' : 'created', id: c.id, ...(c.html_url ? { url: c.html_url } : {}) };
}

/**
 * POST is not idempotent: a 5xx or a timeout may come after GitHub created the comment. So a
 * failed POST is never retried blindly: the comments are listed again, and only when ours is
 * still not there is it posted once more.
 */
async function create(
  api: GitHubApi,
  req: StickyCommentRequest,
  login: string,
  body: string,
): Promise<IssueComment> {
  try {
    return await api.createComment(req.issue, body);
  } catch (err) {
    if (!(err instanceof GitHubError) || (err.status !== 0 && err.status < 500)) throw err;
    req.logger.debug(`posting the comment failed (${err.message}); listing again before a second try`);
    const landed = await findOurs(api, req, login);
    if (landed) return landed.body === body ? landed : api.updateComment(landed.id, body);
    return api.createComment(req.issue, body);
  }
}
