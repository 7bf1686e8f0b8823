import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemaPath } from '../../testing/index.js';
import { cvssSeverity } from './index.js';
import { MACROVECTOR_SCORES } from './v4-lookup.js';
import { scoreCvss4 } from './v4.js';
import { readVectorFile } from '../../testing/cvss-vectors.js';

// Happy path: every line of Red Hat's v4 vector files.
const files = [
  { name: 'vectors_simple4', lines: 1058 },
  { name: 'vectors_security4', lines: 54 },
  { name: 'vectors_supplemental4', lines: 576 },
  { name: 'vectors_threat4', lines: 6 },
];

for (const f of files) {
  test(`v4: agrees with every score in ${f.name}`, () => {
    const lines = readVectorFile(f.name);
    assert.equal(lines.length, f.lines);
    const wrong: string[] = [];
    for (const l of lines) {
      const got = scoreCvss4(l.vector)?.score;
      if (l.scores.length !== 1 || got !== l.scores[0])
        wrong.push(`${f.name}:${l.line} ${l.vector}: got ${got}, want ${l.scores}`);
    }
    assert.deepEqual(wrong, []);
  });
}

interface MacroScores {
  vectors: { vector: string; score: number; severity: string }[];
}

test('v4: agrees with the score and severity of all 270 FIRST macro-scores vectors', () => {
  const { vectors } = JSON.parse(
    readFileSync(schemaPath('cvss', 'first', 'macro-scores.json'), 'utf8'),
  ) as MacroScores;
  assert.equal(vectors.length, 270);
  const wrong: string[] = [];
  for (const c of vectors) {
    const got = scoreCvss4(c.vector)?.score;
    const severity = got === undefined ? undefined : cvssSeverity(got);
    if (got !== c.score || severity !== c.severity.toLowerCase()) {
      wrong.push(`${c.vector}: got ${got} ${severity}, want ${c.score} ${c.severity}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('v4: the generated v4-lookup.ts is identical to the FIRST lookup table in ../shared', () => {
  const json = JSON.parse(
    readFileSync(schemaPath('cvss', 'first', 'cvss4-macrovector-lookup.json'), 'utf8'),
  ) as {
    macroVectorScores: Record<string, number>;
  };
  assert.deepEqual(
    { ...MACROVECTOR_SCORES },
    json.macroVectorScores,
    'rerun packages/core/scripts/gen-cvss4-lookup.mjs',
  );
});

// The shared vector files never score a vector with environmental metrics below its MacroVector's
// highest vector at EQ3+EQ6 level 01 or 11, so these pin modified metrics, requirements and the
// depth and highest vectors of those levels.
const environmental = [
  // FIRST, "CVSS v4.0 Examples" (first.org/cvss/v4-0/examples), scores as printed there.
  {
    input:
      'CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:L/VA:L/SC:N/SI:N/SA:N/CR:H/IR:L/AR:L/MAV:N/MAC:H/MVC:H/MVI:L/MVA:L',
    want: 8.1,
  },
  { input: 'CVSS:4.0/AV:A/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:N/SC:N/SI:N/SA:N/MSI:S/S:P', want: 9.7 },
  { input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:N/VI:N/VA:N/SC:H/SI:L/SA:H/E:U/MAV:A/R:U/V:C', want: 2.4 },
  {
    input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/E:A/CR:H/IR:H/AR:H/MAV:L/MAT:P',
    want: 8.9,
  },
  { input: 'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A/MVC:N/MVI:N/MVA:N', want: 0 },
  // EQ3+EQ6 level 11 at distance 1 from its highest vector. Scores of RedHatProductSecurity/
  // cvss-v4-calculator (the code of FIRST's calculator) as a third-party test suite pins them.
  { input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:H/SA:H/E:A/CR:M/IR:M/AR:M', want: 9.2 },
  { input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:H/SA:H/E:U/CR:M/IR:M/AR:M', want: 6.5 },
  { input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:H/SC:L/SI:L/SA:L/E:P/CR:M/IR:M/AR:M', want: 7 },
];

for (const c of environmental) {
  test(`v4: scores ${c.input} ${c.want}`, () => {
    assert.equal(scoreCvss4(c.input)?.score, c.want);
  });
}

const BASE = 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H';
const cases = [
  {
    name: 'the most severe base vector is MacroVector 000100 and scores 10.0',
    input: BASE,
    want: { score: 10, nomenclature: 'CVSS-B', macroVector: '000100' },
  },
  {
    name: 'Not Defined (X) threat and environmental metrics leave a CVSS-B score',
    input: `${BASE}/E:X/CR:X/MAV:X`,
    want: { score: 10, nomenclature: 'CVSS-B', macroVector: '000100' },
  },
  {
    name: 'a threat metric makes a CVSS-BT score',
    input: `${BASE}/E:U`,
    want: { score: 9.1, nomenclature: 'CVSS-BT', macroVector: '000120' },
  },
  {
    name: 'Safety on a modified subsequent metric moves to EQ4 level 0',
    input: `${BASE}/MSI:S`,
    want: { score: 10, nomenclature: 'CVSS-BE', macroVector: '000000' },
  },
  {
    name: 'metrics out of table order score like the ordered vector',
    input: 'CVSS:4.0/SA:H/SI:H/SC:H/VA:H/VI:H/VC:H/UI:N/PR:N/AT:N/AC:L/AV:N',
    want: { score: 10, nomenclature: 'CVSS-B', macroVector: '000100' },
  },
  {
    name: 'supplemental metrics do not change the score',
    input: `${BASE}/S:P/AU:Y/R:I/V:C/RE:H/U:Red`,
    want: { score: 10, nomenclature: 'CVSS-B', macroVector: '000100' },
  },
  {
    name: 'no impact on either system scores 0.0',
    input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N',
    want: { score: 0, nomenclature: 'CVSS-B', macroVector: '002201' },
  },
];

for (const c of cases) {
  test(`v4: ${c.name}`, () => {
    const { version, ...got } = scoreCvss4(c.input)!;
    assert.equal(version, '4.0');
    assert.deepEqual(got, c.want);
  });
}

// Sad path: malformed vectors are undefined, never an exception.
const malformed = [
  { name: 'missing base metric', input: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H' },
  { name: 'unknown value', input: `${BASE.replace('AT:N', 'AT:Q')}` },
  { name: 'Safety on a base metric', input: `${BASE.replace('SI:H', 'SI:S')}` },
  { name: 'unknown metric', input: `${BASE}/ZZ:A` },
  { name: 'repeated metric', input: `${BASE}/AV:N` },
  { name: 'wrong prefix', input: BASE.replace('CVSS:4.0', 'CVSS:4.1') },
  { name: 'v3 metrics under a v4 prefix', input: 'CVSS:4.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { name: 'lower-case supplemental value', input: `${BASE}/U:red` },
  { name: 'empty body', input: 'CVSS:4.0/' },
];

for (const c of malformed) {
  test(`v4: undefined for a vector with ${c.name}`, () => {
    assert.equal(scoreCvss4(c.input), undefined);
  });
}
