import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../logger.js';
import type { IgnoreRule, Package } from '../types/model.js';
import type { OsvRecord } from '../types/osv/record.js';
import { MemoryDb } from '../vulndb/memory-db.js';
import { matchPackages } from './matcher.js';

const layer = { index: 0, digest: 'sha256:a', diffId: 'sha256:a' };

function pkg(p: Partial<Package> & Pick<Package, 'name' | 'version' | 'ecosystem' | 'type'>): Package {
  return {
    id: `${p.name}@${p.version}`,
    purl: `pkg:x/${p.name}`,
    licenses: [],
    locations: [`loc/${p.name}`],
    layer,
    foundBy: 't',
    ...p,
  };
}

function rec(
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Partial<OsvRecord> = {},
): OsvRecord {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    ...extra,
  };
}

async function match(packages: Package[], records: OsvRecord[], ignore: IgnoreRule[] = []) {
  const db = new MemoryDb('test');
  records.forEach((r) => db.add(r));
  return matchPackages(packages, ignore, db, silentLogger);
}

test('matcher: aliases merge into one finding shown under the CVE id', async () => {
  const r = await match(
    [pkg({ name: 'jinja2', version: '2.11.2', ecosystem: 'PyPI', type: 'pypi' })],
    [
      rec('GHSA-g3rq-g295-4j3m', 'PyPI', 'Jinja2', [{ introduced: '0' }, { fixed: '2.11.3' }], {
        aliases: ['CVE-2020-28493'],
        database_specific: { severity: 'MODERATE' },
      }),
      rec('PYSEC-2021-66', 'PyPI', 'jinja2', [{ introduced: '0' }, { fixed: '2.11.3' }], {
        aliases: ['CVE-2020-28493', 'GHSA-g3rq-g295-4j3m'],
      }),
    ],
  );
  assert.equal(r.findings.length, 1);
  const f = r.findings[0]!;
  assert.equal(f.ruleId, 'CVE-2020-28493');
  assert.deepEqual(f.aliases, ['GHSA-g3rq-g295-4j3m', 'PYSEC-2021-66']);
  assert.deepEqual(f.fixedIn, ['2.11.3']);
  assert.equal(f.severity, 'medium');
  assert.equal(f.severitySource, 'ghsa');
});

test('matcher: distro packages match by source name with the source version', async () => {
  const libc = pkg({
    name: 'libc6',
    version: '2.36-9+deb12u1',
    ecosystem: 'Debian:12',
    type: 'deb',
    source: { name: 'glibc', version: '2.36-9+deb12u1' },
  });
  const bsd = pkg({
    name: 'bsdutils',
    version: '1:2.38.1-5+b1',
    ecosystem: 'Debian:12',
    type: 'deb',
    source: { name: 'util-linux', version: '2.38.1-5' },
  });
  const r = await match(
    [libc, bsd],
    [
      rec('DSA-5514-1', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }]),
      // source version 2.38.1-5 equals the fix: not affected, although the binary version (with epoch) is higher
      rec('DSA-0000-1', 'Debian:12', 'util-linux', [{ introduced: '0' }, { fixed: '2.38.1-5' }]),
      rec('DSA-0001-1', 'Debian:11', 'glibc', [{ introduced: '0' }]),
    ],
  );
  assert.deepEqual(
    r.findings.map((f) => `${f.ruleId} ${f.package?.name} ${f.matchedBy}`),
    ['DSA-5514-1 libc6 source'],
  );
});

test('matcher: withdrawn records never match', async () => {
  const r = await match(
    [pkg({ name: 'x', version: '1.0.0', ecosystem: 'npm', type: 'npm' })],
    [rec('GHSA-w', 'npm', 'x', [{ introduced: '0' }], { withdrawn: '2024-02-01T00:00:00Z' })],
  );
  assert.deepEqual(r.findings, []);
});

