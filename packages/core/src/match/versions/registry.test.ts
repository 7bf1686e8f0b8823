import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coreSrc } from '../../testing/index.js';
import { comparatorFor, comparators } from './registry.js';

/** Files in this folder that are not comparators: the interface and the registry. */
const NOT_COMPARATORS = ['comparator.ts', 'registry.ts'];

test('versions registry: schemes are unique', () => {
  const schemes = comparators.map((c) => c.scheme);
  assert.equal(new Set(schemes).size, schemes.length, schemes.join(', '));
});

test('versions registry: every comparator file of the folder is imported by registry.ts', () => {
  const dir = coreSrc('match', 'versions');
  const registry = readFileSync(`${dir}/registry.ts`, 'utf8');
  const files = readdirSync(dir).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !NOT_COMPARATORS.includes(f),
  );
  assert.ok(files.length > 0);
  const missing = files.filter((f) => !registry.includes(`from './${f.replace(/\.ts$/, '.js')}'`));
  assert.deepEqual(missing, []);
});

test('versions registry: each comparator is in the file named after its scheme, STYLE rule 6 order first', () => {
  const dir = coreSrc('match', 'versions');
  const files = readdirSync(dir);
  for (const c of comparators) assert.ok(files.includes(`${c.scheme}.ts`), c.scheme);
  assert.deepEqual(
    comparators.map((c) => c.scheme),
    ['dpkg', 'apk', 'rpm', 'semver', 'pep440', 'maven', 'gem', 'go', 'nuget', 'composer', 'pub'],
  );
});

const cases = [
  { name: 'finds a scheme', input: 'dpkg', want: 'dpkg' },
  { name: 'finds a scheme added after STYLE rule 6', input: 'nuget', want: 'nuget' },
  { name: 'is undefined for an unknown scheme (Hex versions use semver)', input: 'hex', want: undefined },
  { name: 'does not match an OSV ecosystem name', input: 'Debian', want: undefined },
];
for (const c of cases) {
  test(`comparatorFor ${c.name}`, () => assert.equal(comparatorFor(c.input)?.scheme, c.want));
}
