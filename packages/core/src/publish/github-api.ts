import { messages, UserError } from '../errors.js';
import type { Logger } from '../logger.js';
import { redactSecrets } from './redact.js';

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

/** Attempts per request (the first try plus retries) on 5xx, 429, secondary rate limits and network errors. */
const MAX_ATTEMPTS = 4;
/** One request's time limit: a hung API must not hang the gate. */
const DEFAULT_TIMEOUT_MS = 30_000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** How long to wait before retrying, or `undefined` when the response is final. */
function retryDelay(res: Response, attempt: number): number | undefined {
  const after = Number(res.headers.get('retry-after'));
  const wait = Number.isFinite(after) && after > 0 ? after * 1000 : Math.min(8000, 250 * 2 ** attempt);
  if (res.status >= 500 || res.status === 429) return wait;
  // GitHub's secondary rate limit: 403 with retry-after or an exhausted primary limit
  if (
    res.status === 403 &&
    (res.headers.has('retry-after') || res.headers.get('x-ratelimit-remaining') === '0')
  )
    return wait;
  return undefined;
}

/** Request options: `retry` is false for POST, which is not idempotent (see `sticky-comment.ts`). */
interface RequestOptions {
  body?: unknown;
  retry?: boolean;
}

/**
 * A minimal GitHub REST client for issue comments. Retries idempotent requests on 5xx, 429,
 * secondary rate limits and network errors with backoff (honouring Retry-After), gives every
 * request a time limit, and turns every failure into a {@link GitHubError} whose message names
 * the request and quotes at most 200 characters of the answer with every token redacted: an API
 * or proxy that echoes the request headers must not put the token in a CI log.
 */
export class GitHubApi {
  constructor(
    private readonly target: GitHubTarget,
    private readonly logger: Logger,
    private readonly maxWaitMs = 60_000,
    private readonly timeoutMs = DEFAULT_TIMEOUT_MS,
  ) {}

  private redact(text: string): string {
    return redactSecrets(text, [this.target.token]);
  }

  private async send(method: string, url: string, body: unknown): Promise<Response> {
    return fetch(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${this.target.token}`,
        'x-github-api-version': '2022-11-28',
        'user-agent': 'tidegate',
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  async request<T>(
    method: string,
    path: string,
    opts: RequestOptions = {},
  ): Promise<{ status: number; data: T; headers: Headers }> {
    const url = path.startsWith('http') ? path : `${this.target.apiUrl.replace(/\/$/, '')}${path}`;
    const retry = opts.retry ?? method !== 'POST';
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await this.send(method, url, opts.body);
      } catch (err) {
        if (retry && attempt + 1 < MAX_ATTEMPTS) {
          await sleep(250 * 2 ** attempt);
          continue;
        }
        const e = err as Error & { cause?: { message?: string } };
        const detail =
          e.name === 'TimeoutError'
            ? `no answer within ${this.timeoutMs / 1000} s`
            : (e.cause?.message ?? e.message);
        throw new GitHubError(0, messages.githubUnreachable(method, url, this.redact(detail)));
      }
      const wait = retryDelay(res, attempt);
      if (retry && wait !== undefined && attempt + 1 < MAX_ATTEMPTS && wait <= this.maxWaitMs) {
        this.logger.debug(`GitHub ${method} ${path}: ${res.status}, retrying in ${wait} ms`);
        await res.body?.cancel();
        await sleep(wait);
        continue;
      }
      const text = await res.text();
      if (!res.ok)
        throw new GitHubError(res.status, messages.githubFailed(method, path, res.status, this.redact(text)));
      let data: T;
      try {
        data = (text ? JSON.parse(text) : undefined) as T;
      } catch {
        throw new GitHubError(
          res.status,
          messages.githubFailed(method, path, res.status, `not JSON: ${this.redact(text)}`),
        );
      }
      return { status: res.status, data, headers: res.headers };
    }
  }

  /**
   * The login the token acts as (`GET /user`), or `undefined` when the token cannot say: an
   * installation token (the workflow's GITHUB_TOKEN) answers 403, and then the comment's author
   * is `github-actions[bot]`.
   */
  async viewerLogin(): Promise<string | undefined> {
    try {
      return (await this.request<{ login?: string }>('GET', '/user')).data?.login || undefined;
    } catch (err) {
      if (err instanceof GitHubError && [403, 404].includes(err.status)) return undefined;
      throw err;
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
        body: { body },
      })
    ).data;
  }

  async updateComment(id: number, body: string): Promise<IssueComment> {
    return (
      await this.request<IssueComment>('PATCH', `/repos/${this.target.repository}/issues/comments/${id}`, {
        body: { body },
      })
    ).data;
  }

  async deleteComment(id: number): Promise<void> {
    await this.request('DELETE', `/repos/${this.target.repository}/issues/comments/${id}`);
  }
}

/** A GitHub API failure with its HTTP status (403 on a fork's read-only token, 404, …; 0 when there was no answer). */
export class GitHubError extends UserError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
