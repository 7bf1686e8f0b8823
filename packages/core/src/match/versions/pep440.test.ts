import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { pep440Comparator } from './pep440.js';
import {
  asymmetries,
  disagreements,
  jsonVectors,
  show,
  tableVectors,
} from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => pep440Comparator.compare(a, b);

test('pep440: agrees with packaging.version.Version (pip 23.2) on every vector of pep440.json', () => {
  const vectors = jsonVectors('pep440.json');
  assert.equal(vectors.length, 676);
  assert.deepEqual(disagreements(cmp, vectors), []);
  assert.deepEqual(asymmetries(cmp, vectors), []);
});

/**
 * OSV's PyPI table keeps 11 lines of "legacy" versions (`0.1-bulbasaur`, `-class.-jw…`) that
 * only packaging's old LegacyVersion ordered; `packaging.version.Version` (what pip uses for
 * PEP 440) refuses them, and so do we: compare throws for them.
 */
const scalibr = tableVectors('osv-scalibr/pypi-versions.txt');
const legacy = scalibr.filter((v) => !pep440Comparator.valid(v.a) || !pep440Comparator.valid(v.b));
const pep440 = scalibr.filter((v) => !legacy.includes(v));

test(`pep440: agrees with OSV's pypi-versions.txt on its ${pep440.length} PEP 440 lines`, () => {
  assert.equal(pep440.length, 26);
  assert.equal(legacy.length, 11);
  assert.deepEqual(disagreements(cmp, pep440), []);
  assert.deepEqual(asymmetries(cmp, pep440), []);
});

test(`pep440 (known difference from osv-scalibr): compare throws on the ${legacy.length} legacy-version lines`, () => {
  const ordered = legacy.filter((v) => {
    try {
      cmp(v.a, v.b);
      return true;
    } catch (e) {
      return !(e instanceof InvalidVersionError);
    }
  });
  assert.deepEqual(ordered.map(show), []);
});

const cases = [
  { name: 'a dev release sorts below the pre-releases', a: '1.0.dev0', b: '1.0a0', want: -1 },
  { name: 'pre-releases order a < b < rc', a: '1.0b2', b: '1.0rc1', want: -1 },
  { name: 'a post release sorts above its release', a: '1.0.post1', b: '1.0', want: 1 },
  { name: 'the epoch outweighs the release', a: '1!0.1', b: '2.0', want: 1 },
  { name: 'a local version sorts above its public version', a: '1.0+ubuntu1', b: '1.0', want: 1 },
  { name: 'numeric local segments sort above alphabetic ones', a: '1.0+1', b: '1.0+abc', want: 1 },
  { name: 'normalisation: 1.0-alpha.1 is 1.0a1', a: '1.0-alpha.1', b: '1.0a1', want: 0 },
  {
    name: 'normalisation: the implicit post release 1.0-1 is 1.0.post1',
    a: '1.0-1',
    b: '1.0.post1',
    want: 0,
  },
  { name: 'normalisation: trailing zeros and case are ignored', a: 'V1.0.0RC1', b: '1rc1', want: 0 },
  {
    name: 'release numbers of any size compare numerically',
    a: '1.99999999999999999999',
    b: '1.100',
    want: 1,
  },
];
for (const c of cases) {
  test(`pep440 (happy path): ${c.name}`, () => assert.equal(pep440Comparator.compare(c.a, c.b), c.want));
}

const invalid = ['', '1.0-bulbasaur', 'french toast', '1.0+', '1.0+local..1', '1..0', 'dev'];
for (const v of invalid) {
  test(`pep440 (sad path): ${JSON.stringify(v)} is invalid and compare throws InvalidVersionError`, () => {
    assert.equal(pep440Comparator.valid(v), false);
    assert.throws(() => pep440Comparator.compare(v, '1.0'), InvalidVersionError);
  });
}
