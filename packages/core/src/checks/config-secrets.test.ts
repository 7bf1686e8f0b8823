import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configInput } from '../testing/check-inputs.js';
import { fakeSecrets } from '../testing/secrets.js';
import type { ConfigInput, ContentCheck } from './check.js';
import { configSecrets, isSecretName, maskConfigSecrets } from './config-secrets.js';
import { checks } from './registry.js';
import { redact } from './secret-values.js';

const s = fakeSecrets('config');
const rules = checks.filter((c): c is ContentCheck => c.kind === 'content');

function withRules(input: ConfigInput): ConfigInput {
  return { ...input, contentChecks: rules };
}

const cases: { name: string; input: ConfigInput; want: string[] }[] = [
  // happy path: secrets found, by name or by shape
  {
    name: 'a secret-named ENV',
    input: configInput({ Env: ['PATH=/bin', `DB_PASSWORD=${s.password}`] }),
    want: ['config.Env.DB_PASSWORD'],
  },
  {
    name: 'a token-shaped ENV under a bland name',
    input: configInput({ Env: [`GH=${s.githubToken}`] }),
    want: ['config.Env.GH'],
  },
  {
    name: 'a secret-named LABEL',
    input: configInput({ Labels: { 'com.example.api-token': s.password } }),
    want: ['config.Labels.com.example.api-token'],
  },
  {
    name: 'a URL with a password',
    input: configInput({ Env: [`DATABASE_URL=postgres://app:${s.password}@db/app`] }),
    want: ['config.Env.DATABASE_URL'],
  },
  {
    name: 'a build arg of a RUN step',
    input: configInput({}, [`|1 NPM_TOKEN=${s.npmToken} /bin/sh -c npm ci`]),
    want: ['history[0].NPM_TOKEN'],
  },
  {
    name: 'an ARG default (BuildKit)',
    input: configInput({}, [`ARG GITHUB_TOKEN=${s.githubToken}`]),
    want: ['history[0].GITHUB_TOKEN'],
  },
  {
    name: 'an ENV later overwritten is still in the history',
    input: configInput({ Env: ['API_KEY='] }, [
      `/bin/sh -c #(nop) ENV API_KEY=${s.password}`,
      '/bin/sh -c #(nop) ENV API_KEY=',
    ]),
    want: ['history[0].API_KEY'],
  },
  {
    name: 'a token in a RUN command',
    input: configInput({}, [`/bin/sh -c curl -H "Authorization: token ${s.githubToken}" https://x`]),
    want: ['history[0]'],
  },
  // sad path
  {
    name: 'an ENV still in the final config is reported once',
    input: configInput({ Env: [`API_TOKEN=${s.password}`] }, [
      `/bin/sh -c #(nop) ENV API_TOKEN=${s.password}`,
    ]),
    want: ['config.Env.API_TOKEN'],
  },
  {
    name: 'placeholders',
    input: configInput({ Env: ['DB_PASSWORD=', 'API_TOKEN=${TOKEN}', 'SECRET_KEY=changeme'] }),
    want: [],
  },
  {
    name: 'names pointing at secrets',
    input: configInput({
      Env: [
        'POSTGRES_PASSWORD_FILE=/run/secrets/pg',
        'TOKEN_URL=https://auth/token',
        'AWS_ACCESS_KEY_ID_NAME=x',
      ],
    }),
    want: [],
  },
  {
    name: "a public key fingerprint (python images' GPG_KEY)",
    input: configInput({ Env: ['GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D'] }),
    want: [],
  },
  {
    name: 'ordinary ENV, LABEL and RUN',
    input: configInput({ Env: ['PATH=/usr/bin', 'PWD=/app'], Labels: { maintainer: 'me' } }, [
      '/bin/sh -c make',
    ]),
    want: [],
  },
];

for (const c of cases) {
  test(`TG-CIS-4.10: ${c.name}`, () => {
    const hits = configSecrets.run(withRules(c.input));
    assert.deepEqual(
      hits.map((h) => h.location),
      c.want,
    );
    for (const h of hits) {
      assert.ok(
        !h.evidence!.includes(s.password) &&
          !h.evidence!.includes(s.githubToken) &&
          !h.evidence!.includes(s.npmToken),
      );
      assert.ok(!h.detail.includes(s.password));
    }
  });
}

