import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidVersionError, sign } from './comparator.js';
import { compareEvr, rpmComparator, rpmvercmp } from './rpm.js';
import { asymmetries, disagreements, jsonVectors, tableVectors } from '../../testing/version-vectors.js';

const cmp = (a: string, b: string): number => rpmComparator.compare(a, b);

// happy path: rpm 4.18's verdicts on whole EVRs, OSV's Red Hat table, and rpmvercmp() on raw segments
const evrFiles = ['rpm.json', 'rpm-evr-extra.json', 'osv-scalibr/redhat-versions.txt'].map((file) => ({
  file,
  vectors: file.endsWith('.json') ? jsonVectors(file) : tableVectors(file),
}));

for (const { file, vectors } of evrFiles) {
  test(`rpm: agrees with rpm 4.18 rpm.ver() on all ${vectors.length} EVR vectors of ${file}`, () => {
    assert.ok(vectors.length > 0);
    assert.deepEqual(disagreements(cmp, vectors), []);
  });
  test(`rpm: compare is antisymmetric on the vectors of ${file}`, () => {
    assert.deepEqual(asymmetries(cmp, vectors), []);
  });
}

const raw = jsonVectors('rpmvercmp.json');
test(`rpm: rpmvercmp agrees with librpm rpmvercmp() on all ${raw.length} raw-string vectors of rpmvercmp.json`, () => {
  assert.deepEqual(disagreements(rpmvercmp, raw), []);
  assert.deepEqual(asymmetries(rpmvercmp, raw), []);
});

const cases = [
  { name: 'a tilde sorts before the end of the version', a: '1.0~rc1', b: '1.0', want: -1 },
  { name: 'a caret sorts after the end but before a further segment', a: '1.0^git1', b: '1.0.1', want: -1 },
  { name: 'numeric segments beat alphabetic ones', a: '1.0.1', b: '1.0.a', want: 1 },
  { name: 'the epoch decides first', a: '1:1.0-1', b: '2.0-1', want: 1 },
  { name: 'epochs compare as numbers (01 == 1)', a: '01:2', b: '1:2', want: 0 },
  { name: 'a release makes the EVR higher than none', a: '1.0', b: '1.0-0', want: -1 },
  { name: 'separators only separate (1.0 == 1_0)', a: '1.0', b: '1_0', want: 0 },
  { name: 'a colon after a non-digit is not an epoch', a: 'a:1', b: 'b:1', want: -1 },
];
for (const c of cases) {
  test(`rpm (happy path): ${c.name}`, () => {
    assert.equal(rpmComparator.compare(c.a, c.b), c.want);
    assert.equal(sign(compareEvr(c.b, c.a)), sign(-c.want));
  });
}

test('rpm (sad path): the empty string is the only invalid EVR, and compare throws for it', () => {
  assert.equal(rpmComparator.valid(''), false);
  assert.equal(rpmComparator.valid('1.0-1.el9'), true);
  assert.throws(() => rpmComparator.compare('', '1.0'), InvalidVersionError);
});
