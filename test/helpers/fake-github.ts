import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sharedDir } from '@tidegate/core/testing';

/** One request the fake received. */
export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: unknown;
}

/**
 * A canned response to return instead of the normal behaviour, once: to the first request that
 * matches `method` and `path` (a substring of the path), or to the next request when neither is
 * given.
 */
export interface Fault {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  method?: string;
  path?: string;
  /** Answer with the request's own headers in the body, as some proxies and echo APIs do. */
  echoHeaders?: boolean;
  /** Do what the request asks first (create the comment), then answer with the fault: a POST whose 5xx came after the write. */
  apply?: boolean;
  /** Hold the answer this long first (a hung API). */
  delayMs?: number;
}

type Comment = Record<string, unknown> & { id: number; body: string; user: { login: string; type: string } };

/**
 * A loopback HTTP server speaking the shape of GitHub's REST API for issue comments (list with
 * `Link` pagination, create, update, delete), recording every request (STYLE rule 26). Comment
 * objects are built from the real `issue_comment` webhook payload in ../shared, which carries
 * the same fields as the REST IssueComment.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly comments = new Map<number, Comment[]>();
  readonly faults: Fault[] = [];
  private server?: Server;
  private nextId = 1000;
  private readonly template: Record<string, unknown>;

  /**
   * What `GET /user` answers: this login, or, when undefined, 403 "Resource not accessible by
   * integration", as GitHub answers the workflow's installation token.
   */
  viewer?: string;

  constructor(
    readonly token: string,
    readonly botLogin = 'github-actions[bot]',
  ) {
    const payload = JSON.parse(
      readFileSync(sharedDir('schemas', 'github-webhooks', 'issue_comment-created.payload.json'), 'utf8'),
    ) as {
      comment: Record<string, unknown>;
    };
    this.template = payload.comment;
  }

  get url(): string {
    const a = this.server!.address() as AddressInfo;
    return `http://127.0.0.1:${a.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  /** Adds a comment as another user would (for pagination and "not ours" tests). */
  seed(issue: number, body: string, login = 'octocat', type = 'User'): Comment {
    const c = this.make(issue, body, { login, type });
    this.list(issue).push(c);
    return c;
  }

  private list(issue: number): Comment[] {
    let l = this.comments.get(issue);
    if (!l) this.comments.set(issue, (l = []));
    return l;
  }

  private make(issue: number, body: string, user: { login: string; type: string }): Comment {
    const id = this.nextId++;
    return {
      ...this.template,
      id,
      body,
      user: { ...(this.template.user as object), ...user },
      url: `${this.url}/repos/o/r/issues/comments/${id}`,
      html_url: `https://github.com/o/r/pull/${issue}#issuecomment-${id}`,
      issue_url: `${this.url}/repos/o/r/issues/${issue}`,
    } as Comment;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const url = new URL(req.url ?? '/', 'http://x');
    const rec: RecordedRequest = { method: req.method ?? '', path: url.pathname + url.search };
    if (req.headers.authorization) rec.authorization = req.headers.authorization;
    if (raw) rec.body = JSON.parse(raw);
    this.requests.push(rec);
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    const i = this.faults.findIndex(
      (f) => (!f.method || f.method === rec.method) && (!f.path || rec.path.includes(f.path)),
    );
    const fault = i >= 0 ? this.faults.splice(i, 1)[0] : undefined;
    if (fault) {
      // the write happens first, the answer comes late (or never): what a client cannot tell apart
      if (fault.apply) this.route(req.method ?? '', url, rec.body as { body?: string } | undefined, () => {});
      if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
      const body = fault.echoHeaders
        ? JSON.stringify({ message: `upstream error ${fault.status}`, request: { headers: req.headers } })
        : (fault.body ?? JSON.stringify({ message: `fault ${fault.status}` }));
      if (res.destroyed) return;
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      res.end(body);
      return;
    }
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return send(401, { message: 'Bad credentials' });
    this.route(req.method ?? '', url, rec.body as { body?: string } | undefined, send);
  }

  private route(
    method: string,
    url: URL,
    body: { body?: string } | undefined,
    send: (s: number, b?: unknown, h?: Record<string, string>) => void,
  ): void {
    if (url.pathname === '/user' && method === 'GET')
      return this.viewer
        ? send(200, { login: this.viewer, type: 'User' })
        : send(403, { message: 'Resource not accessible by integration' });
    const list = /^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/.exec(url.pathname);
    const one = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
    if (list && method === 'GET') {
      const all = this.list(Number(list[1]));
      const per = Math.min(100, Number(url.searchParams.get('per_page') ?? 30));
      const page = Number(url.searchParams.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (page * per < all.length) {
        const next = new URL(url.toString().replace('http://x', this.url));
        next.searchParams.set('page', String(page + 1));
        headers.link = `<${next.toString()}>; rel="next"`;
      }
      return send(200, all.slice((page - 1) * per, page * per), headers);
    }
    if (list && method === 'POST') {
      const login = this.viewer ?? this.botLogin;
      const c = this.make(Number(list[1]), body?.body ?? '', { login, type: this.viewer ? 'User' : 'Bot' });
      this.list(Number(list[1])).push(c);
      return send(201, c);
    }
    const id = one ? Number(one[1]) : NaN;
    const found = [...this.comments.values()].flat().find((c) => c.id === id);
    if (one && !found) return send(404, { message: 'Not Found' });
    if (one && method === 'PATCH') {
      found!.body = body?.body ?? '';
      return send(200, found);
    }
    if (one && method === 'DELETE') {
      for (const l of this.comments.values()) l.splice(l.indexOf(found!), 1);
      return send(204);
    }
    send(404, { message: 'Not Found' });
  }
}
