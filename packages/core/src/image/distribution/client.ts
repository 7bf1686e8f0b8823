import { messages, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { formatImageName, type ImageName } from '../reference.js';
import type { RegistryOptions } from '../source.js';
import { parseChallenges, type Challenge } from './challenge.js';
import { resolveCredentials, type Credentials } from './credentials.js';
import { errorDetail, redactUrl, request, type HttpResponse } from './http.js';
import {
  DEFAULT_RETRY_POLICY,
  isRetryableStatus,
  parseRetryAfter,
  RetryableError,
  withRetries,
  type RetryPolicy,
} from './retry.js';
import { basicAuth, fetchBearerToken, type BearerToken } from './token.js';

/** What a {@link RegistryClient} needs besides the image name. */
export interface ClientOptions {
  registry: RegistryOptions;
  env: Record<string, string | undefined>;
  logger: Logger;
  retry?: RetryPolicy;
}

/**
 * Talks to one repository of one registry over the OCI distribution API v2 (OCI
 * distribution-spec, "Pulling manifests" and "Pulling blobs"). It authenticates lazily: a request
 * goes out anonymously (or with the token already held) and a `401` answer's challenge decides
 * between Basic and the Docker token flow. Responses with `429` and `5xx`, and broken connections,
 * are retried with backoff. The `Authorization` value is never logged.
 */
export class RegistryClient {
  readonly name: ImageName;
  readonly base: URL;
  private readonly opts: ClientOptions;
  private readonly retry: RetryPolicy;
  private credentials: Credentials | undefined | null = null;
  private basic: string | undefined;
  private bearer: BearerToken | undefined;
  private challenge: Challenge | undefined;

  constructor(name: ImageName, opts: ClientOptions) {
    this.name = name;
    this.opts = opts;
    this.retry = opts.retry ?? DEFAULT_RETRY_POLICY;
    this.base = new URL(`${this.isInsecure(name.apiHost) ? 'http' : 'https'}://${name.apiHost}/v2/`);
  }

  /**
   * True when the user allowed plain HTTP to `host` (`--insecure-registry HOST[:PORT]`; a bare
   * host allows every port). Loopback addresses are not exempt: plain HTTP is always asked for.
   */
  isInsecure(host: string): boolean {
    const list = this.opts.registry.insecure ?? [];
    return list.includes(host) || list.includes(host.replace(/:\d+$/, ''));
  }

  /** The image as users name it, for messages. */
  get ref(): string {
    return formatImageName(this.name);
  }

  /**
   * `GET /v2/<name>/<path>` with authentication and retries. Answers other than 2xx are turned
   * into `UserError`s naming the reference; `what` names the object for a 404 ("manifest", "blob …").
   */
  async get(path: string, headers: Record<string, string>, what: string): Promise<HttpResponse> {
    return (await this.fetch(path, headers, what, false))!;
  }

  /**
   * Like {@link get}, but a `404` is an answer, not an error: `undefined` (a signature tag or a
   * referrers endpoint that does not exist). Every other failure still throws.
   */
  async getOptional(
    path: string,
    headers: Record<string, string>,
    what: string,
  ): Promise<HttpResponse | undefined> {
    return this.fetch(path, headers, what, true);
  }

  private async fetch(
    path: string,
    headers: Record<string, string>,
    what: string,
    optional: boolean,
  ): Promise<HttpResponse | undefined> {
    const url = new URL(`${this.name.repository}/${path}`, this.base);
    return withRetries(
      `GET ${redactUrl(url)}`,
      async () => {
        const res = await this.send(url, headers);
        if (isRetryableStatus(res.status)) {
          res.body.resume();
          throw new RetryableError(
            `registry answered ${res.status}`,
            parseRetryAfter(res.headers['retry-after']),
          );
        }
        if (res.status >= 200 && res.status < 300) return res;
        if (optional && res.status === 404) {
          res.body.resume();
          return undefined;
        }
        throw await this.statusError(res, what);
      },
      this.retry,
      this.opts.logger,
    );
  }

  private async send(url: URL, headers: Record<string, string>): Promise<HttpResponse> {
    this.opts.logger.debug(`registry: GET ${redactUrl(url)}`);
    let res = await this.sendOnce(url, headers);
    if (res.status === 401 && res.headers['www-authenticate'] && !this.challenge) {
      res.body.resume();
      this.challenge = parseChallenges(res.headers['www-authenticate']).find(
        (c) => c.scheme === 'bearer' || c.scheme === 'basic',
      );
      if (!this.challenge) return res;
      res = await this.sendOnce(url, headers);
    }
    return res;
  }

  private async sendOnce(url: URL, headers: Record<string, string>): Promise<HttpResponse> {
    const authorization = await this.authorization();
    try {
      return await request(url, { headers: { ...headers, ...(authorization ? { authorization } : {}) } });
    } catch (err) {
      throw this.networkError(err);
    }
  }

  private async authorization(): Promise<string | undefined> {
    const c = this.challenge;
    if (!c) return undefined;
    const creds = await this.creds();
    if (c.scheme === 'basic') {
      if (creds?.password === undefined) return undefined;
      this.basic ??= basicAuth(creds.username ?? '', creds.password);
      return this.basic;
    }
    if (creds?.registryToken) return `Bearer ${creds.registryToken}`;
    if (!this.bearer || this.bearer.expiresAt - 5000 < Date.now()) {
      const scope = c.params.scope ?? `repository:${this.name.repository}:pull`;
      this.opts.logger.debug(
        `registry: token from ${c.params.realm ?? '?'} for ${scope}${creds ? ` (${creds.source})` : ''}`,
      );
      this.bearer = await fetchBearerToken(c, scope, creds, (u) => this.isInsecure(u.host));
    }
    return `Bearer ${this.bearer.token}`;
  }

  private async creds(): Promise<Credentials | undefined> {
    if (this.credentials === null)
      this.credentials = await resolveCredentials(this.name.registry, this.opts.registry, this.opts.env);
    return this.credentials;
  }

  private async statusError(res: HttpResponse, what: string): Promise<UserError> {
    const detail = await errorDetail(res);
    if (res.status === 401) {
      const creds = await this.creds();
      const how = creds ? `with credentials from ${creds.source}` : 'anonymously';
      return new UserError(messages.registryUnauthorized(this.ref, how));
    }
    if (res.status === 403) return new UserError(messages.registryForbidden(this.ref));
    if (res.status === 404) return new UserError(messages.registryNotFound(this.ref, what));
    return new UserError(messages.registryStatus(this.ref, res.status, detail));
  }

  private networkError(err: unknown): unknown {
    const code = (err as { code?: string }).code ?? '';
    const text = err instanceof Error ? err.message : String(err);
    if (/wrong version number|packet length too long|EPROTO/i.test(`${code} ${text}`))
      return new UserError(messages.registryPlainHttp(this.name.apiHost), {}, { cause: err });
    if (
      [
        'ECONNREFUSED',
        'ENOTFOUND',
        'EHOSTUNREACH',
        'ENETUNREACH',
        'CERT_HAS_EXPIRED',
        'DEPTH_ZERO_SELF_SIGNED_CERT',
        'SELF_SIGNED_CERT_IN_CHAIN',
        'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      ].includes(code)
    )
      return new UserError(
        messages.registryUnreachable(this.name.apiHost, `${code}: ${text}`),
        {},
        { cause: err },
      );
    return err;
  }
}
