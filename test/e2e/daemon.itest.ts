import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli } from '../helpers/cli.js';
import { startPodmanService, type TestDaemon } from '../helpers/daemon.js';
import { buildOciImage, toDockerArchive } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { pushImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { expectExit, expectNoWritesOutside, expectOneLineError, listTree } from '../helpers/traits.js';

let work: string;
let db: string;
let daemon: TestDaemon;
let reg: TestRegistry;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-daemon-e2e-'));
  const oci = await buildOciImage(work, 'app', [
    { history: 'ADD os /', tree: { 'etc/os-release': 'ID=alpine\nVERSION_ID=3.20.1\n' } },
    {
      history: 'COPY app /app',
      tree: {
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.15' }),
      },
    },
  ]);
  db = await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'nothing', [{ introduced: '0' }])]);
  daemon = await startPodmanService();
  await daemon.load(await toDockerArchive(oci, join(work, 'app.tar'), 'test/app:1'));
  reg = await startRegistry('none');
  await pushImage(`oci:${oci}:latest`, reg, 'only-in-registry:1');
});
after(async () => {
  await daemon?.stop();
  await reg?.stop();
  await rm(work, { recursive: true, force: true });
});

function scan(ref: string, env: Record<string, string> = {}, extra: string[] = []) {
  return runCli(['scan', ref, '--db', db, '--format', 'json', '--no-cache', ...extra], {
    env: { DOCKER_HOST: daemon.dockerHost, DOCKER_CONFIG: work, ...env },
  });
}

test('daemon: docker-daemon:NAME exports the image from the Podman socket', async () => {
  const r = await scan('docker-daemon:test/app:1');
  expectExit(r, 0);
  const result = JSON.parse(r.stdout) as ScanResult;
  assert.equal(result.image.source, 'docker-daemon');
  assert.deepEqual(
    result.packages.map((p) => `${p.name}@${p.version}`),
    ['lodash@4.17.15'],
  );
  assert.deepEqual(
    result.image.layers.map((l) => l.createdBy),
    ['ADD os /', 'COPY app /app'],
  );
  assert.equal(result.distro?.id, 'alpine');
});

test('daemon: a bare name:tag is taken from the daemon first, and the log says so', async () => {
  const r = await scan('test/app:1');
  expectExit(r, 0);
  assert.match(r.stderr, /reading test\/app:1 from docker-daemon/);
});

test('daemon: a bare name the daemon lacks falls back to the registry', async () => {
  const r = await scan(`${reg.host}/only-in-registry:1`, {}, ['--insecure-registry', '127.0.0.1']);
  expectExit(r, 0);
  assert.match(r.stderr, /is not in the local daemon .*; trying registry/);
  assert.equal((JSON.parse(r.stdout) as ScanResult).image.source, 'registry');
});

test('daemon: the export is spooled inside --work-dir and removed afterwards', async () => {
  const wd = join(work, 'wd');
  await mkdir(wd, { recursive: true });
  const beforeFiles = await listTree(wd);
  const r = await scan('docker-daemon:test/app:1', {}, ['--work-dir', wd]);
  expectExit(r, 0);
  await expectNoWritesOutside(wd, beforeFiles);
});

const sad: { name: string; ref: string; env: Record<string, string>; want: RegExp }[] = [
  {
    name: 'an image the daemon does not have',
    ref: 'docker-daemon:nope:1',
    env: {},
    want: /image nope:1 is not in the local daemon \(unix:\/\/.*podman\.sock\)/,
  },
  {
    name: 'no daemon at DOCKER_HOST',
    ref: 'docker-daemon:test/app:1',
    env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
    want: /cannot reach the Docker daemon at unix:\/\/\/nonexistent\/docker\.sock: ENOENT/,
  },
  {
    name: 'an unsupported DOCKER_HOST',
    ref: 'docker-daemon:test/app:1',
    env: { DOCKER_HOST: 'ssh://me@host' },
    want: /DOCKER_HOST ssh:\/\/me@host is not supported/,
  },
];
for (const c of sad) {
  test(`exit 2: ${c.name}`, async () => {
    const r = await scan(c.ref, c.env);
    expectExit(r, 2);
    expectOneLineError(r, c.want);
  });
}
