import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { redact, type ScanResult } from '@tidegate/core';
import { fakeChars, fakeGcpServiceAccount, fakePrivateKey, fakeSecrets } from '@tidegate/core/testing';
import { runCli, type CliRun } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { buildahCommit, imageStore, podmanBuild, type Files, type ImageStore } from '../helpers/podman.js';
import { expectExit } from '../helpers/traits.js';

// Secrets in real images, one kind per image: in the config and history (CIS 4.10) and in file
// contents, including a file a later layer deleted. Every scan's JSON, table and debug log is
// searched for each fake secret: none may appear in full.

let work: string;
let db: string;
let store: ImageStore;

const s = fakeSecrets('e2e-secrets');
const legacyNpmToken = fakeChars(36, 'legacy-npm', 'abcdef0123456789');
const pypiToken = `pypi-${fakeChars(60, 'pypi')}`;
/** Every secret the images carry. */
const SECRETS = [...Object.values(s).filter((v) => !v.includes('\n')), legacyNpmToken, pypiToken];

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-secrets-'));
  store = imageStore(work);
  db = await writeOsvDir(join(work, 'osv'), [
    osvRecord('GHSA-none', 'npm', 'not-installed', [{ introduced: '0' }]),
  ]);
});
after(() => rm(work, { recursive: true, force: true }));

const RUN_SH: Files = { 'app/run': { mode: 0o755, content: '#!/bin/sh\necho ok\n' } };
const TOP = ['FROM scratch', 'COPY app/ /app/'];
const OK = ['USER 1000:1000', 'HEALTHCHECK CMD ["/app/run"]'];

const podman = (name: string, lines: string[], files: Files = {}) =>
  podmanBuild(store, name, lines, { ...RUN_SH, ...files });
/** An image holding `files` at their paths; nothing else wrong with it. */
const withFiles = (name: string, files: Files) =>
  podman(
    name,
    [...TOP, 'COPY extra/ /', ...OK],
    Object.fromEntries(Object.entries(files).map(([p, v]) => [`extra/${p}`, v])),
  );
const buildah = (name: string, createdBy: string, files: Files = {}, remove: string[] = []) =>
  buildahCommit(store, name, {
    createdBy,
    files: { ...RUN_SH, ...files },
    remove,
    config: ['--user', '1000:1000', '--healthcheck', 'CMD /app/run'],
  });

/** The CLI with a layer cache private to this test file. */
const cli = (args: string[]) => runCli(args, { env: { TIDEGATE_CACHE_DIR: join(work, 'cache') } });

async function scanJson(archive: string): Promise<{ run: CliRun; result: ScanResult }> {
  const run = await cli(['scan', `docker-archive:${archive}`, '--db', db, '--format', 'json']);
  return { run, result: JSON.parse(run.stdout) as ScanResult };
}

function summary(findings: ScanResult['findings']): string[] {
  return findings.map((f) => `${f.ruleId} ${f.location}${f.line !== undefined ? `:${f.line}` : ''}`).sort();
}

/**
 * No secret in full in the JSON report, the table, or the debug log. The table run reads the
 * layers from the cache the JSON run filled, so it also shows that cached layers keep their hits.
 */
async function expectNoSecretPrinted(
  archive: string,
  json: CliRun,
  shown: ScanResult['findings'],
): Promise<void> {
  const table = await cli(['scan', `docker-archive:${archive}`, '--db', db, '--debug']);
  for (const f of shown.filter((x) => !x.suppressed)) assert.ok(table.stdout.includes(f.ruleId), f.ruleId);
  for (const out of [json.stdout, json.stderr, table.stdout, table.stderr])
    for (const secret of SECRETS)
      assert.ok(!out.includes(secret), `a secret was printed: ${secret.slice(0, 4)}…`);
}

