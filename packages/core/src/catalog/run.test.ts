import assert from 'node:assert/strict';
import { test } from 'node:test';
import { walkLayers } from '../testing/view.js';
import type { FileCataloger, ViewCataloger } from './cataloger.js';
import { runViewCatalogers } from './run.js';
import { silentLogger } from '../logger.js';

const npmDraft = (name: string, path: string) => ({
  name,
  version: '1',
  type: 'npm' as const,
  ecosystem: 'npm',
  purl: `pkg:npm/${name}@1`,
  licenses: [],
  locations: [path],
});

test('run: file catalogers run per wanted file and their packages carry the layer', async () => {
  const c: FileCataloger = {
    id: 'fake',
    version: 1,
    kind: 'file',
    wants: (p) => p.endsWith('.pkg'),
    catalog: ({ path, bytes }) => ({ packages: [npmDraft(bytes.toString(), path)], issues: [] }),
  };
  const { results } = await walkLayers([{ 'a.txt': 'a' }, { 'x.pkg': 'x', 'y.txt': 'y' }], [c]);
  assert.equal(results[1]!.packages.length, 1);
  assert.equal(results[1]!.packages[0]!.layer.index, 1);
  assert.equal(results[1]!.packages[0]!.foundBy, 'fake');
  assert.equal(results[1]!.kept.size, 0, 'a file cataloger has no bytes kept for the view');
});

test('run: a file cataloger that throws becomes an issue with path and layer, the walk goes on', async () => {
  const c: FileCataloger = {
    id: 'boom',
    version: 1,
    kind: 'file',
    wants: () => true,
    catalog: () => {
      throw new Error('bad');
    },
  };
  const { results } = await walkLayers([{ a: '1', b: '2' }], [c]);
  const r = results[0]!;
  assert.equal(r.entries.size, 2);
  assert.deepEqual(
    r.issues.map((i) => [i.by, i.message, i.path, i.layer === r.origin.digest]),
    [
      ['boom', 'cataloger failed: bad', 'a', true],
      ['boom', 'cataloger failed: bad', 'b', true],
    ],
  );
});

test('run: a view cataloger that throws becomes one issue, flagged when it reads an OS database', async () => {
  const c: ViewCataloger = {
    id: 'db',
    version: 1,
    kind: 'view',
    osDatabase: true,
    staticPaths: ['var/lib/db'],
    wants: () => false,
    catalog: () => {
      throw new Error('corrupt');
    },
  };
  const { view, results } = await walkLayers([{ 'var/lib/db': 'x' }], [c]);
  assert.equal((await view.read('var/lib/db'))?.toString(), 'x', 'a view cataloger has its files kept');
  assert.deepEqual(results[0]!.issues, []);
  const out = await runViewCatalogers(view, [c], silentLogger);
  assert.deepEqual(out.issues, [{ by: 'db', message: 'cataloger failed: corrupt', osDatabase: true }]);
});
