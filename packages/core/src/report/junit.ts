import type { Finding, Reason } from '../types/model.js';
import { escapeXml, oneLine } from './escape.js';
import type { ReportFormat } from './format.js';
import { layerLabel, type ReportModel } from './model.js';
import { unownedCount } from './provenance.js';

/** `2026-11-28T10:00:00.000Z` → `2026-11-28T10:00:00`: JUnit.xsd's timestamp has no zone or fraction. */
export function junitTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? m[1]! : '1970-01-01T00:00:00';
}

const attr = (s: string) => escapeXml(oneLine(s));

interface Case {
  name: string;
  classname: string;
  /** `failure` (type, message, body) or `skipped` (message), or neither for a pass. */
  failure?: { type: string; message: string; body: string };
  skipped?: string;
}

function testcase(c: Case): string {
  const head = `    <testcase name="${attr(c.name)}" classname="${attr(c.classname)}" time="0"`;
  if (c.failure)
    return `${head}>\n      <failure type="${attr(c.failure.type)}" message="${attr(c.failure.message)}">${escapeXml(c.failure.body)}</failure>\n    </testcase>`;
  if (c.skipped !== undefined)
    return `${head}>\n      <skipped message="${attr(c.skipped)}"/>\n    </testcase>`;
  return `${head}/>`;
}

function suite(model: ReportModel, id: number, name: string, cases: Case[], out: string[]): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const r = model.result;
  const props = [
    ['image', model.imageName],
    ['verdict', r.verdict.status],
    ['tidegate.version', r.tool.version],
  ];
  return [
    `  <testsuite package="tidegate" id="${id}" name="${attr(name)}" timestamp="${junitTimestamp(r.createdAt)}" hostname="tidegate" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${attr(k!)}" value="${attr(v!)}"/>`),
    '    </properties>',
    ...cases.map(testcase),
    `    <system-out>${escapeXml(out.join('\n'))}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
  ].join('\n');
}

function reasonCase(r: Reason): Case {
  const name = `${r.rule}${r.status === 'warn' ? ' (warning)' : ''}`;
  const ids = r.findingIds.length ? `\nfindings: ${r.findingIds.join(', ')}` : '';
  return {
    name,
    classname: 'tidegate.policy',
    ...(r.status === 'fail'
      ? { failure: { type: r.rule, message: r.message, body: `${r.message}${ids}` } }
      : {}),
  };
}

function findingCase(model: ReportModel, f: Finding): Case {
  const p = f.package;
  const name = `${f.ruleId}${p ? ` ${p.name} ${p.version}` : f.location ? ` ${f.location}` : ''}`;
  const classname = `tidegate.${f.kind}${p?.ecosystem ? `.${p.ecosystem}` : ''}`;
  if (f.suppressed)
    return { name, classname, skipped: `suppressed by ${f.suppressed.by}: ${f.suppressed.reason}` };
  if (model.statusById[f.id] !== 'fail') return { name, classname };
  const body = [
    `${f.ruleId} (${f.severity}${f.score !== undefined ? `, CVSS ${f.score}` : ''})${f.title ? `: ${f.title}` : ''}`,
    p ? `package: ${p.purl}` : '',
    f.fixedIn.length ? `fixed in: ${f.fixedIn.join(', ')}` : `fix state: ${f.fixState}`,
    f.layer ? layerLabel(f.layer) : '',
    `finding id: ${f.id}`,
  ].filter(Boolean);
  return {
    name,
    classname,
    failure: { type: f.severity, message: oneLine(body[0]!), body: body.join('\n') },
  };
}

/**
 * JUnit XML in the strictest shape CI tools read (windyroad JUnit.xsd, which Jenkins' xUnit
 * validates against; Jenkins' junit step and CircleCI's store_test_results read it too). Suite 0:
 * one testcase per policy reason, failing for `fail` reasons (warnings pass and are named so).
 * Suite 1: one testcase per finding, failing when a fail reason names it, skipped when suppressed.
 */
export const junitFormat = {
  id: 'junit',
  description: 'JUnit XML for CI test tabs (Jenkins junit/xUnit, CircleCI store_test_results)',
  extension: 'junit.xml',
  render(model) {
    const v = model.result.verdict;
    const policyCases = v.reasons.length
      ? v.reasons.map(reasonCase)
      : [{ name: 'policy', classname: 'tidegate.policy' }];
    const verdictLine = `verdict: ${v.status}${v.reasons.map((r) => `\n${r.status}: ${r.rule}: ${r.message}`).join('')}`;
    const issues = model.issues.map((i) => `incomplete: ${[i.path, i.message].filter(Boolean).join(': ')}`);
    if (model.moreIssues) issues.push(`… and ${model.moreIssues} more`);
    const findings = [...model.findings, ...model.suppressed].map((f) => findingCase(model, f));
    return [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites>',
      suite(model, 0, `tidegate policy: ${model.imageName}`, policyCases, [
        verdictLine,
        ...issues,
        ...model.provenance,
        ...(unownedCount(model.result) ? [`unowned software: ${unownedCount(model.result)}`] : []),
      ]),
      suite(model, 1, `tidegate findings: ${model.imageName}`, findings, []),
      '</testsuites>',
      '',
    ].join('\n');
  },
} satisfies ReportFormat;
