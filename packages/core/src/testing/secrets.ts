import { createHash } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const BASE64 = `${ALNUM}+/`;

/**
 * `n` deterministic pseudo-random characters from `alphabet`, derived from `seed`. Test secrets
 * are built at run time from these, so no token-shaped literal sits in the repository (where
 * push protection and other scanners would rightly object) and every run uses the same values.
 */
export function fakeChars(n: number, seed: string, alphabet = ALNUM): string {
  let out = '';
  for (let block = 0; out.length < n; block++) {
    for (const byte of createHash('sha256').update(`${seed}:${block}`).digest()) {
      if (out.length < n) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

function base64url(json: object): string {
  return Buffer.from(JSON.stringify(json)).toString('base64url');
}

/** A PEM-armoured block whose body looks like a real key (26 lines of base64). */
export function fakePrivateKey(seed: string, type = 'RSA '): string {
  const lines = Array.from({ length: 26 }, (_, i) => fakeChars(64, `${seed}:${i}`, BASE64));
  return `-----BEGIN ${type}PRIVATE KEY-----\n${lines.join('\n')}\n-----END ${type}PRIVATE KEY-----\n`;
}

/**
 * One recognisable fake of every kind of secret the content rules detect. Each value is unique
 * to `seed`, so a test can assert that it appears nowhere in any output.
 */
export function fakeSecrets(seed = 'tidegate') {
  const f = (n: number, tag: string, alphabet = ALNUM) => fakeChars(n, `${seed}:${tag}`, alphabet);
  return {
    awsAccessKeyId: `AKIA${f(16, 'akid', BASE32)}`,
    awsSecretAccessKey: f(40, 'aws-secret', BASE64),
    githubToken: `ghp_${f(36, 'ghp')}`,
    githubFineGrained: `github_pat_${f(22, 'pat1')}_${f(59, 'pat2')}`,
    gitlabToken: `glpat-${f(20, 'glpat')}`,
    slackToken: `xoxb-${f(12, 'sl1', '0123456789')}-${f(13, 'sl2', '0123456789')}-${f(24, 'sl3')}`,
    stripeKey: `sk_${'live'}_${f(24, 'stripe')}`,
    npmToken: `npm_${f(36, 'npm')}`,
    jwt: `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url({ sub: f(12, 'jwt-sub'), iat: 1700000000 })}.${f(43, 'jwt-sig', `${ALNUM}-_`)}`,
    password: `Pw-${f(17, 'password')}`,
    gcpKeyId: f(40, 'gcp', '0123456789abcdef'),
    privateKey: fakePrivateKey(`${seed}:pk`),
  };
}

/** The GCP service-account key file shape, with fake values. */
export function fakeGcpServiceAccount(seed = 'tidegate'): string {
  const s = fakeSecrets(seed);
  return JSON.stringify(
    {
      type: 'service_account',
      project_id: 'demo-project',
      private_key_id: s.gcpKeyId,
      private_key: fakePrivateKey(`${seed}:gcp`, ''),
      client_email: 'builder@demo-project.iam.gserviceaccount.com',
    },
    null,
    2,
  );
}
