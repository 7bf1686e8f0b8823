import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { gemComparator } from './gem.js';
import { asymmetries, disagreements, show, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => gemComparator.compare(a, b);

/**
 * OSV's RubyGems table has 25 lines; 2 of them (`1 > 1beta`, `1 > 1gamma`) use versions that
 * `Gem::Version.new` refuses ("Malformed version number string": a letter must follow `.` or
 * `-`), so no gem can carry them. compare raises for them, as RubyGems does.
 */
const scalibr = tableVectors('osv-scalibr/rubygems-versions.txt');
const malformed = scalibr.filter((v) => !gemComparator.valid(v.a) || !gemComparator.valid(v.b));
const wellFormed = scalibr.filter((v) => !malformed.includes(v));

test(`gem: agrees with OSV's rubygems-versions.txt on its ${wellFormed.length} lines Gem::Version accepts`, () => {
  assert.equal(scalibr.length, 25);
  assert.deepEqual(malformed.map(show), ['1 > 1beta', '1 > 1gamma']);
  assert.deepEqual(disagreements(cmp, wellFormed), []);
  assert.deepEqual(asymmetries(cmp, wellFormed), []);
});

for (const v of malformed) {
  test(`gem (known difference from osv-scalibr): compare raises for ${show(v)}, as Gem::Version.new does`, () => {
    assert.throws(() => cmp(v.a, v.b), InvalidVersionError);
  });
}

const cases = [
  { name: 'a letter segment makes a pre-release', a: '1.0.a', b: '1.0', want: -1 },
  { name: 'pre-releases order by their segments', a: '1.0.rc1', b: '1.0.beta2', want: 1 },
  { name: 'a hyphen means .pre.', a: '1.0-1', b: '1.0.pre.1', want: 0 },
  {
    name: 'trailing zeros are dropped, in the release and the pre-release part',
    a: '1.0.0.a.0',
    b: '1.a',
    want: 0,
  },
  { name: 'segments compare numerically', a: '3.10', b: '3.9', want: 1 },
  { name: 'a blank version is 0', a: ' ', b: '0', want: 0 },
  { name: 'letters compare case-sensitively (B < a)', a: '1.B', b: '1.a', want: -1 },
];
for (const c of cases) {
  test(`gem (happy path): ${c.name}`, () => assert.equal(gemComparator.compare(c.a, c.b), c.want));
}

const invalid = ['1beta', 'a', '1..2', '1.0 1', '-1', '1.0_1', 'v1.0'];
for (const v of invalid) {
  test(`gem (sad path): ${JSON.stringify(v)} is malformed and compare throws InvalidVersionError`, () => {
    assert.equal(gemComparator.valid(v), false);
    assert.throws(() => gemComparator.compare(v, '1.0'), InvalidVersionError);
  });
}
