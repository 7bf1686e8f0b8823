import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { schemaPath, testdata } from '../testing/index.js';
import type { Finding } from '../types/model.js';
import { cachedEnricher } from './enrich.js';
import { parseEpss } from './epss.js';
import { parseKev } from './kev.js';
import { readMeta } from './meta.js';
import { startOsvServer } from '../testing/osv-server.js';
import { updateDb } from './update.js';

const KEV = testdata('kev/known_exploited_vulnerabilities.json');

// EPSS has no test data in shared/: a small file in FIRST's published shape.
const EPSS = [
  '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z',
  'cve,epss,percentile',
  'CVE-2025-48384,0.02125,0.83691',
  'CVE-2021-44228,0.94358,0.99961',
  'CVE-2019-1549,0.00327,0.55312',
  '',
].join('\n');

test('kev: the real CISA catalog parses and is valid against its schema', async () => {
  const text = await readFile(KEV, 'utf8');
  const ajv = new Ajv({ strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(schemaPath('kev-schema.json'), 'utf8')) as object);
  assert.ok(validate(JSON.parse(text)), JSON.stringify(validate.errors));
  const kev = parseKev(text);
  assert.equal(kev.version, '2025.08.25');
  assert.equal(kev.entries.size, 1404);
  assert.deepEqual(kev.entries.get('CVE-2025-48384'), {
    dateAdded: '2025-08-25',
    dueDate: '2025-09-15',
    knownRansomware: false,
  });
});

const badFeeds = [
  { name: 'kev: not JSON', run: () => parseKev('{'), want: /not a CISA KEV catalog: not JSON/ },
  {
    name: 'kev: no vulnerabilities',
    run: () => parseKev('{"catalogVersion":"1"}'),
    want: /expected an object with 'catalogVersion' and 'vulnerabilities'/,
  },
  {
    name: 'epss: no header',
    run: () => parseEpss(Buffer.from('a,b,c\n')),
    want: /expected the header 'cve,epss,percentile'/,
  },
  {
    name: 'epss: a bad number',
    run: () => parseEpss(Buffer.from('cve,epss,percentile\nCVE-1-1,x,0.1\n')),
    want: /line 2/,
  },
];
for (const c of badFeeds) test(`feeds: ${c.name} is a clear error`, () => assert.throws(c.run, c.want));

test('epss: gzipped or plain, restricted to the CVEs wanted', () => {
  const all = parseEpss(gzipSync(EPSS));
  assert.equal(all.count, 3);
  assert.equal(all.date, '2025-08-25T12:55:00Z');
  const some = parseEpss(Buffer.from(EPSS), new Set(['CVE-2021-44228']));
  assert.deepEqual([...some.scores], [['CVE-2021-44228', { score: 0.94358, percentile: 0.99961 }]]);
});

test('db update fetches KEV and EPSS from loopback (304 the second time) and scans get kev/epss on findings', async () => {
  const root = await mkdtemp(join(tmpdir(), 'tidegate-feeds-'));
  await writeFile(join(root, 'kev.json'), await readFile(KEV));
  await writeFile(join(root, 'epss.csv.gz'), gzipSync(EPSS));
  const server = await startOsvServer(root);
  const dir = join(root, 'db');
  try {
    const o = {
      dir,
      ecosystems: ['PyPI'],
      source: testdata('osv'),
      kev: `${server.url}/kev.json`,
      epss: `${server.url}/epss.csv.gz`,
    };
    const r = await updateDb(o);
    assert.deepEqual(r.feeds, [
      { kind: 'kev', entries: 1404, version: '2025.08.25' },
      { kind: 'epss', entries: 3, version: '2025-08-25T12:55:00Z' },
    ]);
    server.log.length = 0;
    await updateDb(o);
    assert.deepEqual(
      server.log.map((l) => l.status),
      [304, 304],
    );
    const finding = { ruleId: 'GHSA-vwqx-4fm8-6qc9', aliases: ['CVE-2025-48384'] } as Finding;
    const other = { ruleId: 'CVE-2000-0001', aliases: [] } as unknown as Finding;
    await cachedEnricher(dir, (await readMeta(dir))!).annotate([finding, other]);
    assert.deepEqual(finding.kev, { dateAdded: '2025-08-25', dueDate: '2025-09-15', knownRansomware: false });
    assert.deepEqual(finding.epss, { score: 0.02125, percentile: 0.83691 });
    assert.equal(other.kev, undefined);
    assert.equal(other.epss, undefined);
  } finally {
    await server.close();
    await rm(root, { recursive: true, force: true });
  }
});
