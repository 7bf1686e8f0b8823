import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { semverComparator } from './semver.js';
import {
  asymmetries,
  disagreements,
  jsonVectors,
  show,
  tableVectors,
} from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => semverComparator.compare(a, b);

test('semver: agrees with npm semver compare() on every vector of semver.json', () => {
  const vectors = jsonVectors('semver.json');
  assert.equal(vectors.length, 2169);
  assert.deepEqual(disagreements(cmp, vectors), []);
  assert.deepEqual(asymmetries(cmp, vectors), []);
});

/**
 * OSV's semver table is shared by npm, crates.io and Go. Three of its 86 lines use versions
 * npm's semver refuses even loosely: a bare number above 2^53 (`999…991`), three numbers above
 * 2^53 (`Invalid major version`), and five components (`1.1.3.4.5`). npm cannot install such a
 * version, so `compare` throws for them, as `semver.compare` does. (go.test.ts checks the same
 * file under Go's rules, where the first two are valid.)
 */
const scalibr = tableVectors('osv-scalibr/semver-versions.txt');
const npmRefuses = scalibr.filter((v) => !semverComparator.valid(v.a) || !semverComparator.valid(v.b));

test(`semver: agrees with OSV's semver-versions.txt on its ${scalibr.length - npmRefuses.length} lines npm semver can parse`, () => {
  assert.equal(scalibr.length, 86);
  assert.deepEqual(npmRefuses.map(show), [
    '999999999999999999999999999991 < 999999999999999999999999999999',
    '999999999999999999999999999991.999999999999999999999999999991.999999999999999999999999999991 < 999999999999999999999999999999.999999999999999999999999999991.999999999999999999999999999991',
    '1.1.3.4.5 = 1.1.3.4.5',
  ]);
  const parsed = scalibr.filter((v) => !npmRefuses.includes(v));
  assert.deepEqual(disagreements(cmp, parsed), []);
  assert.deepEqual(asymmetries(cmp, parsed), []);
});

for (const v of npmRefuses) {
  test(`semver (known difference from osv-scalibr): compare throws for ${show(v)}, which npm semver refuses`, () => {
    assert.throws(() => cmp(v.a, v.b), InvalidVersionError);
  });
}

const cases = [
  { name: 'a pre-release sorts below its release', a: '1.0.0-rc.1', b: '1.0.0', want: -1 },
  {
    name: 'numeric pre-release identifiers compare as numbers',
    a: '1.0.0-beta.11',
    b: '1.0.0-beta.2',
    want: 1,
  },
  { name: 'build metadata is ignored', a: '1.0.0+build.1', b: '1.0.0+build.2', want: 0 },
  { name: 'a leading v is accepted', a: 'v1.2.3', b: '1.2.3', want: 0 },
  {
    name: 'loose: = prefix and spaces, as npm reads installed package.json',
    a: ' =1.2.3 ',
    b: '1.2.3',
    want: 0,
  },
  { name: 'loose: a pre-release without hyphen', a: '1.2.3beta', b: '1.2.3-beta', want: 0 },
  { name: 'loose: leading zeros', a: '01.2.3', b: '1.2.3', want: 0 },
];
for (const c of cases) {
  test(`semver (happy path): ${c.name}`, () => assert.equal(semverComparator.compare(c.a, c.b), c.want));
}

/**
 * Hex versions use this comparator too (ecosystems/table.ts), as in OSV. Elixir's `Version`
 * (elixir-lang/elixir `lib/elixir/lib/version.ex`) is strict SemVer 2.0.0: three numbers,
 * pre-release identifiers with numbers (no leading zeros) before text, build ignored. That is
 * npm's order for every version Elixir accepts, checked here with pairs from Elixir's own
 * `Version.compare` tests and docs. Two known differences, neither reachable from Hex today:
 * Elixir refuses the loose forms npm reads (`v1.2.3`, `1.2.3-01`), which Hex cannot publish,
 * and it accepts numbers above 2^53-1, for which compare throws here (see the sad path below).
 */
const hexCases = [
  { a: '1.0.0', b: '1.0.0-dev', want: 1 },
  { a: '1.2.3-dev', b: '0.1.2', want: 1 },
  { a: '1.0.0-a.b', b: '1.0.0-a', want: 1 },
  { a: '1.0.0-b', b: '1.0.0-a.b', want: 1 },
  { a: '1.0.0-a', b: '1.0.0-0', want: 1 },
  { a: '1.0.0-a.b', b: '1.0.0-a.a', want: 1 },
  { a: '1.2.3-alpha.10', b: '1.2.3-alpha.1', want: 1 },
  { a: '2.0.1-alpha1', b: '2.0.0', want: 1 },
  { a: '1.0.0-beta', b: '1.0.0-rc1', want: -1 },
  { a: '1.0.0-10', b: '1.0.0-2', want: 1 },
  { a: '2.0.1+build0', b: '2.0.1', want: 0 },
];
for (const c of hexCases) {
  test(`semver (Hex): agrees with Elixir's Version.compare(${c.a}, ${c.b})`, () => {
    assert.equal(semverComparator.compare(c.a, c.b), c.want);
    assert.equal(semverComparator.compare(c.b, c.a), 0 - c.want, 'and the other way round');
  });
}

const invalid = ['', '1.2', 'latest', '1.2.3.4', '9007199254740992.0.0', 'not-a-version'];
for (const v of invalid) {
  test(`semver (sad path): ${JSON.stringify(v)} is invalid and compare throws InvalidVersionError`, () => {
    assert.equal(semverComparator.valid(v), false);
    assert.throws(() => semverComparator.compare(v, '1.0.0'), InvalidVersionError);
  });
}
