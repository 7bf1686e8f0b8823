import assert from 'node:assert/strict';
import { test } from 'node:test';
import { goComparator } from './go.js';
import {
  asymmetries,
  disagreements,
  show,
  tableVectors,
  type Vector,
} from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => goComparator.compare(a, b);

/**
 * Real Go cases: versions from OSV's Go advisories (golang/vulndb, in shared/testdata/osv/Go),
 * ordered as `golang.org/x/mod/semver.Compare` orders them.
 */
const cases: Vector[] = [
  // pseudo-versions: v0.0.0-<UTC timestamp>-<commit>, ordered by timestamp (GO-2020-0012)
  {
    where: 'pseudo by timestamp',
    a: 'v0.0.0-20200220183623-bac4c82f6975',
    b: 'v0.0.0-20200131131040-063a3fb69896',
    want: 1,
  },
  { where: 'pseudo below any release', a: 'v0.0.0-20200220183623-bac4c82f6975', b: 'v0.0.0', want: -1 },
  {
    where: 'OSV form without v',
    a: '0.0.0-20200220183623-bac4c82f6975',
    b: 'v0.0.0-20200220183623-bac4c82f6975',
    want: 0,
  },
  // vX.Y.(Z+1)-0.<timestamp>-<commit>: after vX.Y.Z, before vX.Y.(Z+1) (GO-2020-0006)
  { where: 'pseudo after its base', a: 'v1.0.4-0.20180125103619-43913f2f4fbd', b: 'v1.0.3', want: 1 },
  { where: 'pseudo before the next patch', a: 'v1.0.4-0.20180125103619-43913f2f4fbd', b: 'v1.0.4', want: -1 },
  // vX.Y.Z-pre.0.<timestamp>-<commit>: after vX.Y.Z-pre (GO-2021-0085, GO-2023-2335)
  {
    where: 'pseudo after a pre-release',
    a: '1.0.0-rc8.0.20190930145003-cad42f6e0932',
    b: '1.0.0-rc8',
    want: 1,
  },
  {
    where: 'pseudo before the next pre-release',
    a: '1.0.0-rc8.0.20190930145003-cad42f6e0932',
    b: '1.0.0-rc9',
    want: -1,
  },
  {
    where: 'two pseudos on one pre-release',
    a: '1.5.0-rc1.0.20230601080528-80d139bb5d1d',
    b: '1.5.0-rc1.0.20230918070231-fec2992e3f9f',
    want: -1,
  },
  // +incompatible is build metadata: ignored (GO-2025-3549, GO-2022-0755)
  { where: '+incompatible ignored', a: 'v10.5.0+incompatible', b: 'v10.5.0', want: 0 },
  { where: '+incompatible ranges', a: '10.5.1+incompatible', b: '10.5.0+incompatible', want: 1 },
  {
    where: 'pseudo with +incompatible',
    a: '2.2.5-rc6.0.20190621200032-0ddffe484adc+incompatible',
    b: '2.2.5-rc6',
    want: 1,
  },
  // prereleases (SemVer §11) and Go's shorthands
  { where: 'numeric identifiers numerically', a: 'v1.0.0-beta.11', b: 'v1.0.0-beta.2', want: 1 },
  { where: 'numeric below alphanumeric', a: 'v1.0.0-1', b: 'v1.0.0-alpha', want: -1 },
  { where: 'more identifiers win', a: 'v1.0.0-alpha.1', b: 'v1.0.0-alpha', want: 1 },
  { where: 'v1.2 is v1.2.0', a: 'v1.2', b: 'v1.2.0', want: 0 },
  { where: 'v1 is v1.0.0', a: 'v1', b: 'v1.0.0', want: 0 },
  { where: 'numbers of any size', a: 'v1.99999999999999999999.0', b: 'v1.9.0', want: 1 },
];

for (const c of cases) {
  test(`go (happy path): ${c.where}: ${show(c)}`, () => {
    assert.ok(goComparator.valid(c.a) && goComparator.valid(c.b));
    assert.deepEqual(disagreements(cmp, [c]), []);
    assert.deepEqual(asymmetries(cmp, [c]), []);
  });
}

/**
 * OSV orders Go versions with its semver table. All 86 lines hold under Go's rules: the bare
 * 30-digit number is a valid `v<major>` shorthand, and `1.1.3.4.5` is invalid on both sides,
 * which `semver.Compare` (invalid == invalid) reports as equal.
 */
test("go: agrees with OSV's semver-versions.txt on all 86 lines", () => {
  const vectors = tableVectors('osv-scalibr/semver-versions.txt');
  assert.equal(vectors.length, 86);
  assert.deepEqual(disagreements(cmp, vectors), []);
  assert.deepEqual(asymmetries(cmp, vectors), []);
});

const invalid = [
  '(devel)',
  '',
  'v1.2.3.4',
  'v01.2.3',
  'v1.2-pre',
  'v1.2.3-01',
  'v1.2.3-',
  'v1.2.3+',
  'vv1.2.3',
];
for (const v of invalid) {
  test(`go (sad path): ${JSON.stringify(v)} is invalid and, as in semver.Compare, sorts below every valid version`, () => {
    assert.equal(goComparator.valid(v), false);
    assert.equal(goComparator.compare(v, 'v0.0.0-00010101000000-000000000000'), -1);
    assert.equal(goComparator.compare(v, '(devel)'), 0);
  });
}
