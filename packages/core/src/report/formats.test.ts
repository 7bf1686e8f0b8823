import assert from 'node:assert/strict';
import { test } from 'node:test';
import { junitErrors, schemaErrors } from '../testing/schemas.js';
import { buildReportModel } from './model.js';
import { formatById } from './registry.js';
import { manyFindings, sampleResult } from '../testing/report-sample.js';

const render = async (id: string, result = sampleResult(), dockerfile?: { path: string; text: string }) =>
  await formatById(id)!.render(buildReportModel(result, dockerfile ? { dockerfile } : {}), { color: false });

const DOCKERFILE = {
  path: './build/Dockerfile',
  text: 'FROM debian:12\nWORKDIR /app\n\n# deps\nCOPY node_modules \\\n  /app/node_modules\nRUN rm -rf /tmp/*\n',
};

const jsonCases = [
  { name: 'SARIF against the OASIS schema (draft-04)', format: 'sarif', schema: 'sarif-oasis' as const },
  {
    name: 'SARIF against GitHub code scanning’s copy (2020-12)',
    format: 'sarif',
    schema: 'sarif-github' as const,
  },
  {
    name: 'SARIF with a Dockerfile against the OASIS schema',
    format: 'sarif',
    schema: 'sarif-oasis' as const,
    dockerfile: true,
  },
  {
    name: 'CycloneDX against bom-1.6 with spdx and jsf',
    format: 'cyclonedx',
    schema: 'cyclonedx-1.6' as const,
  },
  { name: 'JSON against docs/json-report.schema.json', format: 'json', schema: 'json-report' as const },
];
for (const c of jsonCases) {
  test(`schema: ${c.name}`, async () => {
    const doc: unknown = JSON.parse(
      await render(c.format, sampleResult(), c.dockerfile ? DOCKERFILE : undefined),
    );
    assert.deepEqual(schemaErrors(c.schema, doc), []);
  });
}

test('schema: JUnit XML against windyroad JUnit.xsd (xmllint)', async () => {
  assert.deepEqual(junitErrors(await render('junit')), []);
});

test('schema: JUnit for a passing, empty scan is valid too', async () => {
  const r = sampleResult();
  r.findings = [];
  r.verdict = { status: 'pass', reasons: [], counts: r.verdict.counts, incomplete: false };
  assert.deepEqual(junitErrors(await render('junit', r)), []);
});

test('junit: fail reasons and the findings they name fail; suppressed findings are skipped; warnings pass', async () => {
  const xml = await render('junit');
  assert.match(
    xml,
    /<testcase name="vulnerabilities\.severity" classname="tidegate\.policy" time="0">\n\s*<failure type="vulnerabilities\.severity"/,
  );
  assert.match(
    xml,
    /<testcase name="findings\.misconfiguration\.severity \(warning\)" classname="tidegate\.policy" time="0"\/>/,
  );
  assert.match(
    xml,
    /<testcase name="CVE-2022-0002 lodash 4\.17\.15" classname="tidegate\.vulnerability\.npm" time="0">\n\s*<skipped message="suppressed by vex/,
  );
  assert.match(xml, /timestamp="2026-06-01T12:00:00"/);
  assert.ok(!xml.includes('<img'), 'hostile package name escaped');
});

test('cyclonedx: packages are components; VEX and exception suppressions become analyses', async () => {
  const bom = JSON.parse(await render('cyclonedx')) as {
    components: { 'bom-ref': string }[];
    vulnerabilities: {
      id: string;
      'bom-ref': string;
      analysis?: Record<string, unknown>;
      affects: { ref: string }[];
    }[];
  };
  assert.deepEqual(bom.components.map((c) => c['bom-ref']).sort(), ['evil', 'libc6', 'lodash']);
  const byId = Object.fromEntries(bom.vulnerabilities.map((v) => [v.id, v]));
  assert.deepEqual(byId['CVE-2022-0002']!.analysis, {
    state: 'not_affected',
    justification: 'code_not_reachable',
    detail: 'vex (v.json, OpenVEX): not_affected: vulnerable_code_not_in_execute_path',
  });
  assert.deepEqual(byId['CVE-2022-0003']!.analysis!.response, ['will_not_fix']);
  assert.deepEqual(byId['CVE-2021-23337']!.affects, [{ ref: 'lodash' }]);
  assert.equal(byId['CVE-2021-23337']!['bom-ref'], 'f-CVE-2021-23337');
  assert.equal(bom.vulnerabilities.length, 5, 'the misconfiguration is not a CycloneDX vulnerability');
});

test('html: one self-contained page, everything escaped', async () => {
  const html = await render('html');
  assert.ok(!html.includes('<img'), 'hostile text escaped');
  assert.ok(!/<script|src=["']http|href=["']http/i.test(html), 'no scripts or external requests');
  assert.match(html, /Content-Security-Policy" content="default-src 'none'/);
  assert.match(html, /&lt;\/details&gt;&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('table: reasons with their rules, suppressions with reasons, attribution, verdict last; no control characters', async () => {
  const t = await render('table');
  assert.match(t, /^ {2}FAIL vulnerabilities\.kev: 1 vulnerability known to be exploited/m);
  assert.match(t, /^Compared with baseline\.json: 2 introduced, 1 fixed, 2 unchanged$/m);
  // the root-user finding is the config's, from no layer: in neither count
  assert.match(t, /^From the base image \(bottom 1 layers\): 1; added by your layers: 2$/m);
  assert.match(t, /^ {2}- CVE-2022-0002 lodash: vex \(v\.json, OpenVEX\): not_affected/m);
  assert.match(t, /\nVerdict: FAIL — [^\n]*\n$/);
  assert.ok(!t.includes('\x1b'), 'no escape sequences without colour');
});

test('table: colours only when asked', async () => {
  const t = await formatById('table')!.render(buildReportModel(sampleResult()), { color: true });
  assert.ok(t.includes('\x1b[1;31mFAIL\x1b[0m'));
});

test('json: many findings stay valid against the report schema', async () => {
  assert.deepEqual(schemaErrors('json-report', JSON.parse(await render('json', manyFindings(50)))), []);
});

test('cyclonedx: an incomplete scan says so in metadata properties', async () => {
  const bom = JSON.parse(await render('cyclonedx')) as {
    metadata: { properties?: { name: string; value: string }[] };
  };
  const p = bom.metadata.properties!.find((x) => x.name === 'tidegate:incomplete')!;
  assert.match(p.value, /^app\/node_modules\/broken\/package\.json: cannot parse/);
});
