import { TOOL_VERSION } from '../version.js';
import { escapeXml, oneLine } from '../report/escape.js';
import { junitTimestamp } from '../report/junit.js';

const attr = (s: string) => escapeXml(oneLine(s));

/**
 * The JUnit report of a scan that could not be done (exit 2): one suite with one testcase in
 * `error`, whose message is the CLI's one line, so the CI's test tab says why the job failed
 * instead of showing nothing. The same strict shape as `junit.ts` (windyroad JUnit.xsd).
 */
export function errorJunit(reference: string, line: string, at = new Date()): string {
  const props = [
    ['image', reference],
    ['verdict', 'error'],
    ['tidegate.version', TOOL_VERSION],
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  <testsuite package="tidegate" id="0" name="${attr(`tidegate policy: ${reference}`)}" timestamp="${junitTimestamp(at.toISOString())}" hostname="tidegate" tests="1" failures="0" errors="1" skipped="0" time="0">`,
    '    <properties>',
    ...props.map(([k, v]) => `      <property name="${attr(k!)}" value="${attr(v!)}"/>`),
    '    </properties>',
    `    <testcase name="${attr(`scan ${reference}`)}" classname="tidegate.scan" time="0">`,
    `      <error type="tidegate.error" message="${attr(line)}">${escapeXml(line)}</error>`,
    '    </testcase>',
    `    <system-out>${escapeXml(`verdict: error\n${line}`)}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
