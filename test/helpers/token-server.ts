import { createSign, randomBytes, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { tool } from './tools.js';

/**
 * A small Docker token server (Docker "Token Authentication Specification" and "Token
 * Authentication Implementation") for docker-registry's `auth.token`: it checks Basic credentials
 * (or an OAuth2 refresh token), and signs an RS256 JWT whose `x5c` header carries a self-signed
 * certificate that the registry trusts through `rootcertbundle`.
 */
export interface TokenServer {
  realm: string;
  service: string;
  issuer: string;
  certFile: string;
  /** Every token handed out, so tests can assert that none leaked into logs or reports. */
  issued: string[];
  /** Refresh token that stands for alice in the OAuth2 `refresh_token` grant. */
  identityToken: string;
  /** Requests seen, as `METHOD user scope` lines. */
  requests: string[];
  stop(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

function parseScopes(scopes: string[]): { type: string; name: string; actions: string[] }[] {
  return scopes.flatMap((s) => {
    const m = /^([a-z]+):(.+):([a-z,*]+)$/.exec(s);
    return m ? [{ type: m[1]!, name: m[2]!, actions: m[3]!.split(',') }] : [];
  });
}

function basicUser(req: IncomingMessage, users: Record<string, string>): string | undefined | false {
  const h = req.headers.authorization;
  if (!h) return undefined;
  const m = /^Basic (.+)$/i.exec(h);
  if (!m) return false;
  const plain = Buffer.from(m[1]!, 'base64').toString('utf8');
  const i = plain.indexOf(':');
  const user = plain.slice(0, i);
  return users[user] !== undefined && users[user] === plain.slice(i + 1) ? user : false;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const c of req) body += (c as Buffer).toString();
  return new URLSearchParams(body);
}

/** Starts the token server on a free loopback port; keys and certificate go into `dir`. */
export async function startTokenServer(dir: string, users: Record<string, string>): Promise<TokenServer> {
  const keyFile = join(dir, 'token-key.pem');
  const certFile = join(dir, 'token-cert.pem');
  await tool('openssl', [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    keyFile,
    '-out',
    certFile,
    '-days',
    '2',
    '-subj',
    '/CN=tidegate-test-issuer',
  ]);
  const key = await readFile(keyFile, 'utf8');
  const certDer = new X509Certificate(await readFile(certFile)).raw.toString('base64');
  const identityToken = `refresh-${randomBytes(12).toString('hex')}`;
  const state = { issued: [] as string[], requests: [] as string[] };
  const service = 'tidegate-test-registry';
  const issuer = 'tidegate-test-issuer';

  const sign = (sub: string, scopes: string[]) => {
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'RS256', x5c: [certDer] };
    const claims = {
      iss: issuer,
      sub,
      aud: service,
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomBytes(8).toString('hex'),
      access: sub ? parseScopes(scopes) : [],
    };
    const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${input}.${createSign('RSA-SHA256').update(input).sign(key).toString('base64url')}`;
    state.issued.push(token);
    return token;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    let user: string | undefined | false;
    let scopes = url.searchParams.getAll('scope');
    if (req.method === 'POST') {
      const form = await readForm(req);
      scopes = form.getAll('scope').flatMap((s) => s.split(' '));
      user =
        form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === identityToken
          ? 'alice'
          : false;
    } else user = basicUser(req, users);
    state.requests.push(`${req.method} ${user || '-'} ${scopes.join(' ')}`);
    if (user === false) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const token = sign(user ?? '', scopes);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify(
        req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 },
      ),
    );
  };

  const server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    service,
    issuer,
    certFile,
    identityToken,
    ...state,
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
