import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import YAML from 'yaml';
import { runJob } from '../helpers/circleci.js';
import type { OrbPins } from '../helpers/orb.js';

// The release's packages published to a loopback npm registry (verdaccio, uplinks {}: it knows
// nothing else) and installed the way the orb and the Jenkins step install them, through
// npm_config_registry, verified against the pins the release wrote (issue 14). A second registry
// serves a tampered @tidegate/cli under the same version: both installs refuse it.

const root = repoRoot();
const installSh = join(root, 'jenkins-shared-lib', 'resources', 'io', 'tidegate', 'install.sh');
let work: string;
let out: string;
let pins: OrbPins;
let good: Registry;
let bad: Registry;

interface Registry {
  url: string;
  process: ChildProcess;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts verdaccio on 127.0.0.1 with its own storage and no uplinks, and publishes `tarballs`. */
async function registry(name: string, tarballs: string[]): Promise<Registry> {
  const dir = join(work, name);
  await mkdir(dir, { recursive: true });
  const config = {
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: -1 } },
    uplinks: {},
    packages: { '**': { access: '$all', publish: '$all' } },
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  };
  await writeFile(join(dir, 'config.yaml'), YAML.stringify(config));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(
    join(root, 'node_modules', '.bin', 'verdaccio'),
    ['-c', join(dir, 'config.yaml'), '-l', `127.0.0.1:${port}`],
    {
      stdio: 'ignore',
    },
  );
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/-/ping`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i === 99) throw new Error('verdaccio did not start');
    await new Promise((r) => setTimeout(r, 200));
  }
  // any token will do: the registry lets anyone publish; npm only wants one to send
  await writeFile(join(dir, 'npmrc'), `//127.0.0.1:${port}/:_authToken=tidegate-test-token\n`);
  for (const t of tarballs)
    execFileSync('npm', ['publish', t, '--registry', url], {
      env: {
        ...process.env,
        npm_config_userconfig: join(dir, 'npmrc'),
        npm_config_cache: join(dir, 'npm-cache'),
      },
      stdio: 'pipe',
    });
  return { url, process: child };
}

/** npm's environment for an install from `reg`: its registry, an empty npm cache, no user config. */
function npmEnv(reg: Registry, home: string): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    npm_config_registry: reg.url,
    npm_config_cache: join(home, '.npm'),
    npm_config_userconfig: join(home, '.npmrc-none'),
  };
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-dist-'));
  out = join(work, 'release');
  const { release } = (await import(pathToFileURL(join(root, 'scripts', 'release.mjs')).href)) as {
    release(out: string): Promise<{ pins: OrbPins; cliTgz: string; coreTgz: string }>;
  };
  const r = await release(out);
  pins = r.pins;
  good = await registry('good', [r.coreTgz, r.cliTgz]);
  // the same name and version, one byte of code more: what a compromised registry or mirror serves
  const pkg = join(out, 'npm', 'cli');
  await appendFile(join(pkg, 'tidegate.mjs'), '\n// tampered\n');
  const tampered = join(work, 'tampered');
  await mkdir(tampered);
  execFileSync('npm', ['pack', '--pack-destination', tampered, pkg], { stdio: 'pipe' });
  bad = await registry('bad', [join(tampered, 'tidegate-cli-0.1.0.tgz')]);
});
after(async () => {
  good?.process.kill();
  bad?.process.kill();
  await rm(work, { recursive: true, force: true });
});

