import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SarifLog } from '../../types/sarif/log.js';
import { schemaErrors } from '../../testing/schemas.js';
import { buildReportModel } from '../model.js';
import { manyFindings, sampleResult } from '../../testing/report-sample.js';
import { buildSarif, sarifFormat } from './index.js';
import { FINGERPRINT_KEY } from './results.js';

const DOCKERFILE = {
  path: 'Dockerfile',
  text: 'FROM node:20 AS build\nRUN make\nFROM debian:12\nCOPY node_modules /app/node_modules\nRUN rm -rf /tmp/*\n',
};

function sarif(result = sampleResult(), dockerfile = false): SarifLog {
  return JSON.parse(
    sarifFormat.render(buildReportModel(result, dockerfile ? { dockerfile: DOCKERFILE } : {})),
  ) as SarifLog;
}

test('sarif: one rule per advisory with security-severity as a string number, help text and a help URI', () => {
  const run = sarif().runs[0]!;
  const rule = run.tool.driver.rules.find((r) => r.id === 'CVE-2023-4911')!;
  assert.equal(rule.properties!['security-severity'], '7.8');
  assert.match(rule.help!.text, /known exploited \(CISA KEV\)/);
  assert.equal(rule.helpUri, 'https://osv.dev/vulnerability/CVE-2023-4911');
  assert.equal(
    run.tool.driver.rules.find((r) => r.id === 'CVE-2099-0001')!.properties!['security-severity'],
    '9.5',
  );
});

test('sarif: levels follow the verdict; fingerprints are the stable finding ids', () => {
  const results = sarif().runs[0]!.results;
  const by = Object.fromEntries(results.map((r) => [r.ruleId, r]));
  assert.equal(by['CVE-2021-23337']!.level, 'error');
  assert.equal(by['root-user']!.level, 'warning');
  assert.equal(by['CVE-2022-0002']!.level, 'note');
  assert.deepEqual(by['CVE-2021-23337']!.partialFingerprints, { [FINGERPRINT_KEY]: 'f-CVE-2021-23337' });
  assert.equal(by['CVE-2022-0002']!.suppressions![0]!.status, 'accepted');
  assert.equal(by['CVE-2099-0001']!.baselineState, 'new');
});

test('sarif: with --dockerfile, own layers point at their instruction and base layers at the final FROM', () => {
  const results = sarif(sampleResult(), true).runs[0]!.results;
  const loc = (id: string) => results.find((r) => r.ruleId === id)!.locations[0]!.physicalLocation!;
  assert.deepEqual(loc('CVE-2021-23337'), {
    artifactLocation: { uri: 'Dockerfile' },
    region: { startLine: 4 },
  });
  assert.deepEqual(loc('CVE-2023-4911').region, { startLine: 3 });
  assert.deepEqual(loc('root-user').region, { startLine: 3 });
});

test('sarif: without a Dockerfile, results point at the package file, line 1', () => {
  const loc = sarif().runs[0]!.results.find((r) => r.ruleId === 'CVE-2021-23337')!.locations[0]!
    .physicalLocation!;
  assert.deepEqual(loc, {
    artifactLocation: { uri: 'app/node_modules/lodash/package.json' },
    region: { startLine: 1 },
  });
});

test('sarif: past 5,000 results it keeps the most severe and says so, and stays valid', () => {
  const log = sarif(manyFindings(5_003));
  const run = log.runs[0]!;
  assert.equal(run.results.length, 5_000);
  assert.ok(run.results.slice(0, 10).every((r) => r.level === 'error'));
  assert.match(
    run.invocations![0]!.toolExecutionNotifications![0]!.message.text,
    /kept the 5000 most severe of 5003 findings/,
  );
  assert.deepEqual(run.properties!.truncated, { kept: 5000, total: 5003 });
  assert.deepEqual(schemaErrors('sarif-github', log), []);
});

test('sarif: a log over the gzipped upload limit is halved until it fits', () => {
  const model = buildReportModel(manyFindings(40));
  const full = JSON.stringify(buildSarif(model, 40));
  assert.ok(full.length > 10_000);
  assert.equal(buildSarif(model, 10).runs[0]!.results.length, 10);
});

test('sarif: an incomplete scan lists its problems as notifications (STYLE rule 17)', () => {
  const notes = sarif().runs[0]!.invocations![0]!.toolExecutionNotifications!;
  assert.match(
    notes[0]!.message.text,
    /^incomplete scan: app\/node_modules\/broken\/package\.json: cannot parse/,
  );
  assert.equal(sarif().runs[0]!.properties!.incomplete, true);
});
