import { messages, UserError } from '../errors.js';
import type { Logger } from '../logger.js';

/** A GitHub issue comment as the REST API returns it (the fields tidegate reads). */
export interface IssueComment {
  id: number;
  body?: string | null;
  user?: { login: string; type?: string } | null;
  html_url?: string;
}

/** Where and as whom to talk to GitHub. */
export interface GitHubTarget {
  /** REST base URL: `https://api.github.com`, or `https://HOST/api/v3` for GitHub Enterprise. */
  apiUrl: string;
  /** `owner/name`. */
  repository: string;
  token: string;
}

/** Attempts per request (the first try plus retries) on 5xx, 429 and secondary rate limits. */
const MAX_ATTEMPTS = 4;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** How long to wait before retrying, or `undefined` when the response is final. */
function retryDelay(res: Response, attempt: number): number | undefined {
  const after = Number(res.headers.get('retry-after'));
  const backoff = Math.min(8000, 250 * 2 ** attempt);
  if (res.status >= 500) return Number.isFinite(after) && after > 0 ? after * 1000 : backoff;
  if (res.status === 429) return Number.isFinite(after) && after > 0 ? after * 1000 : backoff;
  // GitHub's secondary rate limit: 403 with retry-after or an exhausted primary limit
  if (
    res.status === 403 &&
    (res.headers.has('retry-after') || res.headers.get('x-ratelimit-remaining') === '0')
  )
    return Number.isFinite(after) && after > 0 ? after * 1000 : backoff;
  return undefined;
}

/**
 * A minimal GitHub REST client for issue comments. Retries 5xx, 429 and secondary rate limits
 * with backoff (honouring Retry-After), never logs the token, and turns every other failure
 * into a `UserError` that names the request but not the credentials.
 */
export class GitHubApi {
  constructor(
    private readonly target: GitHubTarget,
    private readonly logger: Logger,
    private readonly maxWaitMs = 60_000,
  ) {}

  async request<T>(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; data: T; headers: Headers }> {
    const url = path.startsWith('http') ? path : `${this.target.apiUrl.replace(/\/$/, '')}${path}`;
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(url, {
          method,
          headers: {
            accept: 'application/vnd.github+json',
            authorization: `Bearer ${this.target.token}`,
            'x-github-api-version': '2022-11-28',
            'user-agent': 'tidegate',
            ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        });
      } catch (err) {
        if (attempt + 1 < MAX_ATTEMPTS) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        throw new UserError(messages.githubUnreachable(method, url, (err as Error).message));
      }
      const wait = retryDelay(res, attempt);
      if (wait !== undefined && attempt + 1 < MAX_ATTEMPTS && wait <= this.maxWaitMs) {
        this.logger.debug(`GitHub ${method} ${path}: ${res.status}, retrying in ${wait} ms`);
        await res.body?.cancel();
        await sleep(wait);
        continue;
      }
      const text = await res.text();
      if (!res.ok)
        throw new GitHubError(
          res.status,
          messages.githubFailed(method, path, res.status, text.slice(0, 200)),
        );
      return { status: res.status, data: (text ? JSON.parse(text) : undefined) as T, headers: res.headers };
    }
  }

  /** Every comment of an issue or pull request, 100 per page, following `Link: rel="next"`. */
  async listComments(issue: number): Promise<IssueComment[]> {
    const out: IssueComment[] = [];
    let path: string | undefined = `/repos/${this.target.repository}/issues/${issue}/comments?per_page=100`;
    for (let page = 0; path && page < 100; page++) {
      const { data, headers }: { data: IssueComment[]; headers: Headers } = await this.request<
        IssueComment[]
      >('GET', path);
      out.push(...data);
      path = /<([^>]+)>;\s*rel="next"/.exec(headers.get('link') ?? '')?.[1];
    }
    return out;
  }

  async createComment(issue: number, body: string): Promise<IssueComment> {
    return (
      await this.request<IssueComment>('POST', `/repos/${this.target.repository}/issues/${issue}/comments`, {
        body,
      })
    ).data;
  }

  async updateComment(id: number, body: string): Promise<IssueComment> {
    return (
      await this.request<IssueComment>('PATCH', `/repos/${this.target.repository}/issues/comments/${id}`, {
        body,
      })
    ).data;
  }

  async deleteComment(id: number): Promise<void> {
    await this.request('DELETE', `/repos/${this.target.repository}/issues/comments/${id}`);
  }
}

/** A GitHub API failure with its HTTP status (403 on a fork's read-only token, 404, …). */
export class GitHubError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
