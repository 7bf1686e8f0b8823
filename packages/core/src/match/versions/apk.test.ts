import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apkComparator, apkCompare } from './apk.js';
import { asymmetries, disagreements, show, tableLines, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => apkComparator.compare(a, b);

/**
 * apk-tools' `vertest` on one `a OP b` line of its version.data: OP is a mix of `<`, `>`, `=`
 * and `~` (fuzzy: `b` is a prefix of `a`), a leading `!` negates it (`apk_version_match`).
 */
function vertest(a: string, op: string, b: string): boolean {
  const invert = op.startsWith('!');
  const ops = invert ? op.slice(1) : op;
  const r = apkCompare(a, b, ops.includes('~'));
  const ok = (r < 0 && ops.includes('<')) || (r > 0 && ops.includes('>')) || (r === 0 && /[=~]/.test(ops));
  return ok !== invert;
}

// happy path: apk-tools' own unit data (comparisons, fuzzy matches, then valid and `!`invalid versions)
const data = tableLines('apk-version.data');
const comparisons = data.filter((l) => l.fields.length === 3);
const singles = data.filter((l) => l.fields.length === 1);

test(`apk: agrees with apk-tools on all ${comparisons.length} comparisons of apk-version.data`, () => {
  const wrong = comparisons.filter((l) => !vertest(l.fields[0]!, l.fields[1]!, l.fields[2]!));
  assert.deepEqual(
    wrong.map((l) => `${l.where}: ${l.text}`),
    [],
  );
  assert.equal(comparisons.length + singles.length, data.length);
});

test(`apk: valid agrees with apk-tools on all ${singles.length} versions of apk-version.data`, () => {
  // `!v` means v is invalid; the lone `!` line says the empty string is invalid
  const wrong = singles.filter((l) => {
    const v = l.fields[0]!;
    return apkComparator.valid(v.startsWith('!') ? v.slice(1) : v) === v.startsWith('!');
  });
  assert.deepEqual(
    wrong.map((l) => `${l.where}: ${l.text}`),
    [],
  );
});

/**
 * osv-scalibr's alpine-versions.txt mixes apk-tools 2 and 3 behaviour. Its lines marked "on
 * latest apk" follow apk-tools 3, as we do (apk.ts), and pass. These 12 lines, all on invalid
 * versions, only hold under apk-tools 2, which read a missing number as 0 and carried on past
 * what apk-tools 3 treats as an invalid token. apk-tools 3 stops comparing at the first invalid
 * token (its version.data lists `!0.1-r`, `!.1`, `!a`, `!0.1a1` as invalid): both versions
 * invalid at the same place compare equal, and an invalid tail sorts below anything valid.
 */
const KNOWN_DIFFERENCES: readonly { line: string; apk3: string; reason: string }[] = [
  { line: '1-r = 1-r0', apk3: '<', reason: '`-r` without a number is invalid (`!0.1-r`)' },
  { line: '0..1..0 < 0..1..1', apk3: '=', reason: 'an empty component is invalid: both stop at `0.`' },
  { line: '0...1...0 < 0...1...1', apk3: '=', reason: 'an empty component is invalid: both stop at `0.`' },
  {
    line: '0...1...0.r1 < 0...1...0.r2',
    apk3: '=',
    reason: 'an empty component is invalid: both stop at `0.`',
  },
  {
    line: '0...1...0r1 < 0...1...0r2',
    apk3: '=',
    reason: 'an empty component is invalid: both stop at `0.`',
  },
  { line: '0..8 > 0...8', apk3: '=', reason: 'an empty component is invalid: both stop at `0.`' },
  { line: '0.8.21.r2 > 0.8.21.r1', apk3: '=', reason: 'a letter after `.` is invalid: both stop at `.r`' },
  {
    line: '6.6.2p1 < 6.6.2p2',
    apk3: '=',
    reason: 'a digit after a letter is invalid (`!0.1a1`): both stop there',
  },
  { line: '1-r0-1 = 1-r-2', apk3: '>', reason: '`1-r-2` is invalid at `-r`, `1-r0-1` only after `-r0`' },
  { line: '.2 > .1', apk3: '=', reason: 'a version must start with a digit (`!.1`): both invalid at once' },
  { line: 'a < b', apk3: '=', reason: 'a version must start with a digit (`!a`): both invalid at once' },
  { line: 'c > b', apk3: '=', reason: 'a version must start with a digit (`!a`): both invalid at once' },
];

const scalibr = tableVectors('osv-scalibr/alpine-versions.txt');
const known = new Set(KNOWN_DIFFERENCES.map((d) => d.line));
const agreed = scalibr.filter((v) => !known.has(show(v)));

test(`apk: agrees with OSV's alpine-versions.txt on ${agreed.length} of ${scalibr.length} lines (the rest are known apk-tools 2 lines)`, () => {
  assert.equal(
    scalibr.length - agreed.length,
    KNOWN_DIFFERENCES.length,
    'every known difference is a line of the file',
  );
  assert.deepEqual(disagreements(cmp, agreed), []);
});

for (const d of KNOWN_DIFFERENCES) {
  test(`apk (known difference from osv-scalibr): ${d.line} is ${d.apk3} under apk-tools 3 because ${d.reason}`, () => {
    const [a, , b] = d.line.split(' ') as [string, string, string];
    assert.equal(apkCompare(a, b), { '<': -1, '=': 0, '>': 1 }[d.apk3]);
  });
}

test('apk: compare is antisymmetric on every <, =, > vector of both files', () => {
  assert.deepEqual(asymmetries(cmp, [...tableVectors('apk-version.data'), ...scalibr]), []);
});

const cases = [
  { name: 'a pre-release suffix sorts below the release', a: '1.2_rc1', b: '1.2', want: -1 },
  { name: 'a post-release suffix sorts above the release', a: '1.2_p1', b: '1.2', want: 1 },
  {
    name: 'suffixes rank alpha < beta < pre < rc < (none) < cvs < svn < git < hg < p',
    a: '1_hg1',
    b: '1_git9',
    want: 1,
  },
  { name: 'the package revision counts last', a: '1.2-r10', b: '1.2-r9', want: 1 },
  { name: 'a component with a leading zero compares as a string', a: '1.02', b: '1.1', want: -1 },
  { name: 'a letter after the digits sorts above no letter', a: '1.2a', b: '1.2', want: 1 },
  { name: 'an invalid tail sorts below a valid version', a: '1.2.0A', b: '1.2.0', want: -1 },
];
for (const c of cases) {
  test(`apk (happy path): ${c.name}`, () => assert.equal(apkComparator.compare(c.a, c.b), c.want));
}

const invalid = ['', 'a', '.1', '1.2_foo', '1.2-r', '1.2-r1.1', '1_alpha~'];
for (const v of invalid) {
  test(`apk (sad path): ${JSON.stringify(v)} is invalid, and compare still orders it as apk-tools does`, () => {
    assert.equal(apkComparator.valid(v), false);
    assert.doesNotThrow(() => apkComparator.compare(v, '1.0'));
  });
}

test('apk: fuzzy matching (the ~ dependency operator) accepts versions that extend the prefix', () => {
  assert.equal(apkCompare('3.12.4-r1', '3.12', true), 0);
  assert.equal(apkCompare('3.13', '3.12', true), 1);
  assert.equal(apkCompare('3.12.4-r1', '3.12'), 1);
});
