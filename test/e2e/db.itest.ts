import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { DbStatus, ScanResult } from '@tidegate/core';
import { buildTar, testdata, writeOciLayout } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { expectExit, expectOneLineError } from '../helpers/traits.js';

// `tidegate db …` and `tidegate scan` with the cached DB, as CI runs them: the built CLI, a
// cache directory per test, and OSV's bucket layout served from loopback (127.0.0.1 only).

let work: string;
let server: Server;
let base: string;
let image: string;

/** Serves ../shared/testdata/osv with ETags and 304s; under /broken/ every zip is cut in half. */
function serve(): Promise<string> {
  server = createServer((req, res) => {
    void (async () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const broken = path.startsWith('/broken/');
      const file = testdata(
        'osv',
        ...path
          .replace(/^\/broken/, '')
          .split('/')
          .filter((p) => p && p !== '..'),
      );
      const bytes = await readFile(file).catch(() => undefined);
      if (!bytes) return void res.writeHead(404).end();
      const body = broken ? bytes.subarray(0, bytes.length >> 1) : bytes;
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
      return void res.writeHead(200, { etag, 'content-length': body.length }).end(body);
    })();
  });
  return new Promise((r) =>
    server.listen(0, '127.0.0.1', () => r(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-dbe2e-'));
  base = await serve();
  image = join(work, 'image');
  const pj = (name: string, version: string) => ({
    name: `app/node_modules/${name}/package.json`,
    content: JSON.stringify({ name, version }),
  });
  await writeOciLayout(image, {
    layers: [await buildTar([pj('lodash', '4.17.15'), pj('minimist', '1.2.6')])],
  });
});
after(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  await rm(work, { recursive: true, force: true });
});

const envFor = (cache: string) => ({ TIDEGATE_CACHE_DIR: join(work, cache) });
const noFeeds = ['--no-enrichment'];

async function status(cache: string): Promise<DbStatus> {
  const r = await runCli(['db', 'status', '--json'], { env: envFor(cache) });
  return JSON.parse(r.stdout) as DbStatus;
}

test('db update: downloads Go and PyPI from the OSV layout, then answers 304s; db status reports them', async () => {
  const env = envFor('http');
  const r = await runCli(['db', 'update', '--ecosystems', 'Go,PyPI', '--source', base, ...noFeeds], { env });
  expectExit(r, 0);
  assert.match(r.stderr, /Go: 4291 records imported/);
  const again = await runCli(['db', 'update', '--ecosystems', 'Go,PyPI', '--source', base, ...noFeeds], {
    env,
  });
  expectExit(again, 0);
  assert.match(again.stderr, /Go: unchanged[\s\S]*PyPI: unchanged/);
  const s = await status('http');
  assert.deepEqual([s.exists, s.records, s.archives.map((a) => a.name)], [true, 6952, ['Go', 'PyPI']]);
  const text = await runCli(['db', 'status'], { env });
  assert.match(text.stdout, /records: 6952/);
});

test('db update: a truncated archive is rejected with exit 2 and the old DB answers as before', async () => {
  const env = envFor('truncated');
  expectExit(
    await runCli(['db', 'update', '--ecosystems', 'PyPI', '--source', base, ...noFeeds], { env }),
    0,
  );
  const r = await runCli(['db', 'update', '--ecosystems', 'PyPI', '--source', `${base}/broken`, ...noFeeds], {
    env,
  });
  expectExit(r, 2);
  expectOneLineError(r, /PyPI: update failed, the previous data is kept: .*not a valid zip archive/);
  assert.equal((await status('truncated')).records, 2661);
});

