import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { buildahCommit, imageStore, podmanBuild, type Files, type ImageStore } from '../helpers/podman.js';
import { expectExit } from '../helpers/traits.js';

// Image checks on real images, one problem each (plus a clean image with none), built with
// `podman build` from Dockerfiles without RUN, or with buildah where only a RUN step could
// leave the problem in the history. Each is scanned through the CLI as a docker-archive.
// Secrets (CIS 4.10 and file contents): checks-secrets.itest.ts.

let work: string;
let db: string;
let store: ImageStore;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-checks-'));
  store = imageStore(work);
  db = await writeOsvDir(join(work, 'osv'), [
    osvRecord('GHSA-none', 'npm', 'not-installed', [{ introduced: '0' }]),
  ]);
});
after(() => rm(work, { recursive: true, force: true }));

const RUN_SH: Files = { 'app/run': { mode: 0o755, content: '#!/bin/sh\necho ok\n' } };
const TOP = ['FROM scratch', 'COPY app/ /app/'];
const USER = 'USER 1000:1000';
const HEALTH = 'HEALTHCHECK CMD ["/app/run"]';
const OK = [USER, HEALTH];

const podman = (name: string, lines: string[], files: Files = {}, tag?: string) =>
  podmanBuild(store, name, lines, { ...RUN_SH, ...files }, tag);
const buildah = (name: string, createdBy: string) =>
  buildahCommit(store, name, {
    createdBy,
    files: RUN_SH,
    config: ['--user', '1000:1000', '--healthcheck', 'CMD /app/run'],
  });

/** The CLI with a layer cache private to this test file. */
const cli = (args: string[]) => runCli(args, { env: { TIDEGATE_CACHE_DIR: join(work, 'cache') } });

async function scanJson(archive: string) {
  const run = await cli(['scan', `docker-archive:${archive}`, '--db', db, '--format', 'json']);
  return { run, result: JSON.parse(run.stdout) as ScanResult };
}

function summary(findings: ScanResult['findings']): string[] {
  return findings.map((f) => `${f.ruleId} ${f.location}`).sort();
}

