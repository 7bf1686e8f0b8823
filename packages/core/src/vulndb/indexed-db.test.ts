import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { loadOsvDb } from './memory-db.js';
import { openCachedDb } from './open-cached.js';
import { updateDb } from './update.js';

test('indexed DB: answers every lookup exactly like the in-memory DB over the same real archive', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-idx-'));
  try {
    await updateDb({
      dir,
      ecosystems: ['Go'],
      source: testdata('osv'),
      offline: true,
      kev: false,
      epss: false,
    });
    const mem = await loadOsvDb(testdata('osv/Go/all.zip'));
    const { db } = await openCachedDb(dir);
    const names = new Set<string>();
    for (const e of ['stdlib', 'golang.org/x/text', 'github.com/gin-gonic/gin', 'not/a/module']) names.add(e);
    for (const name of names) {
      const a = (await mem.lookup('Go', name)).map((r) => r.id).sort();
      const b = (await db.lookup('Go', name)).map((r) => r.id).sort();
      assert.deepEqual(b, a, name);
    }
    assert.ok((await db.lookup('Go', 'stdlib')).length > 100);
    assert.deepEqual(await db.stats(), await mem.stats());
    assert.equal(db.covers('Go'), true);
    assert.equal(db.covers('npm'), false);
    await db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('indexed DB: no DB, and a damaged meta.json, are exit-2 errors naming the fix', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-idx-'));
  try {
    await assert.rejects(openCachedDb(dir), /no vulnerability DB in .*: run 'tidegate db update' first/);
    await writeFile(join(dir, 'meta.json'), '{"format": 99}');
    await assert.rejects(openCachedDb(dir), /vulnerability DB cache is damaged \(meta.json: format 99\)/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('indexed DB: a DB older than --max-db-age is refused', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-idx-'));
  try {
    await updateDb({
      dir,
      ecosystems: ['PyPI'],
      source: testdata('osv'),
      kev: false,
      epss: false,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const at = new Date('2026-01-09T00:00:00Z');
    await assert.rejects(
      openCachedDb(dir, { ms: 7 * 86_400_000, text: '7d' }, at),
      /vulnerability DB is 8d 0h old \(last updated 2026-01-01T00:00:00.000Z\), older than --max-db-age 7d/,
    );
    const ok = await openCachedDb(dir, { ms: 9 * 86_400_000, text: '9d' }, at);
    await ok.db.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
