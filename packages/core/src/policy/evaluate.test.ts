import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CatalogIssue, Finding, ImageInfo, Package, Severity } from '../types/model.js';
import { evaluate, type EvaluateContext } from './evaluate.js';
import { DEFAULT_POLICY, type GatePolicy } from './policy.js';

function vuln(id: string, severity: Severity, extra: Partial<Finding> & { unfixed?: boolean } = {}): Finding {
  const { unfixed, ...rest } = extra;
  return {
    id,
    kind: 'vulnerability',
    ruleId: id,
    aliases: [],
    severity,
    fixState: unfixed ? 'not-fixed' : 'fixed',
    fixedIn: unfixed ? [] : ['2'],
    package: { id: `p-${id}`, name: 'pkg', version: '1', ecosystem: 'npm', purl: 'pkg:npm/pkg@1' },
    ...rest,
  };
}

function check(id: string, kind: Finding['kind'], severity: Severity, ruleId = id): Finding {
  return { id, kind, ruleId, aliases: [], severity, fixState: 'unknown', fixedIn: [] };
}

function pkg(name: string, licenses: string[]): Package {
  return {
    id: `pkg-${name}`,
    name,
    version: '1',
    type: 'npm',
    ecosystem: 'npm',
    purl: `pkg:npm/${name}@1`,
    licenses,
    locations: [],
    layer: { index: 0, digest: 'd', diffId: 'd' },
    foundBy: 'npm',
  };
}

const image: ImageInfo = {
  reference: 'oci:/x',
  source: 'oci',
  configDigest: 'sha256:c',
  repoTags: ['ghcr.io/acme/app:1'],
  os: 'linux',
  architecture: 'amd64',
  created: '2024-01-01T00:00:00Z',
  labels: { 'org.opencontainers.image.base.name': 'docker.io/library/debian:12' },
  layers: [],
};

const KEV = { dateAdded: '2023-10-03' };
const osIssue: CatalogIssue = { by: 'dpkg', message: 'x', osDatabase: true };
const fileIssue: CatalogIssue = { by: 'npm', message: 'y', path: 'a/package.json' };
const suppressed = { suppressed: { by: 'test', reason: 'r' } };

type Case = {
  name: string;
  findings?: Finding[];
  issues?: CatalogIssue[];
  policy?: Partial<GatePolicy>;
  ctx?: EvaluateContext;
  want: string;
  rules?: string[];
};

