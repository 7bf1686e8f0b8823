import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding, ImageInfo, ScanResult } from '../types/model.js';
import { baseLayersFromBaseline, diffBaseline } from './baseline.js';
import { gate } from './gate.js';
import { DEFAULT_POLICY, type PolicyException } from './policy.js';

const layer = (i: number, d: string) => ({ index: i, digest: d, diffId: d });
const image: ImageInfo = {
  reference: 'oci:/x',
  source: 'oci',
  configDigest: 'c',
  repoTags: ['ghcr.io/acme/app:2'],
  os: 'linux',
  architecture: 'amd64',
  labels: {},
  layers: [layer(0, 'a'), layer(1, 'b'), layer(2, 'c')],
};

function vuln(id: string, severity: Finding['severity'], pkg = 'lodash'): Finding {
  return {
    id,
    kind: 'vulnerability',
    ruleId: `CVE-${id}`,
    aliases: [`GHSA-${id}`],
    severity,
    fixState: 'fixed',
    fixedIn: ['2'],
    package: { id: pkg, name: pkg, version: '1', ecosystem: 'npm', purl: `pkg:npm/${pkg}@1` },
  };
}

function report(findings: Finding[], layers = image.layers): ScanResult {
  return {
    schemaVersion: 1,
    tool: { name: 'tidegate', version: '0' },
    createdAt: '',
    image: { ...image, layers },
    packages: [],
    findings,
    ignored: [],
    issues: [],
    verdict: { status: 'pass', reasons: [], counts: {} as never, incomplete: false },
  };
}

const now = new Date('2026-06-01T12:00:00Z');
const exc = (e: Partial<PolicyException>): PolicyException => ({
  reason: 'accepted',
  expires: '2026-12-31',
  source: 'p.yml line 3',
  ...e,
});

const exceptionCases: { name: string; e: PolicyException; suppressed: boolean; expired?: boolean }[] = [
  { name: 'by rule id', e: exc({ id: 'CVE-1' }), suppressed: true },
  { name: 'by alias glob', e: exc({ id: 'GHSA-*' }), suppressed: true },
  { name: 'by package purl glob', e: exc({ package: 'pkg:npm/lodash@*' }), suppressed: true },
  {
    name: 'by id and image (both must match)',
    e: exc({ id: 'CVE-1', image: 'ghcr.io/acme/*' }),
    suppressed: true,
  },
  { name: 'not for another image', e: exc({ id: 'CVE-1', image: 'ghcr.io/other/*' }), suppressed: false },
  { name: 'not for another package', e: exc({ package: 'minimist' }), suppressed: false },
  {
    name: 'the day it expires, it no longer applies',
    e: exc({ id: 'CVE-1', expires: '2026-06-01' }),
    suppressed: false,
    expired: true,
  },
  {
    name: 'the day before, it still applies',
    e: exc({ id: 'CVE-1', expires: '2026-06-02' }),
    suppressed: true,
  },
];
for (const c of exceptionCases) {
  test(`gate exceptions: ${c.name}`, () => {
    const r = gate(
      { findings: [vuln('1', 'high')], issues: [], packages: [], image },
      { policy: { ...DEFAULT_POLICY, exceptions: [c.e] }, now },
    );
    assert.equal(!!r.findings[0]!.suppressed, c.suppressed);
    assert.equal(r.verdict.status, c.suppressed ? 'pass' : 'fail');
    if (c.suppressed)
      assert.deepEqual(r.findings[0]!.suppressed, {
        by: 'exception (p.yml line 3)',
        reason: 'accepted',
        expires: c.e.expires,
      });
    const expired = r.verdict.reasons.filter((x) => x.rule === 'exceptions');
    assert.equal(expired.length, c.expired ? 1 : 0);
    if (c.expired)
      assert.deepEqual(
        [expired[0]!.status, expired[0]!.findingIds, expired[0]!.message],
        [
          'warn',
          ['1'],
          'exception p.yml line 3 expired on 2026-06-01 and no longer applies (1 finding): accepted',
        ],
      );
  });
}

test('gate: VEX wins over an exception when both match', () => {
  const vex = [
    {
      ids: ['CVE-1'],
      packages: ['pkg:npm/lodash'],
      images: [],
      status: 'not_affected' as const,
      justification: 'component_not_present',
      source: 'v.json, OpenVEX',
    },
  ];
  const r = gate(
    { findings: [vuln('1', 'high')], issues: [], packages: [], image },
    { policy: { ...DEFAULT_POLICY, exceptions: [exc({ id: 'CVE-1' })] }, vex, now },
  );
  assert.equal(r.findings[0]!.suppressed?.by, 'vex (v.json, OpenVEX)');
});

test('baseline: introduced, unchanged and fixed by stable id', () => {
  const d = diffBaseline(
    [vuln('1', 'high'), vuln('2', 'low')],
    report([vuln('2', 'low'), vuln('3', 'high')]),
    'old.json',
  );
  assert.deepEqual([d.introduced, d.unchanged, d.fixed.map((f) => f.id)], [['1'], ['2'], ['3']]);
});

test('baseline: fail-on-new-only passes old findings and fails new ones', () => {
  const policy = { ...DEFAULT_POLICY, newOnly: true };
  const old = gate(
    { findings: [vuln('1', 'high')], issues: [], packages: [], image },
    { policy, baseline: { report: report([vuln('1', 'high')]), source: 'b.json' }, now },
  );
  assert.equal(old.verdict.status, 'pass');
  const fresh = gate(
    { findings: [vuln('1', 'high'), vuln('2', 'critical')], issues: [], packages: [], image },
    { policy, baseline: { report: report([vuln('1', 'high')]), source: 'b.json' }, now },
  );
  assert.equal(fresh.verdict.status, 'fail');
  assert.deepEqual(fresh.verdict.reasons[0]!.findingIds, ['2']);
});

const baseCases = [
  { name: 'a proper prefix is the base', base: [layer(0, 'a'), layer(1, 'b')], want: 2 },
  { name: 'the same image is no split', base: image.layers, want: undefined },
  {
    name: 'a previous build sharing only the bottom layer is no split',
    base: [layer(0, 'a'), layer(1, 'x')],
    want: undefined,
  },
  { name: 'no layers is no split', base: [], want: undefined },
];
for (const c of baseCases) {
  test(`base image rule: ${c.name}`, () => {
    assert.equal(baseLayersFromBaseline(image, { ...image, layers: c.base }), c.want);
  });
}

test('base image split: the flag wins over the baseline rule', () => {
  const r = gate(
    { findings: [], issues: [], packages: [], image },
    {
      policy: DEFAULT_POLICY,
      baseImageLayers: 1,
      baseline: { report: report([], [layer(0, 'a'), layer(1, 'b')]), source: 'b' },
      now,
    },
  );
  assert.deepEqual(r.baseImage, { layers: 1, how: 'flag' });
  const r2 = gate(
    { findings: [], issues: [], packages: [], image },
    {
      policy: DEFAULT_POLICY,
      baseline: { report: report([], [layer(0, 'a'), layer(1, 'b')]), source: 'b' },
      now,
    },
  );
  assert.deepEqual(r2.baseImage, { layers: 2, how: 'baseline' });
});
