import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError } from './comparator.js';
import { dpkgComparator } from './dpkg.js';
import {
  asymmetries,
  disagreements,
  jsonVectors,
  readJson,
  tableVectors,
} from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => dpkgComparator.compare(a, b);

// happy path: every verdict of dpkg 1.21 and of OSV's own Debian table
const files = ['dpkg.json', 'dpkg-extra.json', 'osv-scalibr/debian-versions.txt'].map((file) => ({
  file,
  vectors: file.endsWith('.json') ? jsonVectors(file) : tableVectors(file),
}));

for (const { file, vectors } of files) {
  test(`dpkg: agrees with dpkg --compare-versions on all ${vectors.length} vectors of ${file}`, () => {
    assert.ok(vectors.length > 0);
    assert.deepEqual(disagreements(cmp, vectors), []);
  });
  test(`dpkg: compare is antisymmetric on the vectors of ${file}`, () => {
    assert.deepEqual(asymmetries(cmp, vectors), []);
  });
}

const { validity } = readJson<{ validity: [string, boolean][] }>('dpkg-extra.json');
test(`dpkg: valid agrees with dpkg --validate-version on all ${validity.length} strings of dpkg-extra.json`, () => {
  const wrong = validity
    .filter(([v, ok]) => dpkgComparator.valid(v) !== ok)
    .map(([v, ok]) => `${v}: want ${ok}`);
  assert.deepEqual(wrong, []);
});

const cases = [
  { name: 'a tilde sorts before the end of the string', a: '1.0~rc1-1', b: '1.0-1', want: -1 },
  { name: 'the epoch outweighs the upstream version', a: '1:0.1', b: '9.9', want: 1 },
  { name: 'digit runs compare numerically, leading zeros ignored', a: '1.010', b: '1.9', want: 1 },
  { name: 'the revision starts after the last hyphen', a: '1.0-2-1', b: '1.0-10', want: 1 },
  { name: 'a missing revision equals revision 0', a: '2.30', b: '2.30-0', want: 0 },
  { name: 'surrounding blanks are ignored', a: ' 1.2-3\t', b: '1.2-3', want: 0 },
  { name: 'a version with a warning (letter first) is still ordered', a: 'a1', b: '1', want: 1 },
  { name: 'the empty string is "no version", below even a lone tilde', a: '', b: '~', want: -1 },
];
for (const c of cases) {
  test(`dpkg (happy path): ${c.name}`, () => assert.equal(dpkgComparator.compare(c.a, c.b), c.want));
}

// sad path: what dpkg --compare-versions refuses with an error (not just a warning)
const errors = [
  { name: 'a negative epoch', input: '-1:1.0' },
  { name: 'a non-numeric epoch', input: 'A:1.0' },
  { name: 'an epoch above INT_MAX', input: '2147483648:1.0' },
  { name: 'nothing after the epoch colon', input: '1:' },
  { name: 'an empty revision', input: '1.0-' },
  { name: 'an empty upstream version', input: '-1' },
  { name: 'embedded spaces', input: '1.0 2' },
  { name: 'only blanks', input: '  ' },
];
for (const c of errors) {
  test(`dpkg (sad path): compare throws InvalidVersionError for ${c.name}`, () => {
    assert.throws(() => dpkgComparator.compare(c.input, '1.0'), InvalidVersionError);
    assert.equal(dpkgComparator.valid(c.input), false);
  });
}
