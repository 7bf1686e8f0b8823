import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '@tidegate/core';
import { commentKey, topFindings, verdictLine, type Report } from './outputs.js';

const keyCases = [
  { name: 'a tag is dropped', image: { repoTags: ['app:3f2a9c1'], reference: 'x' }, want: 'app' },
  {
    name: 'a registry port stays, the tag goes',
    image: { repoTags: ['127.0.0.1:5000/team/app:1'], reference: 'x' },
    want: '127.0.0.1:5000/team/app',
  },
  {
    name: 'a digest is dropped',
    image: { repoTags: [], reference: `registry:ghcr.io/o/app@sha256:${'a'.repeat(64)}` },
    want: 'registry:ghcr.io/o/app',
  },
  {
    name: 'an archive path without tags is kept whole',
    image: { repoTags: [], reference: 'docker-archive:/home/runner/work/_temp/app.tar' },
    want: 'docker-archive:/home/runner/work/_temp/app.tar',
  },
];
for (const c of keyCases) {
  test(`commentKey: ${c.name}`, () => assert.equal(commentKey(c.image), c.want));
}

const finding = (id: string, severity: Finding['severity']): Finding =>
  ({
    id,
    ruleId: `CVE-${id}`,
    severity,
    fixedIn: [],
    aliases: [],
    kind: 'vulnerability',
  }) as unknown as Finding;

test('topFindings: findings that fail the gate first, then by severity; others left out', () => {
  const report = {
    findings: [finding('1', 'medium'), finding('2', 'critical'), finding('3', 'high'), finding('4', 'low')],
    verdict: {
      status: 'fail',
      reasons: [
        { rule: 'severity', status: 'warn', message: 'm', findingIds: ['1'] },
        { rule: 'severity', status: 'fail', message: 'f', findingIds: ['3', '2'] },
      ],
      counts: {},
      incomplete: false,
    },
  } as unknown as Report;
  assert.deepEqual(
    topFindings(report).map((t) => `${t.finding.id}:${t.status}`),
    ['2:fail', '3:fail', '1:warn'],
  );
  assert.equal(topFindings(report, 1).length, 1);
  assert.equal(verdictLine(report), 'tidegate: FAIL — warn: m; fail: f');
});
