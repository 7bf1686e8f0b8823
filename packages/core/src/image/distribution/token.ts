import { messages, UserError } from '../../errors.js';
import type { Challenge } from './challenge.js';
import type { Credentials } from './credentials.js';
import { errorDetail, readBody, redactUrl, request, type HttpResponse } from './http.js';
import { isRetryableStatus, parseRetryAfter, RetryableError } from './retry.js';

/** A bearer token and when to stop using it (epoch milliseconds). */
export interface BearerToken {
  token: string;
  expiresAt: number;
}

/** Tokens without `expires_in` are good for 60 s (Docker token authentication specification). */
const DEFAULT_EXPIRES_S = 60;
const MAX_TOKEN_RESPONSE = 1 << 20;

/** `user:password` as a Basic `Authorization` value (RFC 7617). */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

function tokenUrl(challenge: Challenge, scope: string): URL {
  const realm = challenge.params.realm;
  if (!realm)
    throw new UserError(messages.registryTokenFailed('(none)', 'the Bearer challenge names no realm'));
  const url = new URL(realm);
  if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
  url.searchParams.set('scope', scope);
  return url;
}

/**
 * Gets a bearer token for `scope` from the challenge's realm.
 *
 * - With a username and password: `GET realm?service=…&scope=…` with Basic credentials (Docker
 *   token authentication specification, "Requesting a Token").
 * - With an identity token: the OAuth2 refresh-token grant, `POST realm` with
 *   `grant_type=refresh_token` (Docker "Token Authentication Implementation", OAuth2 section).
 * - Anonymously: the same `GET` without credentials (Docker Hub's public images).
 *
 * The response's `token` (or `access_token`) and `expires_in` are used. Neither the token nor the
 * credentials ever appear in an error message.
 */
export async function fetchBearerToken(
  challenge: Challenge,
  scope: string,
  creds: Credentials | undefined,
  insecureOk: (url: URL) => boolean,
): Promise<BearerToken> {
  const url = tokenUrl(challenge, scope);
  if (url.protocol !== 'https:' && !insecureOk(url))
    throw new UserError(
      messages.registryTokenFailed(redactUrl(url), `plain HTTP realm; pass --insecure-registry ${url.host}`),
    );
  const res = await requestToken(url, challenge, scope, creds);
  if (isRetryableStatus(res.status))
    throw new RetryableError(
      `token server answered ${res.status}`,
      parseRetryAfter(res.headers['retry-after']),
    );
  if (res.status !== 200)
    throw new UserError(
      messages.registryTokenFailed(redactUrl(url), `${res.status} ${await errorDetail(res)}`),
    );
  return parseTokenResponse(res, url);
}

function requestToken(
  url: URL,
  challenge: Challenge,
  scope: string,
  creds: Credentials | undefined,
): Promise<HttpResponse> {
  if (creds?.identityToken) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: creds.identityToken,
      service: challenge.params.service ?? '',
      scope,
      client_id: 'tidegate',
    });
    return request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
  }
  const basic = creds?.password !== undefined ? basicAuth(creds.username ?? '', creds.password) : undefined;
  return request(url, { headers: basic ? { authorization: basic } : {} });
}

/** Reads `token` (or `access_token`) and `expires_in` from a token response. */
async function parseTokenResponse(res: HttpResponse, url: URL): Promise<BearerToken> {
  let body: Record<string, unknown>;
  try {
    body = Object(JSON.parse((await readBody(res, MAX_TOKEN_RESPONSE)).toString('utf8'))) as Record<
      string,
      unknown
    >;
  } catch {
    throw new UserError(messages.registryTokenFailed(redactUrl(url), 'the response is not JSON'));
  }
  const token = typeof body.token === 'string' ? body.token : body.access_token;
  if (typeof token !== 'string' || !token)
    throw new UserError(messages.registryTokenFailed(redactUrl(url), 'the response holds no token'));
  const expires =
    typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_EXPIRES_S;
  return { token, expiresAt: Date.now() + expires * 1000 };
}