const cases: Case[] = [
  { name: 'no findings pass', want: 'pass' },
  {
    name: 'a high finding fails by default',
    findings: [vuln('a', 'high')],
    want: 'fail',
    rules: ['fail vulnerabilities.severity'],
  },
  { name: 'a medium finding passes by default', findings: [vuln('a', 'medium')], want: 'pass' },
  {
    name: 'unknown severity never reaches a threshold',
    findings: [vuln('a', 'unknown')],
    policy: { failOn: 'low' },
    want: 'pass',
  },
  {
    name: 'fail-on none disables the severity rule',
    findings: [vuln('a', 'critical')],
    policy: { failOn: 'none' },
    want: 'pass',
  },
  { name: 'suppressed findings do not count', findings: [vuln('a', 'critical', suppressed)], want: 'pass' },
  {
    name: 'ignore-unfixed drops findings without a fix',
    findings: [vuln('a', 'critical', { unfixed: true })],
    policy: { ignoreUnfixed: true },
    want: 'pass',
  },
  {
    name: 'warn-on below fail-on warns',
    findings: [vuln('a', 'medium')],
    policy: { warnOn: 'medium' },
    want: 'warn',
    rules: ['warn vulnerabilities.severity'],
  },
  {
    name: 'KEV fails a low finding by default',
    findings: [vuln('a', 'low', { kev: KEV })],
    want: 'fail',
    rules: ['fail vulnerabilities.kev'],
  },
  {
    name: 'KEV fails even when ignore-unfixed drops it',
    findings: [vuln('a', 'low', { kev: KEV, unfixed: true })],
    policy: { ignoreUnfixed: true },
    want: 'fail',
    rules: ['fail vulnerabilities.kev'],
  },
  {
    name: 'KEV can be turned off',
    findings: [vuln('a', 'low', { kev: KEV })],
    policy: { kev: 'off' },
    want: 'pass',
  },
  {
    name: 'CVSS at the threshold triggers',
    findings: [vuln('a', 'medium', { score: 9 })],
    policy: { cvss: { mode: 'warn', threshold: 9 } },
    want: 'warn',
    rules: ['warn vulnerabilities.cvss'],
  },
  {
    name: 'CVSS below the threshold does not',
    findings: [vuln('a', 'medium', { score: 8.9 })],
    policy: { cvss: { mode: 'fail', threshold: 9 } },
    want: 'pass',
  },
  {
    name: 'EPSS at the threshold triggers',
    findings: [vuln('a', 'low', { epss: { score: 0.7, percentile: 0.98 } })],
    policy: { epss: { mode: 'fail', threshold: 0.5 } },
    want: 'fail',
    rules: ['fail vulnerabilities.epss'],
  },
  {
    name: 'a per-id mode overrides the severity',
    findings: [vuln('CVE-1', 'critical')],
    policy: { vulnerabilityRules: { 'CVE-1': 'warn' } },
    want: 'warn',
    rules: ['warn vulnerabilities.rules'],
  },
  {
    name: 'a per-id mode matches aliases',
    findings: [vuln('X', 'low', { aliases: ['CVE-9'] })],
    policy: { vulnerabilityRules: { 'CVE-9': 'fail' } },
    want: 'fail',
  },
  {
    name: 'an ecosystem override raises the bar',
    findings: [vuln('a', 'high')],
    policy: { ecosystems: [['np*', { failOn: 'critical' }]] },
    want: 'pass',
  },
  {
    name: 'an ecosystem override can ignore unfixed',
    findings: [vuln('a', 'high', { unfixed: true })],
    policy: { ecosystems: [['npm', { ignoreUnfixed: true }]] },
    want: 'pass',
  },
  {
    name: 'a critical misconfiguration fails by default',
    findings: [check('m', 'misconfiguration', 'critical')],
    want: 'fail',
    rules: ['fail findings.misconfiguration.severity'],
  },
  {
    name: 'a high misconfiguration (a root user) warns by default',
    findings: [check('m', 'misconfiguration', 'high')],
    want: 'warn',
    rules: ['warn findings.misconfiguration.severity'],
  },
  {
    name: 'a medium misconfiguration passes by default',
    findings: [check('m', 'misconfiguration', 'medium')],
    want: 'pass',
  },
  {
    name: 'any secret fails by default',
    findings: [check('s', 'secret', 'unknown')],
    want: 'fail',
    rules: ['fail findings.secret.severity'],
  },
  {
    name: 'a check id mode wins over severity',
    findings: [check('m', 'misconfiguration', 'critical', 'root-user')],
    policy: {
      kinds: {
        ...DEFAULT_POLICY.kinds,
        misconfiguration: { failOn: 'high', warnOn: 'none', rules: { 'root-user': 'off' } },
      },
    },
    want: 'pass',
  },
  {
    name: 'new-only gates only introduced findings',
    findings: [vuln('a', 'high'), vuln('b', 'high')],
    policy: { newOnly: true },
    ctx: { introduced: new Set(['b']) },
    want: 'fail',
  },
  {
    name: 'new-only passes when nothing is new',
    findings: [vuln('a', 'high')],
    policy: { newOnly: true },
    ctx: { introduced: new Set() },
    want: 'pass',
  },
  {
    name: 'an unreadable OS database fails by default',
    issues: [osIssue],
    want: 'fail',
    rules: ['fail incomplete'],
  },
  { name: 'an unreadable manifest warns by default', issues: [fileIssue], want: 'warn' },
  {
    name: 'incomplete rules can be turned off',
    issues: [osIssue, fileIssue],
    policy: { incomplete: { osDatabase: 'off', other: 'off' } },
    want: 'pass',
  },
  {
    name: 'an allowed registry passes',
    policy: { image: { ...DEFAULT_POLICY.image, registries: { mode: 'fail', allow: ['ghcr.io/acme/*'] } } },
    ctx: { image },
    want: 'pass',
  },
  {
    name: 'another registry fails',
    policy: { image: { ...DEFAULT_POLICY.image, registries: { mode: 'fail', allow: ['docker.io/acme/*'] } } },
    ctx: { image },
    want: 'fail',
    rules: ['fail image.registries'],
  },
  {
    name: 'an allowed base image passes',
    policy: {
      image: { ...DEFAULT_POLICY.image, baseImages: { mode: 'fail', allow: ['docker.io/library/debian:*'] } },
    },
    ctx: { image },
    want: 'pass',
  },
  {
    name: 'a missing label warns',
    policy: {
      image: {
        ...DEFAULT_POLICY.image,
        labels: { mode: 'warn', require: ['org.opencontainers.image.source'] },
      },
    },
    ctx: { image },
    want: 'warn',
    rules: ['warn image.labels'],
  },
  {
    name: 'an old image fails max-age',
    policy: { image: { ...DEFAULT_POLICY.image, maxAge: { mode: 'fail', days: 30 } } },
    ctx: { image, now: new Date('2024-03-01T00:00:00Z') },
    want: 'fail',
  },
  {
    name: 'a young image passes max-age',
    policy: { image: { ...DEFAULT_POLICY.image, maxAge: { mode: 'fail', days: 90 } } },
    ctx: { image, now: new Date('2024-03-01T00:00:00Z') },
    want: 'pass',
  },
  {
    name: 'a denied package fails',
    policy: { packages: { mode: 'fail', deny: ['event-*'], allow: [] } },
    ctx: { packages: [pkg('event-stream', ['MIT'])] },
    want: 'fail',
    rules: ['fail packages'],
  },
  {
    name: 'allow overrides deny',
    policy: { packages: { mode: 'fail', deny: ['pkg:npm/*'], allow: ['pkg:npm/ok@*'] } },
    ctx: { packages: [pkg('ok', ['MIT'])] },
    want: 'pass',
  },
  {
    name: 'a denied licence fails',
    policy: { licenses: { mode: 'fail', deny: ['GPL-3.0-only'], allow: [], unknown: 'off' } },
    ctx: { packages: [pkg('a', ['GPL-3.0-only'])] },
    want: 'fail',
    rules: ['fail licenses'],
  },
  {
    name: 'an OR expression can avoid a denied licence',
    policy: { licenses: { mode: 'fail', deny: ['GPL-3.0-only'], allow: [], unknown: 'off' } },
    ctx: { packages: [pkg('a', ['GPL-3.0-only OR MIT'])] },
    want: 'pass',
  },
  {
    name: 'an AND expression cannot',
    policy: { licenses: { mode: 'fail', deny: ['GPL-3.0-only'], allow: [], unknown: 'off' } },
    ctx: { packages: [pkg('a', ['GPL-3.0-only AND MIT'])] },
    want: 'fail',
  },
  {
    name: 'an allow list refuses anything else',
    policy: { licenses: { mode: 'warn', deny: [], allow: ['MIT', 'Apache-2.0'], unknown: 'off' } },
    ctx: { packages: [pkg('a', ['MIT']), pkg('b', ['ISC'])] },
    want: 'warn',
  },
  {
    name: 'a non-SPDX licence is unknown',
    policy: { licenses: { mode: 'off', deny: [], allow: [], unknown: 'warn' } },
    ctx: { packages: [pkg('a', ['GPL v2 or later'])] },
    want: 'warn',
    rules: ['warn licenses.unknown'],
  },
  {
    name: 'a package exception exempts it from licence rules',
    policy: {
      licenses: { mode: 'fail', deny: ['GPL-3.0-only'], allow: [], unknown: 'off' },
      exceptions: [{ package: 'a', reason: 'r', expires: '2999-01-01' }],
    },
    ctx: { packages: [pkg('a', ['GPL-3.0-only'])] },
    want: 'pass',
  },
];