const cases: {
  name: string;
  build: () => Promise<string>;
  want: string[];
  exit: 0 | 1;
  also?: (r: ScanResult) => void;
}[] = [
  // CIS 4.10: config and history
  {
    name: 'a password in ENV',
    build: () => podman('env', [...TOP, `ENV DB_PASSWORD=${s.password}`, ...OK]),
    want: ['TG-CIS-4.10 config.Env.DB_PASSWORD'],
    exit: 1,
  },
  {
    name: 'a token in a LABEL, masked in the report’s labels',
    build: () => podman('label', [...TOP, `LABEL ci.token=${s.githubToken}`, ...OK]),
    want: ['TG-CIS-4.10 config.Labels.ci.token'],
    exit: 1,
    also: (r) => assert.equal(r.image.labels['ci.token'], redact(s.githubToken)),
  },
  {
    name: 'a token as a build arg',
    build: () => buildah('arg', `RUN |1 NPM_TOKEN=${s.npmToken} /bin/sh -c npm ci # buildkit`),
    want: ['TG-CIS-4.10 history[0].NPM_TOKEN'],
    exit: 1,
  },
  {
    name: 'a credential on a RUN command line, masked in the layer list',
    build: () => buildah('runcred', `/bin/sh -c curl -fsSu ci:${s.password} https://example.com/x`),
    want: ['TG-CIS-4.10 history[0]'],
    exit: 1,
    also: (r) =>
      assert.equal(
        r.image.layers[0]!.createdBy,
        `/bin/sh -c curl -fsSu ci:${redact(s.password)} https://example.com/x`,
      ),
  },
  // file contents
  {
    name: 'an SSH private key',
    build: () => withFiles('sshkey', { 'root/.ssh/id_ed25519': fakePrivateKey('e2e-ssh', 'OPENSSH ') }),
    want: ['TG-FILE-ssh-private-key root/.ssh/id_ed25519', 'TG-SECRET-private-key root/.ssh/id_ed25519:1'],
    exit: 1,
  },
  {
    name: 'AWS credentials',
    build: () =>
      withFiles('aws', {
        'root/.aws/credentials': `[default]\naws_access_key_id = ${s.awsAccessKeyId}\naws_secret_access_key = ${s.awsSecretAccessKey}\n`,
      }),
    want: [
      'TG-FILE-aws-credentials root/.aws/credentials',
      'TG-SECRET-aws-access-key-id root/.aws/credentials:2',
      'TG-SECRET-aws-secret-access-key root/.aws/credentials:3',
    ],
    exit: 1,
  },
  {
    name: 'a Docker config with a login',
    build: () =>
      withFiles('docker', {
        'root/.docker/config.json': JSON.stringify({
          auths: { 'r.example.com': { auth: Buffer.from(`ci:${s.password}`).toString('base64') } },
        }),
      }),
    want: [
      'TG-FILE-docker-config root/.docker/config.json',
      'TG-SECRET-docker-config-auth root/.docker/config.json:1',
    ],
    exit: 1,
  },
  {
    name: 'an .npmrc token',
    build: () =>
      withFiles('npmrc', { 'app/.npmrc': `//registry.example.com/:_authToken=${legacyNpmToken}\n` }),
    want: ['TG-SECRET-npmrc-auth app/.npmrc:1'],
    exit: 1,
  },
  {
    name: 'a .pypirc password',
    build: () =>
      withFiles('pypirc', { 'root/.pypirc': `[pypi]\nusername = __token__\npassword = ${pypiToken}\n` }),
    want: ['TG-SECRET-pypirc-password root/.pypirc:3'],
    exit: 1,
  },
  {
    name: 'a GitHub token in a script',
    build: () => withFiles('github', { 'app/deploy.sh': `#!/bin/sh\nGH_TOKEN=${s.githubToken} ./push\n` }),
    want: ['TG-SECRET-github-token app/deploy.sh:2'],
    exit: 1,
  },
  {
    name: 'a GitLab token',
    build: () => withFiles('gitlab', { 'app/ci.txt': s.gitlabToken }),
    want: ['TG-SECRET-gitlab-token app/ci.txt:1'],
    exit: 1,
  },
  {
    name: 'a Slack token',
    build: () => withFiles('slack', { 'app/bot.js': `const t = '${s.slackToken}';\n` }),
    want: ['TG-SECRET-slack-token app/bot.js:1'],
    exit: 1,
  },
  {
    name: 'a Stripe live key',
    build: () => withFiles('stripe', { 'app/pay.rb': `KEY = "${s.stripeKey}"\n` }),
    want: ['TG-SECRET-stripe-live-key app/pay.rb:1'],
    exit: 1,
  },
  {
    name: 'an npm token',
    build: () => withFiles('npm', { 'app/publish.sh': `export NPM=${s.npmToken}\n` }),
    want: ['TG-SECRET-npm-token app/publish.sh:1'],
    exit: 1,
  },
  {
    name: 'a GCP service-account key',
    build: () => withFiles('gcp', { 'app/sa.json': fakeGcpServiceAccount('e2e-secrets') }),
    want: ['TG-SECRET-gcp-service-account app/sa.json:5'],
    exit: 1,
  },
  {
    name: 'a JWT',
    build: () =>
      withFiles('jwt', { 'app/client.js': `fetch(u, { headers: { Authorization: 'Bearer ${s.jwt}' } });\n` }),
    want: ['TG-SECRET-jwt app/client.js:1'],
    exit: 1,
  },
  {
    name: 'a password in a config file',
    build: () => withFiles('cfgpw', { 'app/config/app.yaml': `db:\n  password: ${s.password}\n` }),
    want: ['TG-SECRET-config-password app/config/app.yaml:2'],
    exit: 1,
  },
  {
    name: 'a secret in a file a later layer deleted, reported with the layer that holds it',
    build: () =>
      buildah('deleted', 'COPY . / # buildkit', { 'app/token.txt': s.githubToken }, ['app/token.txt']),
    want: ['TG-SECRET-github-token app/token.txt:1'],
    exit: 1,
    also: (r) => {
      const f = r.findings[0]!;
      assert.equal(f.layer?.index, 0);
      assert.match(f.description!, /deleted by a later layer, but still stored in layer 1\)$/);
      assert.equal(f.evidence, redact(s.githubToken));
    },
  },
  {
    name: 'a private key in a test-fixture directory is reported as suppressed',
    build: () => withFiles('fixture', { 'app/tests/fixtures/server.key': fakePrivateKey('e2e-fixture') }),
    want: ['TG-SECRET-private-key app/tests/fixtures/server.key:1'],
    exit: 0,
    also: (r) => {
      assert.deepEqual(r.findings[0]!.suppressed, {
        by: 'tidegate-allowlist',
        reason: 'inside a test-fixture or example directory',
      });
      assert.equal(r.verdict.status, 'pass');
    },
  },
];

