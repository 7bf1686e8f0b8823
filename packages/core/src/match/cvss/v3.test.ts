import assert from 'node:assert/strict';
import { test } from 'node:test';
import { roundup, scoreCvss3 } from './v3.js';
import { readVectorFile } from '../../testing/cvss-vectors.js';

// Happy path: every line of Red Hat's v3 vector files, (base, temporal, environmental).
const files = [
  { name: 'vectors_simple3', lines: 2592 },
  { name: 'vectors_simple31', lines: 2592 },
  { name: 'vectors_calculator3', lines: 2 },
  { name: 'vectors_cvsslib3', lines: 29 },
];

for (const f of files) {
  test(`v3: agrees with every (base, temporal, environmental) triple in ${f.name}`, () => {
    const lines = readVectorFile(f.name);
    assert.equal(lines.length, f.lines);
    const wrong: string[] = [];
    for (const l of lines) {
      const got = scoreCvss3(l.vector);
      const triple = got ? [got.base, got.temporal, got.environmental] : undefined;
      if (JSON.stringify(triple) !== JSON.stringify(l.scores)) {
        wrong.push(
          `${f.name}:${l.line} ${l.vector}: got ${JSON.stringify(triple)}, want ${JSON.stringify(l.scores)}`,
        );
      }
    }
    assert.deepEqual(wrong, []);
  });
}

const cases = [
  {
    name: 'reports the 3.1 version',
    input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    want: { version: '3.1', base: 9.8, temporal: 9.8, environmental: 9.8 },
  },
  {
    name: 'reports the 3.0 version',
    input: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    want: { version: '3.0', base: 9.8, temporal: 9.8, environmental: 9.8 },
  },
  {
    name: 'accepts metrics in any order',
    input: 'CVSS:3.1/C:H/I:H/A:H/AV:N/AC:L/PR:N/UI:N/S:U',
    want: { version: '3.1', base: 9.8, temporal: 9.8, environmental: 9.8 },
  },
  {
    name: 'treats X as Not Defined',
    input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/MAV:X',
    want: { version: '3.1', base: 9.8, temporal: 9.8, environmental: 9.8 },
  },
  // 3.1 revised the changed-scope ModifiedImpact, so the environmental score differs from 3.0
  // even without environmental metrics (vectors_simple3 and vectors_simple31 disagree on 80 lines).
  {
    name: '3.0 keeps the original changed-scope ModifiedImpact',
    input: 'CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H',
    want: { version: '3.0', base: 9.9, temporal: 9.9, environmental: 9.9 },
  },
  {
    name: '3.1 uses the revised changed-scope ModifiedImpact',
    input: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H',
    want: { version: '3.1', base: 9.9, temporal: 9.9, environmental: 10 },
  },
];

for (const c of cases) {
  test(`v3: ${c.name}`, () => {
    assert.deepEqual(scoreCvss3(c.input), c.want);
  });
}

const roundings = [
  {
    name: '3.1 ignores floating-point noise above a tenth',
    input: 4.000000000000001,
    version: '3.1',
    want: 4.0,
  },
  { name: '3.1 rounds 4.02 up', input: 4.02, version: '3.1', want: 4.1 },
  { name: '3.1 keeps an exact tenth', input: 4.0, version: '3.1', want: 4.0 },
  {
    name: '3.0 takes the plain ceiling, noise included',
    input: 4.000000000000001,
    version: '3.0',
    want: 4.1,
  },
  { name: '3.0 keeps an exact tenth', input: 4.0, version: '3.0', want: 4.0 },
] as const;

for (const c of roundings) {
  test(`v3 roundup: ${c.name}`, () => {
    assert.equal(roundup(c.input, c.version), c.want);
  });
}

// Sad path: malformed vectors are undefined, never an exception.
const malformed = [
  { name: 'missing base metric', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H' },
  { name: 'unknown value', input: 'CVSS:3.1/AV:Z/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'unknown metric', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/XX:H' },
  { name: 'X for a base metric', input: 'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'repeated metric', input: 'CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'wrong prefix', input: 'CVSS:3.2/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'no prefix', input: 'AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'trailing slash', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/' },
  { name: 'value without a metric name', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/:H' },
  { name: 'prototype key as metric', input: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/constructor:H' },
];

for (const c of malformed) {
  test(`v3: undefined for a vector with ${c.name}`, () => {
    assert.equal(scoreCvss3(c.input), undefined);
  });
}
