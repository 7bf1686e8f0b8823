import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { testdata } from '../testing/index.js';
import { formatErrorChain } from '../errors.js';
import { openCachedDb } from './open-cached.js';
import { startOsvServer, type OsvServer } from '../testing/osv-server.js';
import { makeZip } from '../testing/zip.js';
import { updateDb, type UpdateOptions } from './update.js';

// Real OSV archives (Go: 4,291 records, PyPI: 2,661) served from loopback like OSV's bucket.
let server: OsvServer;
let work: string;
before(async () => {
  server = await startOsvServer(testdata('osv'));
  work = await mkdtemp(join(tmpdir(), 'tidegate-db-'));
});
after(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const fast = { retries: 2, backoffMs: 5 };

async function freshDir(name: string): Promise<string> {
  const dir = join(work, name);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

function opts(dir: string, ecosystems: string[], extra: Partial<UpdateOptions> = {}): UpdateOptions {
  return { dir, ecosystems, source: server.url, kev: false, epss: false, download: fast, ...extra };
}

async function lookupCount(dir: string, eco: string, name: string): Promise<number> {
  const { db } = await openCachedDb(dir);
  try {
    return (await db.lookup(eco, name)).length;
  } finally {
    await db.close();
  }
}

test('db update: downloads, indexes and then skips an unchanged archive with a 304', async () => {
  const dir = await freshDir('etag');
  const first = await updateDb(opts(dir, ['Go', 'PyPI']));
  assert.deepEqual(first.imported, [
    { name: 'Go', records: 4291 },
    { name: 'PyPI', records: 2661 },
  ]);
  assert.ok((await lookupCount(dir, 'PyPI', 'Jinja2')) > 0, 'PyPI names are normalised (PEP 503)');
  server.log.length = 0;
  const second = await updateDb(opts(dir, ['Go', 'PyPI']));
  assert.deepEqual(second.unchanged, ['Go', 'PyPI']);
  assert.deepEqual(
    server.log.map((l) => [l.path, l.status, !!l.ifNoneMatch]),
    [
      ['/Go/all.zip', 304, true],
      ['/PyPI/all.zip', 304, true],
    ],
  );
  assert.deepEqual(
    await readdir(join(dir, 'osv')).then((d) => d.length),
    2,
    'old folders swept, no temp files',
  );
});

test('db update: retries a 5xx with back-off and succeeds', async () => {
  const dir = await freshDir('retry');
  server.behave.set('/PyPI/all.zip', { failTimes: 2 });
  server.log.length = 0;
  const r = await updateDb(opts(dir, ['PyPI']));
  server.behave.delete('/PyPI/all.zip');
  assert.deepEqual(r.imported, [{ name: 'PyPI', records: 2661 }]);
  assert.deepEqual(
    server.log.map((l) => l.status),
    [503, 503, 200],
  );
});

const sad: { name: string; behave: () => Promise<object>; want: RegExp }[] = [
  {
    name: 'a body cut short of its Content-Length',
    behave: async () => ({ cutAt: 100_000 }),
    want: /PyPI: update failed, the previous data is kept: cannot download .*(truncated|closed|connection lost).*after 3 attempts/,
  },
  {
    name: 'a truncated zip (complete transfer of a half file)',
    behave: async () => ({ body: (await readFile(testdata('osv/PyPI/all.zip'))).subarray(0, 1_000_000) }),
    want: /PyPI: update failed, the previous data is kept: .*not a valid zip archive/,
  },
  {
    name: 'a corrupt zip',
    behave: async () => ({ body: Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(5000, 7)]) }),
    want: /not a valid zip archive/,
  },
  {
    name: 'a record failing the OSV schema',
    behave: async () => ({
      body: makeZip({
        'PYSEC-1.json': JSON.stringify({
          id: 'PYSEC-1',
          modified: '2024-01-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem: 'PyPI', name: 'x' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }],
            },
          ],
        }),
      }),
    }),
    want: /PYSEC-1\.json: not a valid OSV record: affected\[0\]\.ranges\[0\]\.events: each event must have exactly one key/,
  },
  { name: 'persistent 5xx', behave: async () => ({ failTimes: 10 }), want: /HTTP 503 \(after 3 attempts\)/ },
];

