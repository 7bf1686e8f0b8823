import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mavenComparator } from './maven.js';
import { asymmetries, disagreements, jsonVectors, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => mavenComparator.compare(a, b);

// happy path: Maven 3.8.7's own verdicts and OSV's Maven table
const files = [
  { file: 'maven.json', vectors: jsonVectors('maven.json') },
  { file: 'osv-scalibr/maven-versions.txt', vectors: tableVectors('osv-scalibr/maven-versions.txt') },
];
for (const { file, vectors } of files) {
  test(`maven: agrees on all ${vectors.length} vectors of ${file}`, () => {
    assert.ok(vectors.length > 0);
    assert.deepEqual(disagreements(cmp, vectors), []);
  });
  test(`maven: compare is antisymmetric on the vectors of ${file}`, () => {
    assert.deepEqual(asymmetries(cmp, vectors), []);
  });
}

/**
 * The one conflict between the two files (shared/testdata/versions/osv-scalibr/README.md):
 * OSV says `1-1 = 1-ga-1`, Maven 3.8.7's ComparableVersion says `1-1 > 1-ga-1`. We follow OSV,
 * because OSV's ordering is what an OSV Maven range means (see `collapse` in maven.ts); no pair
 * of maven.json involves such a version, so all of maven.json still holds.
 */
test('maven (documented choice): 1-ga-1 equals 1-1 as in OSV, although Maven 3.8.7 says 1-ga-1 < 1-1', () => {
  assert.equal(cmp('1-ga-1', '1-1'), 0);
  assert.equal(cmp('1-final-1', '1-1'), 0);
  assert.equal(cmp('ga-1', '1'), -1, 'the top level is not collapsed, for OSV as for Maven');
});

const cases = [
  {
    name: 'qualifiers order alpha < beta < milestone < rc < snapshot < release < sp',
    a: '1.0-rc1',
    b: '1.0-SNAPSHOT',
    want: -1,
  },
  { name: 'ga, final and release are the release itself', a: '1.0.Final', b: '1.0-ga', want: 0 },
  { name: 'cr is rc', a: '1.0-CR2', b: '1.0-rc2', want: 0 },
  {
    name: 'a1, b1 and m1 are short for alpha-1, beta-1 and milestone-1',
    a: '1.0-m1',
    b: '1.0-milestone-1',
    want: 0,
  },
  { name: 'unknown qualifiers sort after sp, lexically', a: '1.0-foo', b: '1.0-sp', want: 1 },
  { name: 'a number beats a qualifier', a: '1.0.1', b: '1.0-sp1', want: 1 },
  { name: 'trailing zeros are dropped', a: '1.0.0', b: '1', want: 0 },
  {
    name: 'numbers of any length compare numerically',
    a: '1.12345678901234567890',
    b: '1.999999999',
    want: 1,
  },
];
for (const c of cases) {
  test(`maven (happy path): ${c.name}`, () => assert.equal(mavenComparator.compare(c.a, c.b), c.want));
}

test('maven (sad path): every string is a Maven version, so valid is always true and compare never throws', () => {
  for (const v of ['', '-', '..', 'what.ever-1']) {
    assert.equal(mavenComparator.valid(v), true);
    assert.doesNotThrow(() => mavenComparator.compare(v, '1.0'));
  }
  assert.equal(mavenComparator.compare('', '0'), 0);
});
