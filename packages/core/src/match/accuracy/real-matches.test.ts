import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { load } from 'js-yaml';
import { apkCataloger } from '../../catalog/apk.js';
import { osReleaseCataloger } from '../../catalog/os-release.js';
import { silentLogger } from '../../logger.js';
import { testdata } from '../../testing/index.js';
import { catalogLayers } from '../../testing/view.js';
import type { Package } from '../../types/model.js';
import type { OsvRecord } from '../../types/osv/record.js';
import { loadOsvDb, MemoryDb } from '../../vulndb/memory-db.js';
import { matchPackages } from '../matcher.js';
import { comparatorFor } from '../versions/registry.js';

type Secdb = {
  distroversion: string;
  packages: { pkg: { name: string; secfixes?: Record<string, (string | null)[] | null> } }[];
};

/**
 * Alpine's secdb as OSV's Alpine records are generated from it: per (source package, CVE) an
 * `ALPINE-CVE-…` record, `introduced: 0`, `fixed:` the first version listing the CVE (a CVE
 * listed under two versions was fixed in steps; the first fix counts), `0` = never affected.
 */
function secdbToOsv(path: string): OsvRecord[] {
  const db = load(readFileSync(path, 'utf8')) as Secdb;
  const apk = comparatorFor('apk')!;
  const ecosystem = `Alpine:${db.distroversion}`;
  const out: OsvRecord[] = [];
  for (const { pkg } of db.packages) {
    const first = new Map<string, string>();
    for (const [fixed, ids] of Object.entries(pkg.secfixes ?? {}))
      for (const id of (ids ?? []).flatMap((x) => String(x).split(/\s+/)).filter((x) => x.startsWith('CVE-')))
        if (!first.has(id) || apk.compare(fixed, first.get(id)!) < 0) first.set(id, fixed);
    for (const [cve, fixed] of first) {
      if (fixed === '0') continue;
      const events = [{ introduced: '0' }, { fixed }];
      out.push({
        id: `ALPINE-${cve}`,
        modified: '2020-06-08T00:00:00Z',
        upstream: [cve],
        affected: [{ package: { ecosystem, name: pkg.name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
      });
    }
  }
  return out;
}

// What the secdb says for the real Alpine 3.4 installed DB, read by hand: a CVE whose first
// fix is above the installed version (apk ordering), per source package.
const OPENSSL = [
  '2016-2179',
  '2016-2180',
  '2016-2181',
  '2016-2182',
  '2016-2183',
  '2016-6302',
  '2016-6303',
  '2016-6304',
  '2016-6306',
  '2016-7052',
  '2016-7055',
  '2017-3731',
  '2017-3732',
  '2017-3735',
  '2017-3736',
  '2017-3737',
  '2017-3738',
  '2018-0732',
  '2018-0733',
  '2018-0734',
  '2018-0737',
  '2018-0739',
  '2018-5407',
];
const EXPECTED: Record<string, string[]> = {
  musl: ['2016-8859', '2017-15650'],
  'musl-utils': ['2016-8859', '2017-15650'],
  busybox: ['2016-6301', '2017-15873', '2017-16544'],
  'libcrypto1.0': OPENSSL,
  'libssl1.0': OPENSSL,
  zlib: ['2016-9840', '2016-9841', '2016-9842', '2016-9843'],
};

test('real match: Alpine 3.4 installed DB (apk cataloger) against Alpine secdb v3.4 converted to OSV', async () => {
  const installed = readFileSync(testdata('trivy/analyzer/apk-installed'));
  const { packages } = await catalogLayers(
    [{ 'etc/alpine-release': '3.4.6\n', 'lib/apk/db/installed': installed }],
    [osReleaseCataloger, apkCataloger],
  );
  const db = new MemoryDb('secdb');
  secdbToOsv(testdata('alpine-secdb/v3.4/main.yaml')).forEach((r) => db.add(r));
  const { findings, issues } = await matchPackages(packages, [], db, silentLogger);
  assert.deepEqual(issues, []);
  const got: Record<string, string[]> = {};
  for (const f of findings) (got[f.package!.name] ??= []).push(f.ruleId.replace('CVE-', ''));
  for (const k of Object.keys(got)) got[k]!.sort();
  assert.deepEqual(got, EXPECTED);
  const musl = findings.find((f) => f.package?.name === 'musl-utils' && f.ruleId === 'CVE-2017-15650')!;
  assert.deepEqual(
    [musl.fixedIn, musl.fixState, musl.matchedBy, musl.aliases],
    [['1.1.14-r16'], 'fixed', 'source', ['ALPINE-CVE-2017-15650']],
  );
});

const layer = { index: 0, digest: 'sha256:x', diffId: 'sha256:x' };
const lang = (ecosystem: string, type: Package['type'], name: string, version: string): Package => ({
  id: `${name}@${version}`,
  name,
  version,
  type,
  ecosystem,
  purl: `pkg:${type}/${name}@${version}`,
  licenses: [],
  locations: ['x'],
  layer,
  foundBy: 'test',
});

test('real match: the modules of the real Go binary against the real Go OSV archive', async () => {
  // `go version -m executable_gobinary`: go1.15.2, and three dependencies
  const mods = readFileSync(testdata('trivy/analyzer/executable_gobinary.expected.txt'), 'utf8')
    .split('\n')
    .map((l) => l.trim().split('\t'))
    .filter((f) => f[0] === 'dep')
    .map((f) => lang('Go', 'golang', f[1]!, f[2]!));
  assert.equal(mods.length, 3);
  const db = await loadOsvDb(testdata('osv/Go/all.zip'));
  const { findings, issues } = await matchPackages(
    [...mods, lang('Go', 'golang', 'stdlib', '1.15.2')],
    [],
    db,
    silentLogger,
  );
  assert.deepEqual(issues, []);
  assert.ok(
    findings.every((f) => f.package?.name === 'stdlib'),
    'no advisories for the three dependencies',
  );
  const ids = new Set(findings.flatMap((f) => [f.ruleId, ...f.aliases]));
  // math/big (fixed in Go 1.15.5) and crypto/elliptic (1.15.7): well-known Go 1.15 stdlib issues
  for (const id of ['CVE-2020-28362', 'CVE-2021-3114', 'GO-2021-0069', 'GO-2021-0235'])
    assert.ok(ids.has(id), id);
  const big = findings.find((f) => f.ruleId === 'CVE-2020-28362')!;
  assert.ok(big.fixedIn.includes('1.15.5'));
  const newer = await matchPackages([lang('Go', 'golang', 'stdlib', 'v1.15.7')], [], db, silentLogger);
  assert.ok(
    newer.findings.length < findings.length && !newer.findings.some((f) => f.ruleId === 'CVE-2021-3114'),
    'fixed versions are not reported',
  );
});

test('real match: real PyPI versions against the real PyPI OSV archive (PYSEC records, CVE aliases)', async () => {
  const db = await loadOsvDb(testdata('osv/PyPI/all.zip'));
  const pkgs = [
    lang('PyPI', 'pypi', 'Jinja2', '2.11.2'),
    lang('PyPI', 'pypi', 'urllib3', '1.26.5'),
    lang('PyPI', 'pypi', 'requests', '2.31.0'),
  ];
  const { findings } = await matchPackages(pkgs, [], db, silentLogger);
  const of = (n: string) => findings.filter((f) => f.package?.name === n).map((f) => f.ruleId);
  assert.ok(
    of('Jinja2').includes('CVE-2020-28493'),
    'ReDoS fixed in 2.11.3; found through the PEP 503 name jinja2',
  );
  assert.ok(!of('urllib3').includes('CVE-2021-33503'), 'fixed in 1.26.5 itself');
  assert.ok(of('urllib3').includes('CVE-2023-43804'), 'cookie leak, fixed in 1.26.17');
  assert.ok(!of('requests').includes('CVE-2023-32681'), 'fixed in 2.31.0 itself');
  const jinja = findings.find((f) => f.ruleId === 'CVE-2020-28493')!;
  assert.ok(jinja.aliases.some((a) => a.startsWith('PYSEC-')));
  assert.deepEqual(jinja.fixedIn, ['2.11.3']);
});
