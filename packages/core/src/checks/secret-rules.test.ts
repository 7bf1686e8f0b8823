import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fakeChars, fakeGcpServiceAccount, fakePrivateKey, fakeSecrets } from '../testing/secrets.js';
import type { ContentCheck } from './check.js';
import { scanFile } from './content-scan.js';
import { checks } from './registry.js';
import { redact } from './secret-values.js';

const rules = checks.filter((c): c is ContentCheck => c.kind === 'content');
const s = fakeSecrets('rules');

/** `want`: the rule ids found, one per line, in line order. */
const cases: { name: string; path: string; text: string; want: string[] }[] = [
  // happy path: each rule finds its secret
  {
    name: 'AWS access key id',
    path: 'app/deploy.sh',
    text: `export AWS_ACCESS_KEY_ID=${s.awsAccessKeyId}\n`,
    want: ['TG-SECRET-aws-access-key-id'],
  },
  {
    name: 'AWS secret key in a credentials file',
    path: 'root/.aws/credentials',
    text: `[default]\naws_secret_access_key = ${s.awsSecretAccessKey}\n`,
    want: ['TG-SECRET-aws-secret-access-key'],
  },
  {
    name: 'AWS secret key in JSON',
    path: 'app/cfg.txt',
    text: `{"SecretAccessKey": "${s.awsSecretAccessKey}"}`,
    want: ['TG-SECRET-aws-secret-access-key'],
  },
  {
    name: 'GCP service-account key (not also reported as a private key)',
    path: 'app/sa.json',
    text: fakeGcpServiceAccount('rules'),
    want: ['TG-SECRET-gcp-service-account'],
  },
  {
    name: 'GitHub classic token',
    path: 'app/main.py',
    text: `TOKEN = "${s.githubToken}"\n`,
    want: ['TG-SECRET-github-token'],
  },
  {
    name: 'GitHub fine-grained token',
    path: 'app/main.py',
    text: `t = '${s.githubFineGrained}'`,
    want: ['TG-SECRET-github-token'],
  },
  {
    name: 'GitLab token',
    path: 'app/ci.sh',
    text: `curl -H "PRIVATE-TOKEN: ${s.gitlabToken}"`,
    want: ['TG-SECRET-gitlab-token'],
  },
  {
    name: 'Slack bot token',
    path: 'app/bot.js',
    text: `const t = "${s.slackToken}";`,
    want: ['TG-SECRET-slack-token'],
  },
  {
    name: 'Stripe live key',
    path: 'app/pay.rb',
    text: `Stripe.api_key = "${s.stripeKey}"`,
    want: ['TG-SECRET-stripe-live-key'],
  },
  {
    name: 'npm token outside .npmrc',
    path: 'app/publish.sh',
    text: `NPM=${s.npmToken}`,
    want: ['TG-SECRET-npm-token'],
  },
  {
    name: '.npmrc auth token',
    path: 'root/.npmrc',
    text: `//registry.example.com/:_authToken=${fakeChars(30, 'npmrc')}\n`,
    want: ['TG-SECRET-npmrc-auth'],
  },
  {
    name: '.pypirc password',
    path: 'root/.pypirc',
    text: `[pypi]\nusername = __token__\npassword = pypi-${fakeChars(50, 'pypi')}\n`,
    want: ['TG-SECRET-pypirc-password'],
  },
  {
    name: 'Docker config auth',
    path: 'root/.docker/config.json',
    text: `{"auths":{"r.example.com":{"auth":"${Buffer.from('u:p4ssw0rd!').toString('base64')}"}}}`,
    want: ['TG-SECRET-docker-config-auth'],
  },
  {
    name: 'RSA private key',
    path: 'etc/ssl/private/server.key',
    text: s.privateKey,
    want: ['TG-SECRET-private-key'],
  },
  {
    name: 'OpenSSH private key',
    path: 'root/.ssh/id_ed25519',
    text: fakePrivateKey('ossh', 'OPENSSH '),
    want: ['TG-SECRET-private-key'],
  },
  { name: 'JWT', path: 'app/config.js', text: `auth: "Bearer ${s.jwt}"`, want: ['TG-SECRET-jwt'] },
  {
    name: 'password in .env',
    path: 'app/.env',
    text: `DB_HOST=db\nDB_PASSWORD=${s.password}\n`,
    want: ['TG-SECRET-config-password'],
  },
  {
    name: 'password in YAML',
    path: 'app/config.yaml',
    text: `db:\n  password: ${s.password}\n`,
    want: ['TG-SECRET-config-password'],
  },
  {
    name: 'client secret in JSON',
    path: 'app/settings.json',
    text: `{"client_secret": "${s.password}"}`,
    want: ['TG-SECRET-config-password'],
  },
  {
    name: 'two secrets on two lines',
    path: 'app/x.sh',
    text: `A=${s.githubToken}\nB=${s.npmToken}\n`,
    want: ['TG-SECRET-github-token', 'TG-SECRET-npm-token'],
  },
  // sad path: look-alikes, placeholders and published examples are not secrets
  { name: "AWS's documented example key id", path: 'app/doc.txt', text: 'AKIAIOSFODNN7EXAMPLE', want: [] },
  {
    name: "AWS's documented example secret",
    path: 'root/.aws/credentials',
    text: 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    want: [],
  },
  {
    name: "jwt.io's sample token",
    path: 'app/a.js',
    text: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    want: [],
  },
  { name: 'a token one character short', path: 'app/a.txt', text: `ghp_${fakeChars(35, 'short')}`, want: [] },
  { name: 'a Stripe test key', path: 'app/a.txt', text: `sk_test_${fakeChars(24, 'st')}`, want: [] },
  {
    name: 'eyJ base64 that is not a JWT',
    path: 'app/a.txt',
    text: `eyJ${fakeChars(20, 'a')}.eyJ${fakeChars(20, 'b')}.${fakeChars(20, 'c')}`,
    want: [],
  },
  {
    name: 'a private key stub from documentation',
    path: 'app/README.txt',
    text: '-----BEGIN RSA PRIVATE KEY-----\nMIIE...\n-----END RSA PRIVATE KEY-----',
    want: [],
  },
  {
    name: 'a public key',
    path: 'root/.ssh/id_rsa.pub',
    text: `ssh-rsa ${fakeChars(300, 'pub', 'ABCDEFabcdef0123456789+/')} me@host`,
    want: [],
  },
  {
    name: '.npmrc reading its token from the environment',
    path: 'app/.npmrc',
    text: '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n',
    want: [],
  },
  {
    name: 'Docker config with a credential helper only',
    path: 'root/.docker/config.json',
    text: '{"credsStore":"desktop"}',
    want: [],
  },
  {
    name: 'password placeholders',
    path: 'app/.env',
    text: 'DB_PASSWORD=changeme\nAPI_SECRET=${API_SECRET}\nPASSWORD_FILE=/run/secrets/db\nSECRET=<your secret>\n',
    want: [],
  },
  { name: 'a commented-out password', path: 'etc/app.conf', text: `# password = ${s.password}\n`, want: [] },
  {
    name: 'keys that name a secret',
    path: 'k8s/deploy.yaml',
    text: 'secretName: db-credentials\npasswordPolicy: strict-mode\n',
    want: [],
  },
  {
    name: 'a password outside configuration files',
    path: 'app/main.py',
    text: `password = "${s.password}"`,
    want: [],
  },
];