test('TG-CIS-4.10: evidence names the variable and shows the redacted value', () => {
  const [hit] = configSecrets.run(withRules(configInput({ Env: [`DB_PASSWORD=${s.password}`] })));
  assert.equal(hit!.evidence, `DB_PASSWORD=${s.password.slice(0, 4)}…${s.password.slice(-4)}`);
  assert.equal(hit!.detail, 'ENV DB_PASSWORD holds a secret-named value');
});

const nameCases: [string, boolean][] = [
  ['DB_PASSWORD', true],
  ['MYSQL_ROOT_PASSWORD', true],
  ['NPM_TOKEN', true],
  ['AWS_SECRET_ACCESS_KEY', true],
  ['api-key', true],
  ['SECRET_KEY_BASE', true],
  ['GPG_KEY', false],
  ['PWD', false],
  ['PASSWORD_FILE', false],
  ['AWS_ACCESS_KEY_ID', false],
  ['TOKENIZER_MODEL', false],
];
for (const [name, want] of nameCases)
  test(`isSecretName: ${name} → ${want}`, () => assert.equal(isSecretName(name), want));

test('maskConfigSecrets: ENV, LABEL and history lines keep only the redacted form of each secret', () => {
  const { config } = configInput(
    {
      Env: ['PATH=/bin', `DB_PASSWORD=${s.password}`],
      Labels: { 'ci.token': s.githubToken, maintainer: 'me' },
    },
    [
      `|1 NPM_TOKEN=${s.npmToken} /bin/sh -c npm ci`,
      `/bin/sh -c curl -u ci:${s.password} https://x`,
      `/bin/sh -c #(nop) LABEL ci.token=${s.githubToken}`,
      'COPY . /app # buildkit',
    ],
  );
  const masked = maskConfigSecrets(config, rules);
  const text = JSON.stringify(masked);
  for (const secret of [s.password, s.githubToken, s.npmToken])
    assert.ok(!text.includes(secret), secret.slice(0, 4));
  assert.deepEqual(masked.config!.Env, ['PATH=/bin', `DB_PASSWORD=${redact(s.password)}`]);
  assert.deepEqual(masked.config!.Labels, { 'ci.token': redact(s.githubToken), maintainer: 'me' });
  assert.equal(masked.history![0]!.created_by, `|1 NPM_TOKEN=${redact(s.npmToken)} /bin/sh -c npm ci`);
  assert.equal(masked.history![3]!.created_by, 'COPY . /app # buildkit');
  assert.deepEqual(config.config!.Labels!['ci.token'], s.githubToken, 'the input is not modified');
});

test('maskConfigSecrets: a config without secrets comes back equal', () => {
  const { config } = configInput({ Env: ['PATH=/bin'], User: 'app' }, ['COPY . /app']);
  assert.deepEqual(maskConfigSecrets(config, rules), config);
});

const optionCases: [string, boolean][] = [
  [`curl -u ci:${s.password} https://x`, true],
  [`curl -fsSLu ci:${s.password} https://x`, true],
  [`curl --user=ci:${s.password} https://x`, true],
  [`mysql --password=${s.password} -e 'select 1'`, true],
  [`tool --token ${s.password}`, true],
  ['docker login --password-stdin < /run/secrets/pw', false],
  ['curl -u ci:$CI_PASSWORD https://x', false],
  ['tar -u file', false],
  ['docker run -u 1000:1000 img', false],
  ['chown -Ru node:nogroup /app', false],
];
for (const [command, want] of optionCases)
  test(`TG-CIS-4.10: credentials on a command line: ${command.slice(0, 30)} → ${want}`, () => {
    const hits = configSecrets.run(withRules(configInput({}, [`/bin/sh -c ${command}`])));
    assert.deepEqual(
      hits.map((h) => h.detail),
      want ? ["a RUN step's command holds a credential on a command line"] : [],
    );
  });
