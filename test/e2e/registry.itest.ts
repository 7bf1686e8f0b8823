import assert from 'node:assert/strict';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli, type CliRun } from '../helpers/cli.js';
import { buildOciImage } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { pushImage, startRegistry, TEST_USERS, type TestRegistry } from '../helpers/registry.js';
import { expectExit, expectOneLineError } from '../helpers/traits.js';

let work: string;
let oci: string;
let emptyDockerConfig: string;
const password = TEST_USERS.alice!;

const wantPackages = ['libc6@2.36-9+deb12u1', 'lodash@4.17.15', 'minimist@1.2.6', 'zlib1g@1:1.2.13.dfsg-1'];

async function setup(): Promise<void> {
  work = await mkdtemp(join(tmpdir(), 'tidegate-registry-e2e-'));
  emptyDockerConfig = join(work, 'no-docker-config');
  await mkdir(emptyDockerConfig);
  oci = await buildOciImage(work, 'app', [
    {
      history: 'ADD debian-base /',
      tree: {
        'etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
        'var/lib/dpkg/status': [
          'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u1\n',
          'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n',
        ].join('\n'),
      },
    },
    {
      history: 'COPY node_modules /app/node_modules',
      tree: {
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.15' }),
        'app/node_modules/minimist/package.json': JSON.stringify({ name: 'minimist', version: '1.2.6' }),
      },
    },
  ]);
  await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'not-in-any-image', [{ introduced: '0' }])]);
}
// Suites' hooks may start before top-level ones finish, so every suite awaits this.
const ready = setup();
after(() => rm(work, { recursive: true, force: true }));

/** Runs `tidegate scan … --format json` against an isolated Docker config and cache. */
function scanRef(
  ref: string,
  extra: string[] = [],
  opts: { env?: Record<string, string>; input?: string } = {},
) {
  return runCli(['scan', ref, '--db', join(work, 'osv'), '--format', 'json', '--no-cache', ...extra], {
    env: { DOCKER_CONFIG: emptyDockerConfig, ...opts.env },
    ...(opts.input !== undefined ? { input: opts.input } : {}),
  });
}

function packagesOf(r: CliRun): string[] {
  expectExit(r, 0);
  return (JSON.parse(r.stdout) as ScanResult).packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('registry without auth', () => {
  let reg: TestRegistry;
  before(async () => {
    await ready;
    reg = await startRegistry('none');
    await pushImage(`oci:${oci}:latest`, reg, 'app:oci', { format: 'oci' });
    await pushImage(`oci:${oci}:latest`, reg, 'app:v2s2', { format: 'v2s2' });
  });
  after(() => reg.stop());

  for (const tag of ['oci', 'v2s2']) {
    test(`registry: an ${tag} manifest lists the same packages as the OCI layout`, async () => {
      const local = packagesOf(await scanRef(`oci:${oci}:latest`));
      assert.deepEqual(local, wantPackages);
      const r = await scanRef(`registry:${reg.host}/app:${tag}`, ['--insecure-registry', '127.0.0.1']);
      assert.deepEqual(packagesOf(r), wantPackages);
      const image = (JSON.parse(r.stdout) as ScanResult).image;
      assert.equal(image.source, 'registry');
      assert.deepEqual(
        image.layers.map((l) => l.createdBy),
        ['ADD debian-base /', 'COPY node_modules /app/node_modules'],
      );
    });
  }

  test('registry: a digest reference and the docker:// spelling work', async () => {
    const first = JSON.parse(
      (await scanRef(`registry:${reg.host}/app:oci`, ['--insecure-registry', '127.0.0.1'])).stdout,
    ) as ScanResult;
    const r = await scanRef(`docker://${reg.host}/app@${first.image.digest}`, [
      '--insecure-registry',
      reg.host,
    ]);
    assert.deepEqual(packagesOf(r), wantPackages);
  });

  test('registry: a bare name falls back from the absent daemon to the registry and says so', async () => {
    const r = await scanRef(`${reg.host}/app:oci`, ['--insecure-registry', '127.0.0.1'], {
      env: { DOCKER_HOST: `unix://${join(work, 'no-daemon.sock')}` },
    });
    assert.deepEqual(packagesOf(r), wantPackages);
    assert.match(r.stderr, /cannot reach the Docker daemon .*trying registry/);
    assert.match(r.stderr, /reading .* from registry/);
  });

  test('exit 2: plain HTTP without --insecure-registry names the flag', async () => {
    const r = await scanRef(`registry:${reg.host}/app:oci`);
    expectExit(r, 2);
    expectOneLineError(r, new RegExp(`plain HTTP only; pass --insecure-registry ${reg.host}`));
  });

  test('exit 2: an unknown tag is a 404 naming the reference', async () => {
    const r = await scanRef(`registry:${reg.host}/app:nope`, ['--insecure-registry', '127.0.0.1']);
    expectExit(r, 2);
    expectOneLineError(r, new RegExp(`manifest not found in the registry \\(404\\): ${reg.host}/app:nope`));
  });
});

describe('registry with htpasswd Basic auth', () => {
  let reg: TestRegistry;
  let ref: string;
  before(async () => {
    await ready;
    reg = await startRegistry('basic');
    ref = `registry:${await pushImage(`oci:${oci}:latest`, reg, 'private/app:1')}`;
  });
  after(() => reg.stop());
  const insecure = ['--insecure-registry', '127.0.0.1'];

  test('basic: --username with --password-stdin', async () => {
    assert.deepEqual(
      packagesOf(
        await scanRef(ref, [...insecure, '--username', 'alice', '--password-stdin'], {
          input: `${password}\n`,
        }),
      ),
      wantPackages,
    );
  });

  test('basic: TIDEGATE_REGISTRY_USERNAME and TIDEGATE_REGISTRY_PASSWORD', async () => {
    const env = { TIDEGATE_REGISTRY_USERNAME: 'alice', TIDEGATE_REGISTRY_PASSWORD: password };
    assert.deepEqual(packagesOf(await scanRef(ref, insecure, { env })), wantPackages);
  });

  test('basic: auths in $DOCKER_CONFIG/config.json', async () => {
    const dir = join(work, 'docker-auths');
    await mkdir(dir, { recursive: true });
    const auth = Buffer.from(`alice:${password}`).toString('base64');
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [`http://${reg.host}`]: { auth } } }),
    );
    assert.deepEqual(packagesOf(await scanRef(ref, insecure, { env: { DOCKER_CONFIG: dir } })), wantPackages);
  });

  test('basic: credHelpers run a docker-credential-* program from PATH', async () => {
    const dir = join(work, 'docker-helper');
    const bin = join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    const helper = join(bin, 'docker-credential-tgtest');
    const script = `#!/bin/sh\nread server\nif [ "$1" = get ] && [ "$server" = "${reg.host}" ]; then\n  printf '{"ServerURL":"%s","Username":"alice","Secret":"${password}"}' "$server"\nelse\n  echo "credentials not found in native keychain"; exit 1\nfi\n`;
    await writeFile(helper, script);
    await chmod(helper, 0o755);
    await writeFile(join(dir, 'config.json'), JSON.stringify({ credHelpers: { [reg.host]: 'tgtest' } }));
    const env = { DOCKER_CONFIG: dir, PATH: `${bin}:${process.env.PATH}` };
    assert.deepEqual(packagesOf(await scanRef(ref, insecure, { env })), wantPackages);
  });

  test('exit 2: anonymous access is refused with a 401 that says how to log in', async () => {
    const r = await scanRef(ref, insecure);
    expectExit(r, 2);
    expectOneLineError(
      r,
      /registry refused .*private\/app:1 \(401 Unauthorized, anonymously\).*--password-stdin/,
    );
  });

  test('exit 2: a wrong password names where the credentials came from, never the password', async () => {
    const r = await scanRef(ref, [...insecure, '--username', 'alice', '--password-stdin'], {
      input: 'not-the-password',
    });
    expectExit(r, 2);
    expectOneLineError(r, /401 Unauthorized, with credentials from --username\/--password-stdin/);
    assert.ok(!r.stderr.includes('not-the-password'));
  });
});

