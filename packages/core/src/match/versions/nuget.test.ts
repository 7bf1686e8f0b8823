import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { nugetComparator } from './nuget.js';
import { asymmetries, disagreements, show, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => nugetComparator.compare(a, b);

/**
 * OSV's NuGet table has 35 lines. 2 of them compare numbers of 30 digits, which OSV reads as big
 * integers. NuGet.Versioning refuses any version number above 2^31-1 (the numbers are .NET
 * `int`s; NuGet's own tests expect `1.2147483648.3.4` to fail), so no NuGet package can carry
 * such a version, and compare throws for them.
 */
const scalibr = tableVectors('osv-scalibr/nuget-versions.txt');
const refused = scalibr.filter((v) => !nugetComparator.valid(v.a) || !nugetComparator.valid(v.b));
const parsed = scalibr.filter((v) => !refused.includes(v));

test(`nuget: agrees with OSV's nuget-versions.txt on its ${parsed.length} lines NuGet.Versioning can parse`, () => {
  assert.equal(scalibr.length, 35);
  assert.deepEqual(refused.map(show), [
    '999999999999999999999999999991 < 999999999999999999999999999999',
    '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
  ]);
  assert.deepEqual(disagreements(cmp, parsed), []);
  assert.deepEqual(asymmetries(cmp, parsed), []);
});

for (const v of refused) {
  test(`nuget (known difference from osv-scalibr): compare throws for ${show(v)}, as NuGet refuses numbers above 2^31-1`, () => {
    assert.throws(() => cmp(v.a, v.b), InvalidVersionError);
  });
}

const cases = [
  { name: 'a missing number is 0', a: '1.0', b: '1.0.0.0', want: 0 },
  { name: 'the fourth number counts', a: '1.0.0.1', b: '1.0.0', want: 1 },
  { name: 'leading zeros in the numbers are ignored', a: '1.01.0-RC-1', b: '1.1-rc-1', want: 0 },
  { name: 'a pre-release sorts below its release', a: '1.0.0-rc.1', b: '1.0.0', want: -1 },
  { name: 'release labels compare case-insensitively', a: '1.6.2-BeTa', b: '1.6.02-beta', want: 0 },
  { name: 'numeric labels compare as numbers', a: '1.0.0-beta.11', b: '1.0.0-beta.2', want: 1 },
  { name: 'numeric labels sort before other labels', a: '1.0.0-2', b: '1.0.0-alpha', want: -1 },
  { name: 'more labels sort higher when the rest is equal', a: '1.0.0-a.1', b: '1.0.0-a', want: 1 },
  { name: 'build metadata is ignored', a: '1.0.0+build.1', b: '1.0.0+build.2', want: 0 },
  { name: 'surrounding white space is trimmed', a: '  1.0.0-beta\t', b: '1.0.0-beta', want: 0 },
  {
    name: 'a label int.TryParse reads as negative is a number (labels may hold -)',
    a: '1.0.0-a.-1',
    b: '1.0.0-a.0',
    want: -1,
  },
  {
    name: 'a label above 2^31-1 is compared as text, after every number',
    a: '1.0.0-2147483648',
    b: '1.0.0-999',
    want: 1,
  },
];
for (const c of cases) {
  test(`nuget (happy path): ${c.name}`, () => assert.equal(nugetComparator.compare(c.a, c.b), c.want));
}

// sad path: NuGet's own ParseThrowsIfStringIsNotAValidSemVer cases, and a few more
const invalid = [
  '',
  ' ',
  '1beta',
  '$version$',
  '1.2..',
  '..1.2',
  '1.2.3.4.5',
  '1.2.3.Beta',
  'So.is.this',
  '1.34.2Alpha',
  '1.4.7-',
  '1.4.7+',
  '1.4.7-*',
  '1.4.7-AA.01',
  '1.4.7-A^A',
  '1.4.7+AA.01^',
  '1.2147483648.3.4',
  'v1.0.0',
  '1. 0',
];
for (const v of invalid) {
  test(`nuget (sad path): ${JSON.stringify(v)} is invalid and compare throws InvalidVersionError`, () => {
    assert.equal(nugetComparator.valid(v), false);
    assert.throws(() => nugetComparator.compare(v, '1.0.0'), InvalidVersionError);
  });
}

test('nuget (sad path): leading zeros are allowed in metadata but not in release labels', () => {
  assert.equal(nugetComparator.valid('1.0.0+01'), true);
  assert.equal(nugetComparator.valid('1.0.0-01'), false);
  assert.equal(nugetComparator.valid('1.0.0-0a'), true, 'a label with a letter is not a number');
});