const sad: { name: string; args: string[]; want: RegExp }[] = [
  {
    name: 'an unknown ecosystem',
    args: ['db', 'update', '--ecosystems', 'Pypi', '--offline'],
    want: /unknown OSV ecosystem 'Pypi'/,
  },
  {
    name: '--offline with a URL source',
    args: ['db', 'update', '--ecosystems', 'Go', '--offline'],
    want: /--offline forbids network access/,
  },
  {
    name: 'a scan without any DB',
    args: ['scan', 'IMAGE'],
    want: /no vulnerability DB in .*run 'tidegate db update' first/,
  },
  {
    name: '--db osv-api with --offline',
    args: ['scan', 'IMAGE', '--db', 'osv-api', '--offline'],
    want: /--offline forbids network access, but --db osv-api needs it/,
  },
  {
    name: 'a bad --max-db-age',
    args: ['scan', 'IMAGE', '--max-db-age', 'soon'],
    want: /invalid duration 'soon' for --max-db-age/,
  },
  {
    name: 'db status without a DB and --max-db-age',
    args: ['db', 'status', '--max-db-age', '7d'],
    want: /no vulnerability DB in/,
  },
];
for (const c of sad) {
  test(`exit 2 with one line for ${c.name}`, async () => {
    const args = c.args.map((a) => (a === 'IMAGE' ? `oci:${image}` : a));
    const r = await runCli(args, { env: envFor(`sad-${c.name.replace(/\W+/g, '-')}`) });
    expectExit(r, 2);
    expectOneLineError(r, c.want);
  });
}

test('scan: the cached DB is used by default, an uncovered ecosystem is an issue, and --max-db-age refuses a stale DB', async () => {
  const env = envFor('scan');
  const mirror = join(work, 'mirror');
  await writeOsvDir(join(mirror, 'npm'), [
    osvRecord('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
      aliases: ['CVE-2021-23337'],
      database_specific: { severity: 'HIGH' },
    }),
  ]);
  expectExit(
    await runCli(['db', 'update', '--ecosystems', 'npm', '--source', mirror, '--offline'], { env }),
    0,
  );
  const r = await runCli(['scan', `oci:${image}`, '--format', 'json'], { env });
  expectExit(r, 1);
  const result = JSON.parse(r.stdout) as ScanResult;
  assert.deepEqual(
    result.findings
      .filter((f) => f.kind === 'vulnerability')
      .map((f) => `${f.ruleId} ${f.package?.name} ${f.severity} ${f.aliases.join()}`),
    ['CVE-2021-23337 lodash high GHSA-35jh-r3h4-6jhm'],
  );
  const last = JSON.parse(await readFile(join(work, 'scan', 'db', 'last-scan.json'), 'utf8')) as {
    archives: string[];
  };
  assert.deepEqual(last.archives, ['npm'], 'remembered for db update --ecosystems auto');
  // a DB last checked two days ago
  const metaPath = join(work, 'scan', 'db', 'meta.json');
  const meta = JSON.parse(await readFile(metaPath, 'utf8')) as {
    archives: Record<string, { checkedAt: string }>;
  };
  meta.archives.npm!.checkedAt = new Date(Date.now() - 2 * 86_400_000).toISOString();
  await writeFile(metaPath, JSON.stringify(meta));
  const stale = await runCli(['scan', `oci:${image}`, '--max-db-age', '36h'], { env });
  expectExit(stale, 2);
  expectOneLineError(stale, /vulnerability DB is 2d 0h old .*older than --max-db-age 36h/);
  expectExit(await runCli(['db', 'status', '--max-db-age', '1d'], { env }), 2);
  expectExit(await runCli(['db', 'status', '--max-db-age', '3d'], { env }), 0);
});

test('scan: packages of an ecosystem the DB lacks make the report incomplete instead of a silent pass', async () => {
  const env = envFor('uncovered');
  await mkdir(join(work, 'uncovered'), { recursive: true });
  expectExit(
    await runCli(['db', 'update', '--ecosystems', 'Go', '--source', testdata('osv'), '--offline'], { env }),
    0,
  );
  const r = await runCli(['scan', `oci:${image}`, '--format', 'json', '--fail-on', 'none'], { env });
  const result = JSON.parse(r.stdout) as ScanResult;
  assert.ok(
    result.issues.some((i) => /no npm advisories, so npm packages were not checked/.test(i.message)),
    JSON.stringify(result.issues),
  );
  assert.equal(result.verdict.incomplete, true);
});
