import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { imageStore } from '../helpers/podman.js';
import { tool } from '../helpers/tools.js';
import { expectExit, expectValid } from '../helpers/traits.js';

/**
 * Software no package manager owns, on a real image: the debootstrap Debian 12 minbase (every
 * executable and library owned by dpkg), plus a layer with a Go binary (built here with Debian's
 * go) in /usr/local/bin, plus a script fetched by buildah from `ADD https://…` (a loopback HTTPS
 * server with a certificate made here). Exactly those two must be listed.
 */

let work: string;
let oci: string;
let server: Server;
let addStep: string;
const SCRIPT = '#!/bin/sh\necho "installing the vendor agent"\n';
let hello: Buffer;

async function buildGo(dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'go.mod'), 'module example.com/hello\n\ngo 1.19\n');
  await writeFile(
    join(dir, 'main.go'),
    'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n',
  );
  await tool('go', ['build', '-o', 'hello', '.'], {
    cwd: dir,
    env: {
      GOCACHE: join(work, 'gocache'),
      GOPATH: join(work, 'gopath'),
      CGO_ENABLED: '0',
      GOFLAGS: '-mod=mod',
    },
  });
  return join(dir, 'hello');
}

async function httpsServer(): Promise<number> {
  const key = join(work, 'key.pem');
  const cert = join(work, 'cert.pem');
  await tool('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
  ]);
  server = createServer({ key: await readFile(key), cert: await readFile(cert) }, (_req, res) =>
    res.end(SCRIPT),
  );
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

async function setup(): Promise<void> {
  const prepare = (await import(join(repoRoot(), 'test', 'fixtures', 'prepare.mjs'))) as {
    prepareDebian12(): { archive: string };
  };
  const fx = prepare.prepareDebian12();
  work = await mkdtemp(join(tmpdir(), 'tidegate-unowned-'));
  const bin = await buildGo(join(work, 'go'));
  hello = await readFile(bin);
  const port = await httpsServer();
  const store = imageStore(work);
  const b = (args: string[], env: Record<string, string> = {}) =>
    tool('buildah', [...store.flags, ...args], { env }).then((o) => o.trim());
  const c1 = await b(['from', '-q', `docker-archive:${fx.archive}`]);
  await b(['copy', c1, bin, '/usr/local/bin/hello']);
  await b(['config', '--created-by', 'COPY hello /usr/local/bin/hello # buildkit', c1]);
  await b(['commit', '-q', c1, 'localhost/unowned:1']);
  const url = `https://127.0.0.1:${port}/install.sh`;
  addStep = `ADD --chmod=755 ${url} /usr/local/bin/install.sh`;
  const c2 = await b(['from', '-q', 'localhost/unowned:1']);
  // buildah fetches the URL itself (Go's client trusts SSL_CERT_FILE)
  await b(['add', '--chmod', '0755', c2, url, '/usr/local/bin/install.sh'], {
    SSL_CERT_FILE: join(work, 'cert.pem'),
  });
  await b(['config', '--created-by', `${addStep} # buildkit`, c2]);
  await b(['commit', '-q', c2, 'localhost/unowned:2']);
  oci = join(work, 'oci');
  await b(['push', '-q', 'localhost/unowned:2', `oci:${oci}:latest`]);
  await writeFile(join(work, 'osv.json'), '[]');
}
const ready = setup();
after(async () => {
  server?.close();
  await rm(work, { recursive: true, force: true });
});

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

function scan(extra: string[]) {
  return runCli([
    'scan',
    `oci:${oci}:latest`,
    '--db',
    join(repoRoot(), 'examples', 'osv'),
    '--no-cache',
    ...extra,
  ]);
}

describe('unowned software on a debootstrap image', () => {
  before(() => ready);

  test('exactly the Go binary and the downloaded script are listed, with layer, step, size, sha256 and identity', async () => {
    const out = join(work, 'out');
    const r = await scan(['--format', 'json,cyclonedx,table,markdown,sarif', '--output-dir', out]);
    expectExit(r, 0);
    const text = await readFile(join(out, 'tidegate.json'), 'utf8');
    expectValid(text, 'json');
    const j = JSON.parse(text) as ScanResult;
    assert.ok(j.packages.filter((p) => p.type === 'deb').length > 80, 'the dpkg packages were read');
    assert.deepEqual(
      j.unowned!.map((u) => ({
        path: u.path,
        kind: u.kind,
        size: u.size,
        sha256: u.sha256,
        identity: u.identity,
        step: u.layer.createdBy,
      })),
      [
        {
          path: 'usr/local/bin/hello',
          kind: 'executable',
          size: hello.length,
          sha256: sha256(hello),
          identity: 'Go example.com/hello (devel)',
          step: 'COPY hello /usr/local/bin/hello # buildkit',
        },
        {
          path: 'usr/local/bin/install.sh',
          kind: 'script',
          size: SCRIPT.length,
          sha256: sha256(SCRIPT),
          identity: undefined,
          step: `${addStep} # buildkit`,
        },
      ],
    );
    // the history step that fetched it is a check finding too
    assert.ok(j.findings.some((f) => f.ruleId === 'TG-CFG-add-remote-url'));
    const cdxText = await readFile(join(out, 'tidegate.cdx.json'), 'utf8');
    expectValid(cdxText, 'cyclonedx');
    const files = (
      JSON.parse(cdxText) as {
        components: { type: string; name: string; hashes?: { alg: string; content: string }[] }[];
      }
    ).components.filter((c) => c.type === 'file');
    assert.deepEqual(
      files.map((c) => [c.name, c.hashes]),
      [
        ['/usr/local/bin/hello', [{ alg: 'SHA-256', content: sha256(hello) }]],
        ['/usr/local/bin/install.sh', [{ alg: 'SHA-256', content: sha256(SCRIPT) }]],
      ],
    );
    assert.match(
      await readFile(join(out, 'tidegate.txt'), 'utf8'),
      /^Unowned software: 2 executable files no package manager installed$/m,
    );
    assert.match(
      await readFile(join(out, 'tidegate.md'), 'utf8'),
      /unowned software&#58; 2 executable files/,
    );
    expectValid(await readFile(join(out, 'tidegate.sarif'), 'utf8'), 'sarif');
  });

  const policyCases = [
    {
      name: 'fail: both are findings, exit 1',
      policy: 'unowned-executables: fail\n',
      code: 1,
      want: ['usr/local/bin/hello', 'usr/local/bin/install.sh'],
    },
    {
      name: 'allow globs take a path out',
      policy: 'unowned-executables:\n  allow: ["usr/local/bin/hello"]\n',
      code: 1,
      want: ['usr/local/bin/install.sh'],
    },
    {
      name: 'warn passes with the findings',
      policy: 'unowned-executables: warn\n',
      code: 0,
      want: ['usr/local/bin/hello', 'usr/local/bin/install.sh'],
    },
    { name: 'off (the default) makes no findings', policy: 'version: 1\n', code: 0, want: [] },
  ];
  for (const c of policyCases)
    test(`unowned-executables: ${c.name}`, async () => {
      const file = join(work, `p-${c.code}-${c.want.length}-${c.policy.length}.yml`);
      await writeFile(
        file,
        `${c.policy}findings:\n  misconfiguration:\n    severity: {fail: none, warn: none}\n`,
      );
      const r = await scan(['--policy', file, '--format', 'json']);
      expectExit(r, c.code);
      const j = JSON.parse(r.stdout) as ScanResult;
      assert.deepEqual(
        j.findings.filter((f) => f.ruleId === 'TG-PROV-unowned-executable').map((f) => f.location),
        c.want,
      );
    });
});
