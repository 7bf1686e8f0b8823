import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { composerComparator } from './composer.js';
import { asymmetries, disagreements, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => composerComparator.compare(a, b);

// happy path: OSV's Packagist table (php-src's version_compare tests, composer/semver's
// ComparatorTest and OSV's own edge cases), every line of it
const scalibr = tableVectors('osv-scalibr/packagist-versions.txt');

test(`composer: agrees with all ${scalibr.length} lines of OSV's packagist-versions.txt`, () => {
  assert.equal(scalibr.length, 95);
  assert.deepEqual(disagreements(cmp, scalibr), []);
  assert.deepEqual(asymmetries(cmp, scalibr), []);
});

const cases = [
  {
    name: 'stabilities order dev < alpha < beta < RC < release < patch',
    a: '1.0-RC1',
    b: '1.0-beta9',
    want: 1,
  },
  { name: 'a patch release sorts above the release', a: '1.0-patch1', b: '1.0', want: 1 },
  { name: 'a, b and p are short for alpha, beta and patch', a: '1.0a1', b: '1.0-alpha1', want: 0 },
  { name: 'one leading v or V is dropped', a: 'V2.1', b: '2.1', want: 0 },
  { name: '_ and + separate parts like - and .', a: '1_0+1', b: '1.0.1', want: 0 },
  { name: 'a trailing number makes a version higher', a: '1.0.0', b: '1.0', want: 1 },
  { name: 'a dev branch sorts below every release', a: 'dev-main', b: '0.0.1', want: -1 },
  {
    name: 'a x-dev branch alias sorts below the releases of that branch',
    a: '1.2.x-dev',
    b: '1.2.0',
    want: -1,
  },
  {
    name: 'numbers of any length compare exactly',
    a: '1.99999999999999999999',
    b: '1.99999999999999999998',
    want: 1,
  },
  // documented choices (see composer.ts): none is covered by OSV's table
  { name: 'stability words are case-insensitive, as in Composer', a: '1.0-BETA1', b: '1.0-beta1', want: 0 },
  { name: 'stable is the release, as in Composer', a: '1.0-stable', b: '1.0', want: 0 },
  { name: 'an unknown word sorts below dev, as PHP documents', a: '1.0-foo', b: '1.0-dev', want: -1 },
  { name: 'empty parts are skipped, as PHP collapses separators', a: '1..2', b: '1.2', want: 0 },
];
for (const c of cases) {
  test(`composer (happy path): ${c.name}`, () => assert.equal(composerComparator.compare(c.a, c.b), c.want));
}

const invalid = ['', 'v', 'V', '..', '-_+'];
for (const v of invalid) {
  test(`composer (sad path): ${JSON.stringify(v)} has nothing to compare, so it is invalid and compare throws`, () => {
    assert.equal(composerComparator.valid(v), false);
    assert.throws(() => composerComparator.compare(v, '1.0'), InvalidVersionError);
  });
}

test('composer (sad path): any string with a number or a word is a version, as for version_compare', () => {
  for (const v of ['dev-feature/x', 'latest', '1.2.3.#', ' 1.0', 'v1']) {
    assert.equal(composerComparator.valid(v), true, v);
    assert.doesNotThrow(() => composerComparator.compare(v, '1.0'), v);
  }
});
