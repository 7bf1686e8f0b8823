import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { silentLogger } from '../logger.js';
import { matchPackages } from '../match/matcher.js';
import type { Package } from '../types/model.js';
import { OsvApiDb } from './osv-api.js';

const record = {
  id: 'GHSA-m',
  modified: '2024-01-01T00:00:00Z',
  aliases: ['CVE-2021-44906'],
  affected: [
    {
      package: { ecosystem: 'npm', name: 'minimist' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.2.6' }] }],
    },
  ],
};

/** OSV's API shape on loopback: POST /v1/querybatch answers ids (paged once), GET /v1/vulns/{id} the record. */
async function fakeApi(): Promise<{ url: string; calls: string[]; close: () => Promise<void> }> {
  const calls: string[] = [];
  const srv = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      calls.push(`${req.method} ${req.url}`);
      if (req.url === '/v1/querybatch') {
        const q = JSON.parse(body) as { queries: { package: { name: string }; page_token?: string }[] };
        const results = q.queries.map((x) =>
          x.package.name !== 'minimist'
            ? {}
            : x.page_token
              ? { vulns: [{ id: 'GHSA-m' }] }
              : { vulns: [], next_page_token: 'p2' },
        );
        res.end(JSON.stringify({ results }));
      } else if (req.url === '/v1/vulns/GHSA-m') res.end(JSON.stringify(record));
      else if (req.url === '/v1/vulns/BROKEN') res.end('{"id": "BROKEN"}');
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  return { url, calls, close: () => new Promise<void>((r) => srv.close(() => r())) };
}

const layer = { index: 0, digest: 'sha256:a', diffId: 'sha256:a' };
const pkg = (name: string, version: string): Package => ({
  id: name,
  name,
  version,
  type: 'npm',
  ecosystem: 'npm',
  purl: `pkg:npm/${name}@${version}`,
  licenses: [],
  locations: ['package.json'],
  layer,
  foundBy: 'npm',
});

test('osv-api: querybatch (following next_page_token), then vulns/{id}, then matched locally', async () => {
  const api = await fakeApi();
  try {
    const r = await matchPackages(
      [pkg('minimist', '1.2.5'), pkg('left-pad', '1.0.0')],
      [],
      new OsvApiDb(api.url),
      silentLogger,
    );
    assert.deepEqual(
      r.findings.map((f) => `${f.ruleId} ${f.fixedIn.join()}`),
      ['CVE-2021-44906 1.2.6'],
    );
    assert.deepEqual(api.calls, ['POST /v1/querybatch', 'POST /v1/querybatch', 'GET /v1/vulns/GHSA-m']);
  } finally {
    await api.close();
  }
});

test('osv-api: an invalid record or an unreachable API is an exit-2 error, never a partial result', async () => {
  const api = await fakeApi();
  try {
    const db = new OsvApiDb(api.url);
    await assert.rejects(
      db
        .prefetch([{ ecosystem: 'npm', name: 'x', version: '1' }])
        .then(() => (db as unknown as { fetchVuln(id: string): Promise<void> }).fetchVuln('BROKEN')),
      /not a valid OSV record: modified/,
    );
  } finally {
    await api.close();
  }
  await assert.rejects(
    new OsvApiDb(api.url).prefetch([{ ecosystem: 'npm', name: 'x', version: '1' }]),
    /OSV API query failed: .*127\.0\.0\.1/,
  );
});