describe('registry with token auth', () => {
  let reg: TestRegistry;
  let ref: string;
  before(async () => {
    await ready;
    reg = await startRegistry('token');
    ref = `registry:${await pushImage(`oci:${oci}:latest`, reg, 'private/app:1')}`;
  });
  after(() => reg.stop());
  const insecure = ['--insecure-registry', '127.0.0.1'];

  test('token: no token, password or Basic header appears in logs, output or reports, even with --debug', async () => {
    const out = join(work, 'token-reports');
    const env = { TIDEGATE_REGISTRY_USERNAME: 'alice', TIDEGATE_REGISTRY_PASSWORD: password };
    const r = await runCli(
      [
        'scan',
        ref,
        '--db',
        join(work, 'osv'),
        '--no-cache',
        '--debug',
        '--format',
        'json,table',
        '--output-dir',
        out,
        ...insecure,
      ],
      {
        env: { DOCKER_CONFIG: emptyDockerConfig, ...env },
      },
    );
    expectExit(r, 0);
    assert.ok(reg.tokens!.issued.length > 0, 'the token server issued no token');
    assert.match(r.stderr, /token from http:\/\/127\.0\.0\.1:\d+\/token for repository:private\/app:pull/);
    const texts = [
      r.stdout,
      r.stderr,
      ...(await Promise.all((await readdir(out)).map((f) => readFile(join(out, f), 'utf8')))),
    ];
    const secrets = [password, Buffer.from(`alice:${password}`).toString('base64'), ...reg.tokens!.issued];
    for (const s of secrets)
      for (const t of texts) assert.ok(!t.includes(s), `a secret leaked: ${s.slice(0, 12)}…`);
  });

  test('token: an identity token in config.json uses the OAuth2 refresh-token grant', async () => {
    const dir = join(work, 'docker-identity');
    await mkdir(dir, { recursive: true });
    await writeFile(
      join(dir, 'config.json'),
      JSON.stringify({ auths: { [reg.host]: { identitytoken: reg.tokens!.identityToken } } }),
    );
    assert.deepEqual(packagesOf(await scanRef(ref, insecure, { env: { DOCKER_CONFIG: dir } })), wantPackages);
    assert.ok(reg.tokens!.requests.some((l) => l.startsWith('POST alice repository:private/app:pull')));
  });

  test('exit 2: the token server refusing the password is a clear error', async () => {
    const env = { TIDEGATE_REGISTRY_USERNAME: 'alice', TIDEGATE_REGISTRY_PASSWORD: 'wrong' };
    const r = await scanRef(ref, insecure, { env });
    expectExit(r, 2);
    expectOneLineError(r, /token server http:\/\/127\.0\.0\.1:\d+\/token refused a token: 401/);
  });

  test('exit 2: anonymous pulls get a token without access, then a 401', async () => {
    const r = await scanRef(ref, insecure);
    expectExit(r, 2);
    expectOneLineError(r, /401 Unauthorized, anonymously/);
  });
});
