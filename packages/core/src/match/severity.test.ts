import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OsvRecord } from '../types/osv/record.js';
import { resolveSeverity } from './severity.js';

// Severity precedence (ADR 0009): distro rating, then GHSA's label, then CVSS newest first.
const S = (type: string, score: string) => ({ type, score });
const V3 = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';
const V4 = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:L/VI:N/VA:N/SC:N/SI:N/SA:N';
const severityCases: {
  name: string;
  records: Partial<OsvRecord>[];
  affected?: object[];
  distro?: boolean;
  want: [string, string];
}[] = [
  {
    name: "a distro package takes the distro's urgency over CVSS",
    records: [{ severity: [S('CVSS_V3', V3)] }],
    affected: [{ package: { ecosystem: 'Debian:12', name: 'x' }, ecosystem_specific: { urgency: 'low' } }],
    distro: true,
    want: ['low', 'debian'],
  },
  {
    name: "Debian's 'not yet assigned' falls through to CVSS",
    records: [{ severity: [S('CVSS_V3', V3)] }],
    affected: [
      { package: { ecosystem: 'Debian:12', name: 'x' }, ecosystem_specific: { urgency: 'not yet assigned' } },
    ],
    distro: true,
    want: ['critical', 'cvss-v3.1'],
  },
  {
    name: "Ubuntu's priority",
    records: [{ severity: [S('Ubuntu', 'negligible'), S('CVSS_V3', V3)] }],
    distro: true,
    want: ['negligible', 'ubuntu'],
  },
  {
    name: 'the errata summary prefix (Red Hat, AlmaLinux, Rocky)',
    records: [{ summary: 'Important: kernel security update' }],
    affected: [{ package: { ecosystem: 'AlmaLinux:8', name: 'kernel' } }],
    distro: true,
    want: ['high', 'almalinux'],
  },
  {
    name: "a language package ignores distro ratings and takes GitHub's label over CVSS",
    records: [{ id: 'GHSA-x', severity: [S('CVSS_V3', V3)], database_specific: { severity: 'MODERATE' } }],
    want: ['medium', 'ghsa'],
  },
  {
    name: 'CVSS v4.0 before v3.x',
    records: [{ severity: [S('CVSS_V3', V3), S('CVSS_V4', V4)] }],
    want: ['medium', 'cvss-v4.0'],
  },
  {
    name: 'the highest score of one CVSS version across aliases',
    records: [
      { severity: [S('CVSS_V3', 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N')] },
      { severity: [S('CVSS_V3', V3)] },
    ],
    want: ['critical', 'cvss-v3.1'],
  },
  { name: 'nothing to go by', records: [{}], want: ['unknown', 'none'] },
];
for (const c of severityCases) {
  test(`severity: ${c.name}`, () => {
    const records = c.records.map((r, i) => ({ id: `R-${i}`, modified: 'x', ...r }) as OsvRecord);
    const s = resolveSeverity(records, (c.affected ?? []) as never, c.distro ?? false);
    assert.deepEqual([s.severity, s.source], c.want);
  });
}

test('severity: the CVSS score and vector stay on the finding when a label decided', () => {
  const s = resolveSeverity(
    [{ id: 'GHSA-x', modified: 'x', severity: [S('CVSS_V3', V3)], database_specific: { severity: 'LOW' } }],
    [],
    false,
  );
  assert.deepEqual([s.severity, s.score, s.vector], ['low', 9.8, V3]);
});
