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

const SERVICE = 'tidegate-test-registry';
const ISSUER = 'tidegate-test-issuer';

interface Signer {
  key: string;
  certDer: string;
  issued: string[];
}

/** An RS256 JWT with the claims docker-registry checks (iss, aud, exp, nbf, access). */
function signToken(signer: Signer, sub: string, scopes: string[]): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { typ: 'JWT', alg: 'RS256', x5c: [signer.certDer] };
  const claims = {
    iss: ISSUER,
    sub,
    aud: SERVICE,
    exp: now + 300,
    nbf: now - 10,
    iat: now,
    jti: randomBytes(8).toString('hex'),
    access: sub ? parseScopes(scopes) : [],
  };
  const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  const token = `${input}.${createSign('RSA-SHA256').update(input).sign(signer.key).toString('base64url')}`;
  signer.issued.push(token);
  return token;
}

/** Who is asking: a Basic user on GET, the refresh-token grant on POST; `false` for bad credentials. */
async function identify(
  req: IncomingMessage,
  users: Record<string, string>,
  identityToken: string,
): Promise<{ user: string | undefined | false; scopes: string[] }> {
  if (req.method !== 'POST') {
    const scopes = new URL(req.url ?? '/', 'http://x').searchParams.getAll('scope');
    return { user: basicUser(req, users), scopes };
  }
  const form = await readForm(req);
  const ok = form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === identityToken;
  return { user: ok ? 'alice' : false, scopes: form.getAll('scope').flatMap((s) => s.split(' ')) };
}

async function makeKeys(dir: string): Promise<{ key: string; certDer: string; certFile: string }> {
  const keyFile = join(dir, 'token-key.pem');
  const certFile = join(dir, 'token-cert.pem');
  const subject = ['-subj', '/CN=tidegate-test-issuer', '-days', '2'];
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
    ...subject,
  ]);
  const certDer = new X509Certificate(await readFile(certFile)).raw.toString('base64');
  return { key: await readFile(keyFile, 'utf8'), certDer, certFile };
}

/** Starts the token server on a free loopback port; keys and certificate go into `dir`. */
export async function startTokenServer(dir: string, users: Record<string, string>): Promise<TokenServer> {
  const { key, certDer, certFile } = await makeKeys(dir);
  const identityToken = `refresh-${randomBytes(12).toString('hex')}`;
  const state = { issued: [] as string[], requests: [] as string[] };
  const signer: Signer = { key, certDer, issued: state.issued };
  const service = SERVICE;
  const issuer = ISSUER;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const { user, scopes } = await identify(req, users, identityToken);
    state.requests.push(`${req.method} ${user || '-'} ${scopes.join(' ')}`);
    if (user === false) {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"details":"bad credentials"}');
      return;
    }
    const token = signToken(signer, user ?? '', scopes);
    const body =
      req.method === 'POST' ? { access_token: token, expires_in: 300 } : { token, expires_in: 300 };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
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