const cases: { name: string; build: () => Promise<string>; want: string[]; exit: 0 | 1; verdict: string }[] =
  [
    // image config and history
    {
      name: 'runs as root (CIS 4.1)',
      build: () => podman('root', [...TOP, HEALTH]),
      want: ['TG-CIS-4.1 config.User'],
      exit: 0,
      verdict: 'warn',
    },
    {
      name: 'no HEALTHCHECK (CIS 4.6)',
      build: () => podman('nohealth', [...TOP, USER]),
      want: ['TG-CIS-4.6 config.Healthcheck'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'apt-get update alone (CIS 4.7)',
      build: () => buildah('update', '/bin/sh -c apt-get update'),
      want: ['TG-CIS-4.7 history[0]'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'ADD instead of COPY (CIS 4.9)',
      build: () =>
        podman('add', [...TOP, 'ADD extra/notes.txt /app/notes.txt', ...OK], { 'extra/notes.txt': 'n' }),
      want: ['TG-CIS-4.9 history[1]'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'ADD of a URL (CIS 4.9)',
      build: () => buildah('addurl', 'ADD https://example.com/tool.tgz /opt/tool # buildkit'),
      want: ['TG-CFG-add-remote-url history[0]'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'sudo in RUN',
      build: () => buildah('sudo', '/bin/sh -c sudo make install'),
      want: ['TG-CFG-sudo history[0]'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'port 22 exposed',
      build: () => podman('ssh', [...TOP, 'EXPOSE 22', ...OK]),
      want: ['TG-CFG-ssh-port config.ExposedPorts.22/tcp'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'tagged latest',
      build: () => podman('latest', [...TOP, ...OK], {}, 'localhost/tg-latest:latest'),
      want: ['TG-CFG-latest-tag image.tag'],
      exit: 0,
      verdict: 'pass',
    },
    // file metadata
    {
      name: 'a setuid binary (CIS 4.8)',
      build: () =>
        podman('setuid', [...TOP, 'COPY --chmod=4755 extra/tool /app/tool', ...OK], { 'extra/tool': 't' }),
      want: ['TG-CIS-4.8 app/tool'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'a world-writable file',
      build: () =>
        podman('ww', [...TOP, 'COPY --chmod=777 extra/job.sh /app/job.sh', ...OK], { 'extra/job.sh': 'j' }),
      want: ['TG-FS-world-writable app/job.sh'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'apt lists left behind',
      build: () =>
        podman('cache', [...TOP, 'COPY lists/ /var/lib/apt/lists/', ...OK], {
          'lists/deb.debian.org_debian_dists_bookworm_InRelease': 'x',
        }),
      want: ['TG-FS-package-cache var/lib/apt/lists'],
      exit: 0,
      verdict: 'pass',
    },
    // files that do not belong (secrets inside them: checks-secrets.itest.ts)
    {
      name: 'a .git directory',
      build: () =>
        podman('git', [...TOP, 'COPY repo/ /app/', ...OK], {
          'repo/.git/HEAD': 'ref: refs/heads/main\n',
          'repo/.git/config': '[core]\n',
        }),
      want: ['TG-FILE-git-dir app/.git'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'a .env file',
      build: () =>
        podman('dotenv', [...TOP, 'COPY extra/.env /app/.env', ...OK], { 'extra/.env': 'LOG_LEVEL=debug\n' }),
      want: ['TG-FILE-dotenv app/.env'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'a shell history',
      build: () =>
        podman('history', [...TOP, 'COPY extra/h /root/.bash_history', ...OK], { 'extra/h': 'ls -la\n' }),
      want: ['TG-FILE-shell-history root/.bash_history'],
      exit: 0,
      verdict: 'pass',
    },
    {
      name: 'a Docker config naming only a credential helper',
      build: () =>
        podman('dockercfg', [...TOP, 'COPY extra/c.json /root/.docker/config.json', ...OK], {
          'extra/c.json': '{"credsStore":"pass"}',
        }),
      want: ['TG-FILE-docker-config root/.docker/config.json'],
      exit: 0,
      verdict: 'pass',
    },
  ];

test('checks: a clean image yields no finding and passes', async () => {
  const archive = await podman('clean', [...TOP, 'COPY extra/.env.example /app/.env.example', ...OK], {
    'extra/.env.example': 'DB_PASSWORD=\n',
  });
  const { run, result } = await scanJson(archive);
  expectExit(run, 0);
  assert.deepEqual(summary(result.findings), []);
  assert.equal(result.verdict.status, 'pass');
});

test('checks: a dir: root filesystem has no image config, so no config check runs; file checks still do', async () => {
  const root = join(work, 'rootfs');
  await mkdir(join(root, 'app'), { recursive: true });
  await mkdir(join(root, 'root'), { recursive: true });
  await writeFile(join(root, 'app', 'run'), '#!/bin/sh\necho ok\n');
  await writeFile(join(root, 'root', '.bash_history'), 'ls\n');
  const run = await cli(['scan', `dir:${root}`, '--db', db, '--format', 'json']);
  const result = JSON.parse(run.stdout) as ScanResult;
  // no TG-CIS-4.1 (root user) or TG-CIS-4.6 (HEALTHCHECK) made up from a config that is not there
  assert.deepEqual(summary(result.findings), ['TG-FILE-shell-history root/.bash_history']);
});

for (const c of cases) {
  test(`checks: ${c.name}`, async () => {
    const { run, result } = await scanJson(await c.build());
    expectExit(run, c.exit);
    assert.deepEqual(summary(result.findings), [...c.want].sort());
    assert.equal(result.verdict.status, c.verdict);
  });
}

test('checks: the table names each check finding and the verdict says which rule warned', async () => {
  const archive = await podman('table', [...TOP, HEALTH, 'EXPOSE 22']);
  const r = await cli(['scan', `docker-archive:${archive}`, '--db', db]);
  expectExit(r, 0);
  assert.match(r.stdout, /HIGH\s+TG-CIS-4\.1\s+config\.User\s+Image runs as root/);
  assert.match(r.stdout, /MEDIUM\s+TG-CFG-ssh-port\s+config\.ExposedPorts\.22\/tcp\s+SSH port 22 exposed/);
  assert.match(r.stdout, /Total: 0 vulnerabilities, 2 misconfigurations \(high: 1, medium: 1\)/);
  assert.match(r.stdout, /Verdict: WARN — warn: 1 misconfiguration at or above high\n$/);
});
