import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cvssSeverity, parseCvss } from './index.js';

// Happy path.
const cases = [
  {
    name: 'v3.1 vector',
    input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    want: { version: '3.1', baseScore: 9.8, severity: 'critical' },
  },
  {
    name: 'v3.0 vector',
    input: 'CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N',
    want: { version: '3.0', baseScore: 3.1, severity: 'low' },
  },
  {
    name: 'v3.1 vector with temporal metrics keeps the base score',
    input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O/RC:U',
    want: { version: '3.1', baseScore: 9.8, severity: 'critical' },
  },
  {
    name: 'v3.1 vector with zero impact',
    input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N',
    want: { version: '3.1', baseScore: 0, severity: 'none' },
  },
  {
    name: 'v4.0 vector',
    input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
    want: { version: '4.0', baseScore: 9.3, severity: 'critical' },
  },
  {
    name: 'v4.0 vector with a threat metric scores CVSS-BT',
    input: 'CVSS:4.0/AV:P/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:U',
    want: { version: '4.0', baseScore: 4.1, severity: 'medium' },
  },
  // v2 scores as NVD publishes them for these vectors.
  {
    name: 'v2 vector, partial impacts',
    input: 'AV:N/AC:L/Au:N/C:P/I:P/A:P',
    want: { version: '2.0', baseScore: 7.5, severity: 'high' },
  },
  {
    name: 'v2 vector, medium complexity',
    input: 'AV:N/AC:M/Au:N/C:P/I:P/A:P',
    want: { version: '2.0', baseScore: 6.8, severity: 'medium' },
  },
  {
    name: 'v2 vector, availability only',
    input: 'AV:N/AC:L/Au:N/C:N/I:N/A:P',
    want: { version: '2.0', baseScore: 5, severity: 'medium' },
  },
  {
    name: 'v2 vector, local complete',
    input: 'AV:L/AC:L/Au:N/C:C/I:C/A:C',
    want: { version: '2.0', baseScore: 7.2, severity: 'high' },
  },
  {
    name: 'v2 vector, network complete',
    input: 'AV:N/AC:L/Au:N/C:C/I:C/A:C',
    want: { version: '2.0', baseScore: 10, severity: 'critical' },
  },
  {
    name: 'v2 vector, single authentication',
    input: 'AV:N/AC:L/Au:S/C:P/I:P/A:P',
    want: { version: '2.0', baseScore: 6.5, severity: 'medium' },
  },
  {
    name: 'v2 vector, integrity only',
    input: 'AV:N/AC:M/Au:N/C:N/I:P/A:N',
    want: { version: '2.0', baseScore: 4.3, severity: 'medium' },
  },
  {
    name: 'v2 vector, high complexity',
    input: 'AV:N/AC:H/Au:N/C:P/I:N/A:N',
    want: { version: '2.0', baseScore: 2.6, severity: 'low' },
  },
  {
    name: 'v2 vector with no impact',
    input: 'AV:N/AC:L/Au:N/C:N/I:N/A:N',
    want: { version: '2.0', baseScore: 0, severity: 'none' },
  },
  {
    name: 'v2 vector in parentheses with temporal metrics',
    input: '(AV:L/AC:L/Au:N/C:P/I:N/A:N/E:POC/RL:OF/RC:C)',
    want: { version: '2.0', baseScore: 2.1, severity: 'low' },
  },
  {
    name: 'surrounding whitespace',
    input: '  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n',
    want: { version: '3.1', baseScore: 9.8, severity: 'critical' },
  },
];

for (const c of cases) {
  test(`parseCvss: ${c.name}`, () => {
    assert.deepEqual(parseCvss(c.input), c.want);
  });
}

// Sad path: undefined, never an exception.
const malformed: { name: string; input: unknown }[] = [
  { name: 'v3.1 missing a base metric', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' },
  { name: 'v3.1 unknown value', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q' },
  { name: 'v4.0 missing a base metric', input: 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
  { name: 'v4.0 unknown value', input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:X' },
  { name: 'v2 missing a base metric', input: 'AV:N/AC:L/Au:N/C:P/I:P' },
  { name: 'v2 unknown value', input: 'AV:N/AC:L/Au:X/C:P/I:P/A:P' },
  { name: 'unknown version prefix', input: 'CVSS:5.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'lower-case prefix', input: 'cvss:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'v3 body without a prefix', input: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  {
    name: 'v3.1 prefix on a v4.0 body',
    input: 'CVSS:3.1/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  },
  { name: 'empty string', input: '' },
  { name: 'a plain number', input: '9.8' },
  { name: 'a value that is not a string', input: 9.8 },
  { name: 'undefined', input: undefined },
];

for (const c of malformed) {
  test(`parseCvss: undefined for ${c.name}`, () => {
    assert.equal(parseCvss(c.input as string), undefined);
  });
}

const ratings = [
  { score: 0, want: 'none' },
  { score: 0.1, want: 'low' },
  { score: 3.9, want: 'low' },
  { score: 4, want: 'medium' },
  { score: 6.9, want: 'medium' },
  { score: 7, want: 'high' },
  { score: 8.9, want: 'high' },
  { score: 9, want: 'critical' },
  { score: 10, want: 'critical' },
];

for (const c of ratings) {
  test(`cvssSeverity: ${c.score} is ${c.want}`, () => {
    assert.equal(cvssSeverity(c.score), c.want);
  });
}