for (const c of cases) {
  test(`secrets: ${c.name}`, async () => {
    const archive = await c.build();
    const { run, result } = await scanJson(archive);
    expectExit(run, c.exit);
    assert.deepEqual(summary(result.findings), [...c.want].sort());
    if (c.exit === 1) assert.ok(result.verdict.reasons.some((r) => r.rule === 'findings.secret.severity'));
    c.also?.(result);
    await expectNoSecretPrinted(archive, run, result.findings);
  });
}

test('secrets: binary garbage and a huge file are skipped with a note, never a crash', async () => {
  const garbage = Buffer.concat([
    Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]),
    Buffer.from(s.githubToken),
    Buffer.alloc(4096, 0xff),
  ]);
  const huge = `${'x'.repeat(80)}\n`.repeat(20_000) + `T=${s.githubToken}\n`;
  const archive = await withFiles('binary', { 'app/blob': garbage, 'app/huge.log': huge });
  const { run, result } = await scanJson(archive);
  expectExit(run, 0);
  assert.deepEqual(summary(result.findings), []);
  assert.deepEqual(result.issues, []);
  assert.match(
    run.stderr,
    /secret scan: read \d+ text files \(.*\); skipped 1 binary files and 1 files over 1\.0 MiB/,
  );
  const debug = await cli(['scan', `docker-archive:${archive}`, '--db', db, '--debug', '--no-cache']);
  assert.match(debug.stderr, /debug: secret scan: not read \(over 1\.0 MiB\): app\/huge\.log/);
});