for (const c of sad) {
  test(`db update: ${c.name} is rejected and the old DB kept intact`, async () => {
    const dir = await freshDir('sad');
    await updateDb(opts(dir, ['PyPI']));
    const before = await readFile(join(dir, 'meta.json'), 'utf8');
    server.behave.set('/PyPI/all.zip', await c.behave());
    // the server would answer 304 to the cached ETag: ask unconditionally by changing the validator
    const meta = JSON.parse(before) as { archives: { PyPI: { etag?: string } } };
    meta.archives.PyPI.etag = '"stale"';
    await import('node:fs/promises').then((fs) => fs.writeFile(join(dir, 'meta.json'), JSON.stringify(meta)));
    const err = await updateDb(opts(dir, ['PyPI'])).then(
      () => undefined,
      (e: unknown) => e,
    );
    server.behave.delete('/PyPI/all.zip');
    assert.ok(err, 'update must fail');
    assert.match(formatErrorChain(err), c.want);
    assert.equal(
      (await lookupCount(dir, 'PyPI', 'jinja2')) > 0,
      true,
      'the previous PyPI data still answers',
    );
    assert.deepEqual(await readdir(join(dir, 'osv')).then((d) => d.length), 1);
  });
}

test('db update: an explicitly named ecosystem the server does not have is an error; with auto it is skipped', async () => {
  const dir = await freshDir('missing');
  await assert.rejects(
    updateDb(opts(dir, ['npm'])),
    /no OSV archive for ecosystem 'npm' at http:\/\/127\.0\.0\.1:\d+\/npm\/all\.zip \(HTTP 404\)/,
  );
  const r = await updateDb(opts(dir, [], { ecosystems: 'auto' }));
  assert.deepEqual(
    r.imported.map((i) => i.name),
    ['AlmaLinux', 'Go', 'PyPI'],
    'the default list, as far as the mirror has it',
  );
  assert.ok(r.skipped.some((s) => s.name === 'npm'));
});

test('db update: unknown ecosystem names are refused before any download', async () => {
  server.log.length = 0;
  await assert.rejects(updateDb(opts(await freshDir('unknown'), ['pypi'])), /unknown OSV ecosystem 'pypi'/);
  assert.equal(server.log.length, 0);
});

test('db update: --offline refuses a URL source, and a local mirror folder or zip works the same way', async () => {
  const dir = await freshDir('local');
  await assert.rejects(updateDb(opts(dir, ['Go'], { offline: true })), /--offline forbids network access/);
  const r = await updateDb(opts(dir, ['Go'], { offline: true, source: testdata('osv') }));
  assert.deepEqual(r.imported, [{ name: 'Go', records: 4291 }]);
  const again = await updateDb(
    opts(dir, [], { ecosystems: 'auto', offline: true, source: testdata('osv/PyPI/all.zip') }),
  );
  assert.deepEqual(again.imported, [{ name: 'PyPI', records: 2661 }]);
  const same = await updateDb(
    opts(dir, [], { ecosystems: 'auto', offline: true, source: testdata('osv/PyPI/all.zip') }),
  );
  assert.deepEqual(same.unchanged, ['PyPI'], 'the same zip (by sha256) is not imported twice');
});

test('db update: auto picks the ecosystems the last scan needed', async () => {
  const dir = await freshDir('auto');
  const { recordScannedEcosystems } = await import('./ecosystem-names.js');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir, { recursive: true }));
  await recordScannedEcosystems(dir, ['Go', 'Go', '']);
  const r = await updateDb(opts(dir, [], { ecosystems: 'auto' }));
  assert.deepEqual(
    r.imported.map((i) => i.name),
    ['Go'],
  );
});
