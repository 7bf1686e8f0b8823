import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { formatErrorChain, UserError } from '../errors.js';
import { memoryLogger } from '../logger.js';
import { testdata } from '../testing/index.js';
import { checkDbReachable, PreparedDb, type PrepareOptions } from './prepare.js';
import { startOsvServer, type OsvServer } from '../testing/osv-server.js';

// Real OSV archives (Go, PyPI, AlmaLinux) served from loopback like OSV's bucket.
let server: OsvServer;
let work: string;
before(async () => {
  server = await startOsvServer(testdata('osv'));
  work = await mkdtemp(join(tmpdir(), 'tidegate-prepare-'));
});
after(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

async function closedPort(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address() as { port: number };
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}`;
}

function opts(dir: string, extra: Partial<PrepareOptions> = {}): PrepareOptions {
  return {
    dir: join(work, dir),
    source: server.url,
    kev: false,
    epss: false,
    download: { retries: 1, backoffMs: 5 },
    logger: memoryLogger(),
    ...extra,
  };
}

const goQuery = { ecosystem: 'Go', name: 'golang.org/x/net', version: 'v0.0.1' };

test('prepare: a first run downloads only the archives the image needs, then matches', async () => {
  const o = opts('first');
  await checkDbReachable(o);
  const db = new PreparedDb(o);
  server.log.length = 0;
  await db.prefetch([goQuery, { ecosystem: 'npm-unknown-to-osv', name: 'x', version: '1' }]);
  assert.deepEqual(
    server.log.map((l) => l.path),
    ['/Go/all.zip'],
  );
  assert.ok((await db.lookup('Go', 'golang.org/x/net')).length > 0);
  assert.equal(db.covers('Go'), true);
  assert.equal(db.covers('PyPI'), false);
  await db.close();
});

test('prepare: offline with a cached DB scans with the cache; unreachable warns and does the same', async () => {
  const warm = opts('warm');
  const first = new PreparedDb(warm);
  await first.prefetch([goQuery]);
  await first.close();
  for (const extra of [{ offline: true }, { source: await closedPort() }]) {
    const logger = memoryLogger();
    const db = new PreparedDb({ ...warm, ...extra, logger });
    await db.prefetch([goQuery]);
    assert.ok((await db.lookup('Go', 'golang.org/x/net')).length > 0);
    const warned = logger.lines.filter((l) => l.startsWith('warn'));
    if (extra.offline) assert.deepEqual(warned, []);
    else
      assert.match(
        warned.join('\n'),
        /could not be updated \(Go: .*cannot reach .*ECONNREFUSED.*\); scanning with the cached DB/,
      );
    await db.close();
  }
});

test('prepare: no cache and no network is exit 2 at once, one line that says what to do', async () => {
  const source = await closedPort();
  for (const o of [opts('none-1', { source }), opts('none-2', { offline: true })]) {
    await assert.rejects(checkDbReachable(o), (err: unknown) => {
      const line = formatErrorChain(err);
      assert.ok(err instanceof UserError);
      assert.match(line, /^no vulnerability DB in .*none-\d, and none could be fetched from /);
      assert.match(line, /set --db to a directory or zip of OSV records, or --db-source to a mirror/);
      assert.doesNotMatch(line, /\n/);
      return true;
    });
  }
  // and the DB itself, had the check been skipped, says the same after one attempt
  await assert.rejects(
    new PreparedDb(opts('none-3', { source })).prefetch([goQuery]),
    /none could be fetched from .*ECONNREFUSED/,
  );
});

test('prepare: --max-db-age still bounds a cache the network could not refresh', async () => {
  const o = opts('stale', { now: new Date('2020-01-01T00:00:00Z') });
  const first = new PreparedDb(o);
  await first.prefetch([goQuery]);
  await first.close();
  const db = new PreparedDb({
    ...o,
    source: await closedPort(),
    now: undefined,
    maxAge: { ms: 86_400_000, text: '1d' },
  });
  await assert.rejects(db.prefetch([goQuery]), /older than|1d/);
});