test('release: @tidegate/cli is the bundle and nothing else; @tidegate/core carries no tests or test support', () => {
  const list = (t: string) =>
    execFileSync('tar', ['tzf', join(out, t)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .sort();
  assert.deepEqual(list('tidegate-cli-0.1.0.tgz'), [
    'package/README.md',
    'package/licenses.txt',
    'package/package.json',
    'package/tidegate.mjs',
  ]);
  const cli = JSON.parse(
    execFileSync('tar', ['xzOf', join(out, 'tidegate-cli-0.1.0.tgz'), 'package/package.json'], {
      encoding: 'utf8',
    }),
  ) as Record<string, unknown>;
  assert.deepEqual(cli.bin, { tidegate: 'tidegate.mjs' });
  assert.equal(cli.dependencies, undefined, 'no runtime dependencies');
  const core = list('tidegate-core-0.1.0.tgz');
  assert.deepEqual(
    core.filter((f) => /\/(testing|testdata)\/|\.i?test\.|test-helpers|test-vectors/.test(f)),
    [],
  );
  const manifest = JSON.parse(readFileSync(join(root, 'packages', 'core', 'package.json'), 'utf8')) as {
    exports: Record<string, { default: string; types: string }>;
  };
  for (const [entry, e] of Object.entries(manifest.exports)) {
    if (entry === './testing') continue; // the tests' entry, left out of the package on purpose
    for (const f of [e.default, e.types])
      assert.ok(core.includes(`package/${f.replace(/^\.\//, '')}`), `${entry}: ${f}`);
  }
});

test('release: SHA256SUMS holds the bundle and both tarballs, and the bundle runs on its own', () => {
  const r = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: out, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.deepEqual(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => l.replace(/: OK$/, ''))
      .sort(),
    ['tidegate-cli-0.1.0.tgz', 'tidegate-core-0.1.0.tgz', 'tidegate.mjs'],
  );
  const v = spawnSync(process.execPath, [join(out, 'tidegate.mjs'), 'version'], {
    cwd: tmpdir(),
    encoding: 'utf8',
  });
  assert.equal(v.stdout, 'tidegate 0.1.0\n');
  const orb = YAML.parse(readFileSync(join(out, 'orb.yml'), 'utf8')) as {
    commands: { install: { parameters: Record<string, { default: string }> } };
  };
  assert.equal(orb.commands.install.parameters.bundle_sha256!.default, pins.bundleSha256);
});

/** The released orb's install command with source npm, then a step that runs the CLI, as CircleCI runs them. */
async function orbInstall(reg: Registry, name: string) {
  const dir = join(work, `orb-${name}`);
  const orb = YAML.parse(readFileSync(join(out, 'orb.yml'), 'utf8')) as Record<string, unknown>;
  return runJob({
    orb,
    steps: [
      { install: { source: 'npm', cache: false } },
      { run: { name: 'Run it', command: 'tidegate version' } },
    ],
    workdir: join(dir, 'project'),
    home: join(dir, 'home'),
    cacheStore: join(dir, 'cache'),
    env: { ...npmEnv(reg, join(dir, 'home')), CIRCLECI: 'true' },
  });
}

/** install.sh as the Jenkins step runs it for source npm (CliEnv.install), with real sh. */
function jenkinsInstall(reg: Registry, name: string) {
  const home = join(work, `jenkins-${name}`);
  return spawnSync('sh', ['-e', installSh], {
    encoding: 'utf8',
    env: {
      ...npmEnv(reg, home),
      TIDEGATE_CLI_VERSION: pins.version,
      TIDEGATE_CLI_SOURCE: 'npm',
      TIDEGATE_CLI_NPM_INTEGRITY: pins.npmIntegrity,
      TIDEGATE_CLI_DIR: join(home, 'cli'),
    },
  });
}

test('install from the loopback registry: the orb and the Jenkins step get the pinned @tidegate/cli and run it', async () => {
  const orb = await orbInstall(good, 'good');
  assert.equal(orb.failed, false, orb.log);
  assert.match(orb.log, /==== Run it\ntidegate 0\.1\.0\n/);
  const j = jenkinsInstall(good, 'good');
  assert.equal(j.status, 0, j.stderr);
  const cli = j.stdout.trim();
  assert.equal(spawnSync(cli, ['version'], { encoding: 'utf8' }).stdout, 'tidegate 0.1.0\n');
});

test('install from a registry serving a tampered tarball under the same version: both refuse it, nothing is installed', async () => {
  const orb = await orbInstall(bad, 'bad');
  const step = orb.steps.find((s) => s.name === 'Install the tidegate CLI')!;
  assert.equal(step.code, 2, orb.log);
  assert.match(
    step.output,
    /tidegate: error: @tidegate\/cli@0\.1\.0 has integrity sha512-\S+, not the pinned sha512-\S+: refused/,
  );
  assert.equal(orb.steps.find((s) => s.name === 'Run it')!.status, 'skipped');
  const j = jenkinsInstall(bad, 'bad');
  assert.equal(j.status, 2);
  assert.match(j.stderr, /not the pinned .*: refused/);
  assert.equal(j.stdout, '');
  assert.equal(existsSync(join(work, 'jenkins-bad', 'cli', 'cli-0.1.0-npm')), false);
  assert.ok((await readFile(installSh, 'utf8')).includes('never installed'));
});
