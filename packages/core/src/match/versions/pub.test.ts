import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { pubComparator } from './pub.js';
import {
  asymmetries,
  disagreements,
  show,
  tableVectors,
  type Vector,
} from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => pubComparator.compare(a, b);

/**
 * OSV's Pub table has 100 lines; 32 of them use versions pub_semver's `Version.parse` refuses
 * (`FormatException`), so no pub package can carry them and compare throws for them:
 * - 29 have a leading `v` (`v1.2.3`): OSV reads Pub versions with its semver-like parser, which
 *   drops it, but pub's version pattern starts with a digit. With the `v` removed, all 29 agree.
 * - 2 use numbers of 30 digits: Dart's `int.parse` refuses numbers above 2^63-1.
 * - 1 has five numbers (`1.1.3.4.5`): OSV turns the extra ones into build metadata; for pub a
 *   version has exactly three.
 */
const scalibr = tableVectors('osv-scalibr/pub-versions.txt');
const either = (v: Vector, p: (s: string) => boolean): boolean => p(v.a) || p(v.b);
const refusedBecause = {
  'a leading v': scalibr.filter((v) => either(v, (s) => s.startsWith('v'))),
  'a number above 2^63-1': scalibr.filter((v) => either(v, (s) => /\d{20}/.test(s))),
  'more than three numbers': scalibr.filter((v) => either(v, (s) => /^\d+(\.\d+){3}/.test(s))),
};
const refused = scalibr.filter((v) => !pubComparator.valid(v.a) || !pubComparator.valid(v.b));
const parsed = scalibr.filter((v) => !refused.includes(v));

test(`pub: agrees with OSV's pub-versions.txt on its ${parsed.length} lines pub_semver can parse`, () => {
  assert.equal(scalibr.length, 100);
  assert.deepEqual(
    Object.values(refusedBecause).map((l) => l.length),
    [29, 2, 1],
  );
  assert.deepEqual(
    new Set(refused),
    new Set(Object.values(refusedBecause).flat()),
    'every refused line has one of the documented reasons',
  );
  assert.deepEqual(disagreements(cmp, parsed), []);
  assert.deepEqual(asymmetries(cmp, parsed), []);
});

for (const [reason, vectors] of Object.entries(refusedBecause)) {
  for (const v of vectors) {
    test(`pub (known difference from osv-scalibr): compare throws for ${show(v)}, which pub refuses (${reason})`, () => {
      assert.throws(() => cmp(v.a, v.b), InvalidVersionError);
    });
  }
}

test("pub: the 29 lines with a leading v agree once it is removed, so only validity differs from OSV's order", () => {
  const stripped = refusedBecause['a leading v'].map((v) => ({
    ...v,
    a: v.a.replace(/^v/, ''),
    b: v.b.replace(/^v/, ''),
  }));
  assert.deepEqual(disagreements(cmp, stripped), []);
});

const cases = [
  { name: 'a pre-release sorts below its release', a: '1.0.0-dev.1', b: '1.0.0', want: -1 },
  { name: 'a build sorts above no build (unlike SemVer 2.0.0)', a: '1.0.0+1', b: '1.0.0', want: 1 },
  { name: 'builds are ordered, numbers numerically', a: '1.0.0+10', b: '1.0.0+9', want: 1 },
  { name: 'the pre-release decides before the build', a: '1.0.0-a+9', b: '1.0.0-b+1', want: -1 },
  { name: 'numeric identifiers sort before text', a: '1.0.0-1', b: '1.0.0-a', want: -1 },
  { name: 'text compares case-sensitively (R < r)', a: '1.2.3-R2', b: '1.2.3-r100', want: -1 },
  { name: 'leading zeros are allowed and ignored', a: '01.02.03-01', b: '1.2.3-1', want: 0 },
  {
    name: 'int.tryParse reads a hexadecimal identifier as a number',
    a: '1.0.0-0x10',
    b: '1.0.0-16',
    want: 0,
  },
  { name: 'int.tryParse reads -2 as a negative number', a: '1.0.0--2', b: '1.0.0-0', want: -1 },
  {
    name: 'an identifier above 2^63-1 is text, after every number',
    a: '1.0.0-99999999999999999999',
    b: '1.0.0-1',
    want: 1,
  },
  {
    name: 'a 64-bit hexadecimal identifier wraps to negative, as on the Dart VM',
    a: '1.0.0-0xFFFFFFFFFFFFFFFF',
    b: '1.0.0-0',
    want: -1,
  },
];
for (const c of cases) {
  test(`pub (happy path): ${c.name}`, () => assert.equal(pubComparator.compare(c.a, c.b), c.want));
}

const invalid = [
  '',
  '1.2',
  'v1.2.3',
  '1.2.3.4',
  '1a2b3',
  '1.2.3-',
  '1.2.3+',
  '1.2.3-a..b',
  '1.2.3-a_b',
  ' 1.2.3',
  '9223372036854775808.0.0',
];
for (const v of invalid) {
  test(`pub (sad path): ${JSON.stringify(v)} is invalid and compare throws InvalidVersionError`, () => {
    assert.equal(pubComparator.valid(v), false);
    assert.throws(() => pubComparator.compare(v, '1.0.0'), InvalidVersionError);
  });
}

test('pub (sad path): 2^63-1 is still a valid version number', () => {
  assert.equal(pubComparator.valid('9223372036854775807.0.0'), true);
});
