import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli } from '../helpers/cli.js';
import { startFaultProxy, type FaultProxy } from '../helpers/fault-proxy.js';
import { buildOciImage } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { pushImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { expectExit, expectOneLineError } from '../helpers/traits.js';

let work: string;
let reg: TestRegistry;
let proxy: FaultProxy;
let db: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-faults-e2e-'));
  const big = Buffer.alloc(3 << 20);
  for (let i = 0; i < big.length; i++) big[i] = (i * 7919) & 0xff; // compresses poorly: a real multi-chunk blob
  const oci = await buildOciImage(work, 'app', [
    {
      tree: {
        'app/node_modules/lodash/package.json': JSON.stringify({ name: 'lodash', version: '4.17.15' }),
      },
    },
    { tree: { 'app/data.bin': big.toString('latin1') } },
  ]);
  db = await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'nothing', [{ introduced: '0' }])]);
  reg = await startRegistry('none');
  await pushImage(`oci:${oci}:latest`, reg, 'app:1');
  proxy = await startFaultProxy(reg.host);
});
after(async () => {
  await proxy?.stop();
  await reg?.stop();
  await rm(work, { recursive: true, force: true });
});

function scan() {
  proxy.hits.length = 0;
  return runCli(
    [
      'scan',
      `registry:${proxy.host}/app:1`,
      '--db',
      db,
      '--format',
      'json',
      '--no-cache',
      '--insecure-registry',
      '127.0.0.1',
    ],
    { env: { DOCKER_CONFIG: work } },
  );
}

const BLOB = /^GET \/v2\/app\/blobs\/sha256:/;
const MANIFEST = /^GET \/v2\/app\/manifests\//;

const recovers = [
  {
    name: '503 twice on the manifest',
    faults: [{ match: MANIFEST, action: '503' as const, times: 2 }],
    log: /registry answered 503; retrying/,
  },
  {
    name: '500 on a blob',
    faults: [{ match: BLOB, action: '500' as const, times: 1 }],
    log: /registry answered 500; retrying/,
  },
  {
    name: 'a connection reset before any answer',
    faults: [{ match: BLOB, action: 'reset' as const, times: 1 }],
    log: /retrying/,
  },
  {
    name: 'a blob cut off halfway',
    faults: [{ match: BLOB, action: 'truncate' as const, times: 1 }],
    log: /resuming at byte \d+/,
  },
];
for (const c of recovers) {
  test(`faults: ${c.name} is retried and the scan succeeds`, async () => {
    proxy.faults = c.faults;
    const r = await scan();
    expectExit(r, 0);
    assert.deepEqual(
      (JSON.parse(r.stdout) as ScanResult).packages.map((p) => p.name),
      ['lodash'],
    );
    assert.match(r.stderr, c.log);
  });
}

test('faults: a cut-off blob resumes with a Range request, not from the start', async () => {
  proxy.faults = [{ match: /^GET \/v2\/app\/blobs\/sha256:/, action: 'truncate', times: 1 }];
  const r = await scan();
  expectExit(r, 0);
  const resumed = /resuming at byte (\d+)/.exec(r.stderr);
  assert.ok(resumed && Number(resumed[1]) > 0, r.stderr);
});

test('faults: 429 waits as long as Retry-After asks', async () => {
  proxy.faults = [{ match: MANIFEST, action: '429', times: 1, retryAfter: '2' }];
  const t0 = Date.now();
  const r = await scan();
  expectExit(r, 0);
  assert.match(r.stderr, /registry answered 429; retrying in 2000 ms/);
  assert.ok(Date.now() - t0 >= 2000, 'did not wait for Retry-After');
});

test('exit 2: a blob whose bytes do not match its digest is never a silent pass', async () => {
  proxy.faults = [{ match: BLOB, action: 'corrupt' }];
  const r = await scan();
  expectExit(r, 2);
  expectOneLineError(
    r,
    /digest mismatch: expected sha256:[0-9a-f]{64}, content hashes to sha256:[0-9a-f]{64}/,
  );
});

test('exit 2: a registry that keeps answering 503 gives up after a bounded number of attempts', async () => {
  proxy.faults = [{ match: MANIFEST, action: '503' }];
  const r = await scan();
  expectExit(r, 2);
  expectOneLineError(
    r,
    /GET http:\/\/127\.0\.0\.1:\d+\/v2\/app\/manifests\/1 failed after 5 attempts \(last: registry answered 503\)/,
  );
  assert.equal(proxy.hits.filter((h) => MANIFEST.test(h)).length, 5);
});

test('exit 2: a manifest naming a blob the registry does not have names the blob', async () => {
  proxy.faults = [{ match: BLOB, action: '404' }];
  const r = await scan();
  expectExit(r, 2);
  expectOneLineError(r, /blob sha256:[0-9a-f]{64} not found in the registry \(404\)/);
});