for (const c of cases) {
  test(`evaluate: ${c.name}`, () => {
    const v = evaluate(c.findings ?? [], c.issues ?? [], { ...DEFAULT_POLICY, ...c.policy }, c.ctx);
    assert.equal(v.status, c.want, JSON.stringify(v.reasons));
    if (c.rules)
      assert.deepEqual(
        v.reasons.map((r) => `${r.status} ${r.rule}`),
        c.rules,
      );
    assert.equal(v.incomplete, (c.issues ?? []).length > 0);
  });
}

test('evaluate: each reason names its rule and findings; counts exclude suppressed', () => {
  const v = evaluate(
    [vuln('a', 'critical'), vuln('b', 'high'), vuln('c', 'low'), vuln('d', 'high', suppressed)],
    [],
    DEFAULT_POLICY,
  );
  assert.deepEqual(v.reasons, [
    {
      rule: 'vulnerabilities.severity',
      status: 'fail',
      message: '2 vulnerabilities at or above high',
      findingIds: ['a', 'b'],
    },
  ]);
  assert.equal(v.counts.high, 1);
  assert.equal(v.counts.critical, 1);
  assert.equal(v.counts.low, 1);
});

test('evaluate: package and licence reasons name the packages', () => {
  const v = evaluate(
    [],
    [],
    { ...DEFAULT_POLICY, packages: { mode: 'warn', deny: ['bad'], allow: [] } },
    { packages: [pkg('bad', ['MIT']), pkg('good', ['MIT'])] },
  );
  assert.deepEqual(v.reasons, [
    {
      rule: 'packages',
      status: 'warn',
      message: '1 denied package: bad',
      findingIds: [],
      packageIds: ['pkg-bad'],
    },
  ]);
});

test('evaluate: fail reasons come before warn reasons', () => {
  const v = evaluate([vuln('a', 'medium'), vuln('b', 'critical')], [fileIssue], {
    ...DEFAULT_POLICY,
    warnOn: 'medium',
  });
  assert.deepEqual(
    v.reasons.map((r) => r.status),
    ['fail', 'warn', 'warn'],
  );
});
