import type { Logger } from '../logger.js';
import type { VerdictStatus } from '../types/model.js';
import { commentBody, commentMarker } from './comment-body.js';
import { GitHubApi, GitHubError, type GitHubTarget, type IssueComment } from './github-api.js';

/** When to post: on every run, only when something changed, or only when the gate fails. */
export type CommentMode = 'always' | 'on-change' | 'on-failure';

export const COMMENT_MODES: readonly CommentMode[] = ['always', 'on-change', 'on-failure'];

/** What the upsert did, for logs and the Action's outputs. */
export type CommentOutcome =
  | { action: 'created' | 'updated'; id: number; url?: string }
  | { action: 'unchanged'; id: number }
  | { action: 'skipped'; reason: string };

export interface StickyCommentRequest {
  target: GitHubTarget;
  /** Pull request (issue) number. */
  issue: number;
  /** Distinguishes one image's comment from another's in the same pull request. */
  key: string;
  markdown: string;
  verdict: VerdictStatus;
  mode: CommentMode;
  /** Login of the account the token acts as, when known (`github-actions[bot]`); narrows the search. */
  botLogin?: string;
  logger: Logger;
}

const RESOLVED =
  '### ✅ tidegate: the image now passes the policy\n\nThe findings reported here earlier are resolved.\n';

function ours(c: IssueComment, marker: string, botLogin: string | undefined): boolean {
  if (!c.body?.startsWith(marker)) return false;
  return !botLogin || c.user?.login === botLogin;
}

/**
 * Creates or updates tidegate's one comment on a pull request (STYLE rule 40): found by its
 * hidden marker (and the bot's login when given), edited in place, never duplicated, and left
 * alone when the body is unchanged. On a fork's read-only token (403) it skips with a notice
 * instead of failing the build.
 */
export async function upsertStickyComment(req: StickyCommentRequest): Promise<CommentOutcome> {
  const api = new GitHubApi(req.target, req.logger);
  const marker = commentMarker(req.key);
  try {
    const existing = (await api.listComments(req.issue)).filter((c) => ours(c, marker, req.botLogin));
    const current = existing[0];
    const failing = req.verdict === 'fail';
    if (req.mode === 'on-failure' && !failing) {
      if (!current) return { action: 'skipped', reason: 'the gate did not fail (comment mode on-failure)' };
      return await write(api, req, current, commentBody(req.key, RESOLVED));
    }
    if (req.mode === 'on-change' && !current && req.verdict === 'pass')
      return { action: 'skipped', reason: 'nothing to report (comment mode on-change)' };
    return await write(api, req, current, commentBody(req.key, req.markdown));
  } catch (err) {
    if (err instanceof GitHubError && err.status === 403) {
      req.logger.warn(
        'cannot comment on the pull request: the token has no write access (a fork?); skipping',
      );
      return { action: 'skipped', reason: 'no write access to the pull request' };
    }
    throw err;
  }
}

async function write(
  api: GitHubApi,
  req: StickyCommentRequest,
  current: IssueComment | undefined,
  body: string,
): Promise<CommentOutcome> {
  if (current && current.body === body) return { action: 'unchanged', id: current.id };
  const c = current ? await api.updateComment(current.id, body) : await api.createComment(req.issue, body);
  req.logger.info(`${current ? 'updated' : 'created'} the pull request comment ${c.html_url ?? c.id}`);
  return { action: current ? 'updated' : 'created', id: c.id, ...(c.html_url ? { url: c.html_url } : {}) };
}
