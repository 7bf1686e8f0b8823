import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLogger } from '../logger.js';
import type { Finding, Package } from '../types/model.js';
import type { OsvRecord } from '../types/osv/record.js';
import type { AdvisoryDb } from '../vulndb/db.js';
import { MemoryDb } from '../vulndb/memory-db.js';
import { distroEcosystem } from '../ecosystems/index.js';
import { matchPackages } from './matcher.js';

const layer = { index: 0, digest: 'sha256:a', diffId: 'sha256:a' };
const pkg = (p: Partial<Package> & Pick<Package, 'name' | 'version' | 'ecosystem' | 'type'>): Package => ({
  id: `${p.name}@${p.version}`,
  purl: `pkg:x/${p.name}`,
  licenses: [],
  locations: ['loc'],
  layer,
  foundBy: 't',
  ...p,
});
const rec = (
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  extra: Partial<OsvRecord> = {},
  affectedExtra = {},
): OsvRecord => ({
  id,
  modified: '2024-01-01T00:00:00Z',
  affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }], ...affectedExtra }],
  ...extra,
});

async function match(
  packages: Package[],
  records: OsvRecord[],
  db?: AdvisoryDb,
): Promise<{ findings: Finding[]; issues: string[] }> {
  const mem = new MemoryDb('t');
  records.forEach((r) => mem.add(r));
  const r = await matchPackages(packages, [], db ?? mem, silentLogger);
  return { findings: r.findings, issues: r.issues.map((i) => i.message) };
}

const deb = pkg({
  name: 'bash',
  version: '5.0-4',
  ecosystem: 'Debian:10',
  type: 'deb',
  source: { name: 'bash', version: '5.0-4' },
});

const fixStates: {
  name: string;
  affectedExtra: object;
  events: Record<string, string>[];
  want: Finding['fixState'];
}[] = [
  {
    name: 'a fix event',
    affectedExtra: {},
    events: [{ introduced: '0' }, { fixed: '5.0-5' }],
    want: 'fixed',
  },
  { name: 'no fix event', affectedExtra: {}, events: [{ introduced: '0' }], want: 'not-fixed' },
  {
    name: "Debian's <ignored> in ecosystem_specific",
    affectedExtra: { ecosystem_specific: { status: 'ignored' } },
    events: [{ introduced: '0' }],
    want: 'wont-fix',
  },
  {
    name: 'will_not_fix in database_specific',
    affectedExtra: { database_specific: { status: 'will_not_fix' } },
    events: [{ introduced: '0' }],
    want: 'wont-fix',
  },
  {
    name: 'postponed is still not-fixed',
    affectedExtra: { ecosystem_specific: { status: 'postponed' } },
    events: [{ introduced: '0' }],
    want: 'not-fixed',
  },
];
for (const c of fixStates) {
  test(`fix state: ${c.name} → ${c.want}`, async () => {
    const r = await match(
      [deb],
      [
        rec(
          'DEBIAN-CVE-2019-18276',
          'Debian:10',
          'bash',
          c.events,
          { upstream: ['CVE-2019-18276'] },
          c.affectedExtra,
        ),
      ],
    );
    assert.deepEqual(
      r.findings.map((f) => [f.ruleId, f.fixState]),
      [['CVE-2019-18276', c.want]],
    );
  });
}

test('errata naming several CVEs are reported per CVE, the errata id kept as alias', async () => {
  const rpm = pkg({
    name: 'openssl-libs',
    version: '1:1.0.2k-16.el7',
    ecosystem: distroEcosystem({ id: 'centos', versionId: '7.6.1810' })!,
    type: 'rpm',
    source: { name: 'openssl', version: '1.0.2k-16.el7' },
  });
  const rhsa = rec(
    'RHSA-2019:2304',
    'Red Hat:enterprise_linux:7::server',
    'openssl',
    [{ introduced: '0' }, { fixed: '1:1.0.2k-19.el7' }],
    { upstream: ['CVE-2019-1559', 'CVE-2018-0734'], summary: 'Moderate: openssl security update' },
  );
  const r = await match(
    [rpm],
    [
      rhsa,
      rec('RHSA-2019:2471', 'Red Hat:enterprise_linux:6::server', 'openssl', [
        { introduced: '0' },
        { fixed: '0:1.0.1e-58.el6_10' },
      ]),
    ],
  );
  assert.deepEqual(
    r.findings.map((f) => [f.ruleId, f.aliases, f.fixedIn, f.severity, f.severitySource]),
    [
      ['CVE-2018-0734', ['RHSA-2019:2304'], ['1:1.0.2k-19.el7'], 'medium', 'redhat'],
      ['CVE-2019-1559', ['RHSA-2019:2304'], ['1:1.0.2k-19.el7'], 'medium', 'redhat'],
    ],
  );
});