test('matcher: ignored packages are not matched', async () => {
  const p = pkg({ name: 'urllib3', version: '1.26.5', ecosystem: 'PyPI', type: 'pypi' });
  const r = await match(
    [p],
    [rec('GHSA-u', 'PyPI', 'urllib3', [{ introduced: '0' }])],
    [{ packageId: p.id, reason: 'owned-by-distro-package', detail: 'x' }],
  );
  assert.deepEqual(r.findings, []);
});

test('matcher: an uncomparable version is reported as an issue, not dropped silently', async () => {
  const r = await match(
    [pkg({ name: 'x', version: 'garbage!!', ecosystem: 'npm', type: 'npm' })],
    [rec('GHSA-x', 'npm', 'x', [{ introduced: '0' }, { fixed: '2.0.0' }])],
  );
  assert.deepEqual(r.findings, []);
  assert.deepEqual(
    r.issues.map((i) => i.message),
    ['x garbage!! is not a valid semver version: only exact version lists were matched'],
  );
});

test('matcher: CVSS vectors decide the severity; the finding id ignores version and layer', async () => {
  const v = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
  const records = [
    rec('GHSA-m', 'npm', 'minimist', [{ introduced: '1.0.0' }, { fixed: '1.2.6' }], {
      severity: [{ type: 'CVSS_V3', score: v }],
    }),
  ];
  const a = await match(
    [pkg({ name: 'minimist', version: '1.2.5', ecosystem: 'npm', type: 'npm' })],
    records,
  );
  const b = await match(
    [
      pkg({
        name: 'minimist',
        version: '1.2.0',
        ecosystem: 'npm',
        type: 'npm',
        layer: { ...layer, index: 3, digest: 'sha256:b' },
      }),
    ],
    records,
  );
  assert.equal(a.findings[0]!.severity, 'critical');
  assert.equal(a.findings[0]!.score, 9.8);
  assert.equal(a.findings[0]!.id, b.findings[0]!.id);
});

test('matcher: an invalid version still matches an exact versions list', async () => {
  const record: OsvRecord = {
    id: 'GO-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [{ package: { ecosystem: 'Go', name: 'm' }, versions: ['(devel)'] }],
  };
  const r = await match([pkg({ name: 'm', version: '(devel)', ecosystem: 'Go', type: 'golang' })], [record]);
  assert.deepEqual(
    r.findings.map((f) => f.ruleId),
    ['GO-1'],
  );
});

test('matcher: a DSA folds into the CVE findings it names, as an alias', async () => {
  const libc = pkg({
    name: 'libc6',
    version: '2.36-9+deb12u1',
    ecosystem: 'Debian:12',
    type: 'deb',
    source: { name: 'glibc', version: '2.36-9+deb12u1' },
  });
  const r = await match(
    [libc],
    [
      rec('DSA-5514-1', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }], {
        upstream: ['CVE-2023-4911', 'DEBIAN-CVE-2023-4911'],
      }),
      rec('DEBIAN-CVE-2023-4911', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }], {
        upstream: ['CVE-2023-4911'],
      }),
      // names a CVE no other record reports: reported under each of its CVEs, the DSA as alias
      // (issue 5: CVE preferred, DSA/DLA/USN kept as aliases; KEV and EPSS are keyed by CVE)
      rec('DSA-9999-1', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u4' }], {
        upstream: ['CVE-2023-4911', 'CVE-2099-1'],
      }),
    ],
  );
  assert.deepEqual(r.findings.map((f) => `${f.ruleId} [${f.aliases.join(' ')}]`).sort(), [
    'CVE-2023-4911 [DEBIAN-CVE-2023-4911 DSA-5514-1 DSA-9999-1]',
    'CVE-2099-1 [DSA-9999-1]',
  ]);
});

test('matcher: a Go (devel) main module is skipped without an issue', async () => {
  const r = await match(
    [pkg({ name: 'example.com/app', version: '(devel)', ecosystem: 'Go', type: 'golang' })],
    [rec('GO-2', 'Go', 'example.com/app', [{ introduced: '0' }])],
  );
  assert.deepEqual(r.findings, []);
  assert.deepEqual(r.issues, []);
});
