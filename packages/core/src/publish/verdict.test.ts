import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../errors.js';
import type { PathKind } from '../image/reference.js';
import { sampleResult } from '../testing/report-sample.js';
import type { Reason, ScanResult } from '../types/model.js';
import {
  commentKeyOf,
  countsOfKind,
  defaultCommentKey,
  errorVerdictLine,
  exitCodeOf,
  isImageReference,
  parseReport,
  verdictLine,
} from './verdict.js';

const reason = (status: 'fail' | 'warn', message: string): Reason => ({
  rule: 'x',
  status,
  message,
  findingIds: [],
});

function withVerdict(status: 'pass' | 'warn' | 'fail', reasons: Reason[], tags = ['app:1']): ScanResult {
  const r = sampleResult();
  r.image.repoTags = tags;
  r.verdict = { ...r.verdict, status, reasons };
  return r;
}

const lineCases = [
  { name: 'pass: the status and the image', r: withVerdict('pass', []), want: 'tidegate: PASS app:1' },
  {
    name: 'fail: the reasons, a warning under a failing verdict marked as one',
    r: withVerdict('fail', [
      reason('fail', '10 vulnerabilities at or above high'),
      reason('warn', 'the scan is incomplete'),
    ]),
    want: 'tidegate: FAIL app:1: 10 vulnerabilities at or above high; warning: the scan is incomplete',
  },
  {
    name: 'warn: no image tag, the reference instead',
    r: withVerdict('warn', [reason('warn', 'the scan is incomplete: 1 file could not be examined')], []),
    want: 'tidegate: WARN docker-archive:app.tar: the scan is incomplete: 1 file could not be examined',
  },
  {
    name: 'control characters from image content never reach the line',
    r: withVerdict(
      'fail',
      [reason('fail', 'pkg \u001b]8;;http://x\u0007link\u001b]8;;\u0007 \u001b[2J')],
      ['a\nb:1'],
    ),
    want: 'tidegate: FAIL a b:1: pkg  ]8;;http://x link ]8;;   [2J',
  },
];

for (const c of lineCases)
  test(`verdict line: ${c.name}`, () => {
    if (!c.r.image.repoTags.length) c.r.image.reference = 'docker-archive:app.tar';
    assert.equal(verdictLine(c.r), c.want);
  });

test('verdict line: capped, so one log line shows it whole', () => {
  const r = withVerdict(
    'fail',
    Array.from({ length: 100 }, (_, i) => reason('fail', `reason number ${i}`)),
  );
  const line = verdictLine(r);
  assert.ok(line.length <= 600 && line.endsWith('…'), `${line.length}`);
});

test('verdict line: an error keeps the CLI own one line', () => {
  assert.equal(errorVerdictLine('app.tar: no such file'), 'tidegate: error: app.tar: no such file');
  assert.equal(errorVerdictLine('tidegate: error: x\n y'), 'tidegate: error: x y');
  assert.deepEqual((['pass', 'warn', 'fail', 'error'] as const).map(exitCodeOf), [0, 0, 1, 2]);
});

const keyCases = [
  { input: 'app:3f2a9c1', want: 'app' },
  { input: 'ghcr.io/o/app:3f2a9c1', want: 'ghcr.io/o/app' },
  { input: `ghcr.io/o/app@sha256:${'a'.repeat(64)}`, want: 'ghcr.io/o/app' },
  { input: `ghcr.io/o/app:1@sha256:${'a'.repeat(64)}`, want: 'ghcr.io/o/app' },
  { input: '127.0.0.1:5000/app:1', want: '127.0.0.1:5000/app' },
  { input: '127.0.0.1:5000/app', want: '127.0.0.1:5000/app' },
  { input: 'registry:ghcr.io/o/app:1', want: 'ghcr.io/o/app' },
  { input: 'docker-daemon:app:1', want: 'app' },
  { input: 'docker://app:1', want: 'app' },
  { input: 'oci:build/oci:latest', want: 'oci:build/oci' },
  { input: 'docker-archive:/tmp/app.tar', want: 'docker-archive:/tmp/app.tar' },
];
for (const c of keyCases)
  test(`comment key: ${c.input} → ${c.want}`, () => assert.equal(defaultCommentKey(c.input), c.want));

test('comment key: a result is keyed by its first tag without the tag', () => {
  assert.equal(commentKeyOf(withVerdict('pass', [], ['test/app:b7e41d0', 'test/app:latest'])), 'test/app');
});

test('counts by kind: vulnerabilities apart from misconfigurations and secrets', () => {
  const r = sampleResult();
  const vulns = r.findings.filter((f) => f.kind === 'vulnerability' && !f.suppressed);
  const counted = countsOfKind({ ...r, verdict: { ...r.verdict } }, 'vulnerability');
  assert.equal(
    Object.values(counted).reduce((a, b) => a + b, 0),
    vulns.length,
  );
  const misconf = {
    ...r.findings[0]!,
    id: 'm',
    kind: 'misconfiguration' as const,
    severity: 'high' as const,
  };
  const r2 = { ...r, findings: [misconf] };
  assert.equal(countsOfKind(r2, 'vulnerability').high, 0);
  assert.equal(countsOfKind(r2, 'misconfiguration').high, 1);
});

const refCases: { v: string; kind?: PathKind; want: boolean }[] = [
  { v: 'docker-archive:app.tar', want: true },
  { v: 'oci:build/oci:latest', want: true },
  { v: 'oci-archive:app.tar', want: true },
  { v: 'dir:rootfs', want: true },
  { v: 'sbom:app.cdx.json', want: true },
  { v: 'docker-daemon:app:1', want: true },
  { v: 'registry:ghcr.io/o/app', want: true },
  { v: 'docker://app:1', want: true },
  { v: 'app:1', want: true },
  { v: 'ghcr.io/o/app:main', want: true },
  { v: 'main-report.json', want: false },
  { v: 'reports/main.json', kind: 'file', want: false },
  { v: 'old-report', kind: 'file', want: false },
  { v: 'base.tar', kind: 'file', want: true },
  { v: 'base.tar', want: true },
  { v: 'build/oci', kind: 'dir', want: true },
  { v: 'missing-report', want: false },
];
for (const c of refCases)
  test(`image reference: ${c.v}${c.kind ? ` (a ${c.kind})` : ''} is ${c.want ? 'an image' : 'a report'}`, () =>
    assert.equal(
      isImageReference(c.v, () => c.kind),
      c.want,
    ));

const badReports = [
  { name: 'not JSON', text: '{', want: /not a tidegate JSON report: /, field: undefined },
  { name: 'another schema version', text: '{"schemaVersion":2}', want: /'schemaVersion' is not 1/ },
  {
    name: 'no verdict status',
    text: JSON.stringify({ ...sampleResult(), verdict: { status: 'maybe', reasons: [] } }),
    want: /'verdict' has no status/,
    field: 'verdict',
  },
  {
    name: 'no image reference',
    text: JSON.stringify({ ...sampleResult(), image: { layers: [] } }),
    want: /'image' has no reference/,
    field: 'image',
  },
];
for (const c of badReports)
  test(`report: ${c.name} is one clear error`, () => {
    assert.throws(
      () => parseReport(c.text, 'r.json'),
      (err: unknown) =>
        err instanceof UserError &&
        c.want.test(err.message) &&
        err.where.file === 'r.json' &&
        err.where.field === c.field,
    );
  });

test('report: a real report parses', () => {
  const r = sampleResult();
  assert.deepEqual(parseReport(JSON.stringify(r), 'r.json'), JSON.parse(JSON.stringify(r)));
});