for (const c of cases) {
  test(`secret rules: ${c.name}`, () => {
    const hits = scanFile(rules, c.path, Buffer.from(c.text));
    assert.deepEqual(
      hits.map((h) => h.check.id),
      c.want,
    );
    for (const h of hits) {
      // at most 4 + '…' + 4 characters of any secret are ever shown
      assert.ok(
        h.hit.evidence!.length <= 9 || /^\[\d+ characters\]$/.test(h.hit.evidence!),
        `evidence ${h.hit.evidence}`,
      );
      assert.equal(h.hit.location, c.path);
    }
  });
}

test('secret rules: the hit names the line and shows only first and last 4 characters', () => {
  const [hit] = scanFile(rules, 'app/.env', Buffer.from(`A=1\n\nGH=${s.githubToken}\n`));
  assert.equal(hit!.hit.line, 3);
  assert.equal(hit!.hit.evidence, redact(s.githubToken));
  assert.equal(hit!.hit.evidence, `ghp_…${s.githubToken.slice(-4)}`);
});

test('secret rules: every rule has keywords, and each case above finds each rule at least once', () => {
  const covered = new Set(cases.flatMap((c) => c.want));
  for (const r of rules) {
    assert.ok(r.keywords.length > 0, `${r.id} has no keywords`);
    assert.ok(covered.has(r.id), `${r.id} has no happy-path case`);
  }
});

test('secret rules: hits in test fixtures and third-party trees are suppressed, with the reason', () => {
  const cases2 = [
    ['app/tests/fixtures/key.pem', 'inside a test-fixture or example directory'],
    ['app/node_modules/jsonwebtoken/test/jwt.js', 'inside a third-party package tree'],
    ['usr/lib/python3/dist-packages/x/keys.py', 'inside a third-party package tree'],
  ] as const;
  for (const [path, reason] of cases2) {
    const [hit] = scanFile(rules, path, Buffer.from(`k = "${s.githubToken}"`));
    assert.deepEqual(hit!.hit.suppressed, { by: 'tidegate-allowlist', reason }, path);
  }
});

test('secret rules: invalid UTF-8 and control bytes do not stop the scan', () => {
  const text = Buffer.concat([
    Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x1b]),
    Buffer.from(`\nT=${s.githubToken}\n`),
  ]);
  assert.deepEqual(
    scanFile(rules, 'app/blob.txt', text).map((h) => h.hit.line),
    [2],
  );
});

test('secret rules: keywords inside longer keywords still select their rules', () => {
  // `SECRET` (config-password) lies inside `AWS_SECRET` and `SECRET_ACCESS_KEY` (aws-secret-access-key);
  // the value is not 40 characters, so only the generic rule can report it
  const text = `AWS_SECRET_ACCESS_KEY=${s.password}\n`;
  assert.deepEqual(
    scanFile(rules, 'app/.env', Buffer.from(text)).map((h) => h.check.id),
    ['TG-SECRET-config-password'],
  );
});

test('secret rules: a keyword across a 64 KiB window boundary is still found', () => {
  for (const pad of [65536 - 2, 65536 - 4, 65536])
    assert.deepEqual(
      scanFile(rules, 'app/x.txt', Buffer.from(`${'#'.repeat(pad)}${s.githubToken}\n`)).map(
        (h) => h.check.id,
      ),
      ['TG-SECRET-github-token'],
      `padding ${pad}`,
    );
});