test('rpm: the binary EVR is compared, also through the source package (SOURCERPM has no epoch)', async () => {
  const fixedRpm = pkg({
    name: 'openssl-libs',
    version: '1:1.0.2k-19.el7',
    ecosystem: 'Red Hat:enterprise_linux:7',
    type: 'rpm',
    source: { name: 'openssl', version: '1.0.2k-19.el7' },
  });
  const r = await match(
    [fixedRpm],
    [
      rec(
        'RHSA-2019:2304',
        'Red Hat:enterprise_linux:7::server',
        'openssl',
        [{ introduced: '0' }, { fixed: '1:1.0.2k-19.el7' }],
        { upstream: ['CVE-2019-1559'] },
      ),
    ],
  );
  assert.deepEqual(r.findings, []);
});

const S = (type: string, score: string) => ({ type, score });
const V3 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

test('an ecosystem the cached DB has no archive for is reported, never a silent pass', async () => {
  const mem = new MemoryDb('t');
  const db: AdvisoryDb = {
    location: 'x',
    lookup: (e, n) => mem.lookup(e, n),
    stats: () => mem.stats(),
    covers: (e) => e.startsWith('Debian'),
  };
  const r = await match(
    [deb, pkg({ name: 'left-pad', version: '1.0.0', ecosystem: 'npm', type: 'npm' })],
    [],
    db,
  );
  assert.deepEqual(r.issues, [
    "the vulnerability DB has no npm advisories, so npm packages were not checked (run 'tidegate db update --ecosystems npm')",
  ]);
});

test('names: NuGet and Packagist compare case-insensitively, PyPI by PEP 503', async () => {
  const r = await match(
    [
      pkg({ name: 'Newtonsoft.Json', version: '12.0.3', ecosystem: 'NuGet', type: 'nuget' }),
      pkg({ name: 'Flask_Cors', version: '1.0', ecosystem: 'PyPI', type: 'pypi' }),
    ],
    [
      rec('GHSA-5crp-9r3c-p9vr', 'NuGet', 'newtonsoft.json', [{ introduced: '0' }, { fixed: '13.0.1' }]),
      rec('PYSEC-1', 'PyPI', 'flask-cors', [{ introduced: '0' }, { fixed: '3.0.9' }]),
    ],
  );
  assert.deepEqual(r.findings.map((f) => f.ruleId).sort(), ['GHSA-5crp-9r3c-p9vr', 'PYSEC-1']);
});

test('errata folded into per-CVE records keep each CVE its own severity (no re-split)', async () => {
  const curl = pkg({
    name: 'curl',
    version: '7.88.1-10+deb12u1',
    ecosystem: 'Debian:12',
    type: 'deb',
    source: { name: 'curl', version: '7.88.1-10+deb12u1' },
  });
  const fix: Record<string, string>[] = [{ introduced: '0' }, { fixed: '7.88.1-10+deb12u4' }];
  const r = await match(
    [curl],
    [
      rec('DSA-5523-1', 'Debian:12', 'curl', fix, { upstream: ['CVE-2023-38545', 'CVE-2023-38546'] }),
      rec('DEBIAN-CVE-2023-38545', 'Debian:12', 'curl', fix, {
        upstream: ['CVE-2023-38545'],
        severity: [S('CVSS_V3', V3)],
      }),
      rec('DEBIAN-CVE-2023-38546', 'Debian:12', 'curl', fix, {
        upstream: ['CVE-2023-38546'],
        severity: [S('CVSS_V3', 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N')],
      }),
    ],
  );
  assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.severity} [${f.aliases.join(' ')}]`).sort(), [
    'CVE-2023-38545 critical [DEBIAN-CVE-2023-38545 DSA-5523-1]',
    'CVE-2023-38546 low [DEBIAN-CVE-2023-38546 DSA-5523-1]',
  ]);
});
