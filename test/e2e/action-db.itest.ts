import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { runAction } from '../helpers/action.js';
import {
  refusedUrl,
  startStaticServer,
  writeExampleMirror,
  type StaticServer,
} from '../helpers/osv-mirror.js';

// With db empty, the Action (tidegate ci) keeps the DB in tidegate's cache directory, where an
// actions/cache step keeps it, and updates only the ecosystems the image needs. The OSV
// "bucket" is a loopback mirror, so nothing leaves the machine.

let work: string;
let mirror: string;
let server: StaticServer;
let demo: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-action-db-'));
  mirror = await writeExampleMirror(join(work, 'mirror'));
  server = await startStaticServer(mirror);
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as { buildDemoImage(p: string): Promise<void> };
  demo = join(work, 'demo.tar');
  await buildDemoImage(demo);
});
after(async () => {
  await server.close();
  await rm(work, { recursive: true, force: true });
});

const run = (inputs: Record<string, string>, env: Record<string, string>) =>
  runAction({
    inputs: { image: `docker-archive:${demo}`, ...inputs },
    payload: 'push-payload',
    eventName: 'push',
    env: { TIDEGATE_KEV_URL: '', TIDEGATE_EPSS_URL: '', ...env },
  });

for (const dbCache of ['true', 'false']) {
  test(`db empty, db-cache ${dbCache}: a local mirror folder, offline; the scan uses that DB`, async () => {
    const home = join(work, `home-${dbCache}`);
    const r = await run(
      { 'db-cache': dbCache },
      { HOME: home, TIDEGATE_OSV_BASE_URL: mirror, TIDEGATE_OFFLINE: 'true' },
    );
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.outputs.verdict, 'fail');
    assert.equal(r.outputs.critical, '3');
    // the cache directory an actions/cache step would keep: used only with db-cache
    assert.equal(existsSync(join(home, '.cache', 'tidegate', 'db')), dbCache === 'true');
  });
}

test('db empty, first run: only the ecosystems the image needs come from db-source, then a warm run', async () => {
  const home = join(work, 'home-url');
  server.log.length = 0;
  const first = await run({ 'db-source': server.url }, { HOME: home, TIDEGATE_ENRICHMENT: 'false' });
  assert.equal(first.code, 1, `${first.stdout}\n${first.stderr}`);
  assert.equal(first.outputs.critical, '3');
  assert.deepEqual(
    server.log
      .filter((l) => l.path.endsWith('.zip'))
      .map((l) => l.path)
      .sort(),
    ['/Debian/all.zip', '/npm/all.zip'],
  );
  // the mirror gone, the cached DB still gates, with a warning that says so
  const warm = await run({ 'db-source': await refusedUrl() }, { HOME: home, TIDEGATE_ENRICHMENT: 'false' });
  assert.equal(warm.code, 1, warm.stderr);
  assert.equal(warm.outputs.critical, '3');
  assert.match(
    warm.stdout,
    /^::warning::the vulnerability DB could not be updated \(.*ECONNREFUSED.*\); scanning with the cached DB/m,
  );
});

test('no db, no cache, no network: exit 2 at once with one line that says what to do, reports written', async () => {
  const source = await refusedUrl();
  const r = await run({ 'db-source': source }, { HOME: join(work, 'home-offline') });
  assert.equal(r.code, 2, r.stderr);
  const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
  assert.equal(errors.length, 1, r.stdout);
  assert.match(
    errors[0]!,
    /^::error::tidegate: error: no vulnerability DB in .*, and none could be fetched from http:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED.*\): set --db to a directory or zip of OSV records, or --db-source to a mirror/,
  );
  assert.ok(errors[0]!.length < 600, 'one short line, not a list of every ecosystem');
  assert.equal(r.outputs.verdict, 'error');
  const junit = await readFile(join(r.outputs['report-dir']!, 'tidegate.junit.xml'), 'utf8');
  assert.match(junit, /none could be fetched from/);
});
