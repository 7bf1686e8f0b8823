import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OsvEvent } from '../types/osv/record.js';
import { evaluateAffected, evaluateRange } from './osv-range.js';
import { comparatorFor } from './versions/registry.js';

const semver = comparatorFor('semver')!;
const dpkg = comparatorFor('dpkg')!;

const cases: {
  name: string;
  events: OsvEvent[];
  version: string;
  affected: boolean;
  fixed?: string[];
  cmp?: 'dpkg';
}[] = [
  {
    name: 'inside introduced..fixed',
    events: [{ introduced: '0' }, { fixed: '1.2.6' }],
    version: '1.2.5',
    affected: true,
    fixed: ['1.2.6'],
  },
  {
    name: 'at fixed is not affected',
    events: [{ introduced: '0' }, { fixed: '1.2.6' }],
    version: '1.2.6',
    affected: false,
  },
  {
    name: 'below introduced is not affected',
    events: [{ introduced: '1.0.0' }, { fixed: '1.2.6' }],
    version: '0.2.0',
    affected: false,
  },
  {
    name: 'at introduced is affected',
    events: [{ introduced: '1.0.0' }, { fixed: '1.2.6' }],
    version: '1.0.0',
    affected: true,
    fixed: ['1.2.6'],
  },
  {
    name: 'last_affected is inclusive',
    events: [{ introduced: '0' }, { last_affected: '2.0.0' }],
    version: '2.0.0',
    affected: true,
    fixed: [],
  },
  {
    name: 'above last_affected is not affected',
    events: [{ introduced: '0' }, { last_affected: '2.0.0' }],
    version: '2.0.1',
    affected: false,
  },
  {
    name: 'open-ended range has no fix',
    events: [{ introduced: '0' }],
    version: '99.0.0',
    affected: true,
    fixed: [],
  },
  {
    name: 'second interval, events unsorted',
    events: [{ introduced: '2.15.0' }, { fixed: '2.15.3' }, { introduced: '2.3.1' }, { fixed: '2.14.4' }],
    version: '2.15.1',
    affected: true,
    fixed: ['2.15.3'],
  },
  {
    name: 'between intervals',
    events: [{ introduced: '2.3.1' }, { fixed: '2.14.4' }, { introduced: '2.15.0' }, { fixed: '2.15.3' }],
    version: '2.14.9',
    affected: false,
  },
  {
    name: 'at or above a limit is outside the range',
    events: [{ introduced: '0' }, { limit: '3.0.0' }],
    version: '3.1.0',
    affected: false,
  },
  {
    name: 'prerelease below the fix is affected',
    events: [{ introduced: '0' }, { fixed: '1.0.0' }],
    version: '1.0.0-rc.1',
    affected: true,
    fixed: ['1.0.0'],
  },
  {
    name: 'dpkg epochs order',
    events: [{ introduced: '0' }, { fixed: '1:1.2.13.dfsg-1' }],
    version: '1.2.13.dfsg-9',
    affected: true,
    fixed: ['1:1.2.13.dfsg-1'],
    cmp: 'dpkg',
  },
  {
    name: 'dpkg tilde sorts before',
    events: [{ introduced: '0' }, { fixed: '3.0.11-1~deb12u2' }],
    version: '3.0.11-1~deb12u1',
    affected: true,
    fixed: ['3.0.11-1~deb12u2'],
    cmp: 'dpkg',
  },
];

for (const c of cases) {
  test(`range: ${c.name}`, () => {
    const v = evaluateRange(
      { type: 'ECOSYSTEM', events: c.events },
      c.version,
      c.cmp === 'dpkg' ? dpkg : semver,
    );
    assert.equal(v.affected, c.affected);
    if (c.fixed) assert.deepEqual(v.fixed, c.fixed);
  });
}

test('affected: the versions list matches exactly, GIT ranges are ignored', () => {
  const a = {
    versions: ['1.0.0', '1.0.1'],
    ranges: [{ type: 'GIT' as const, repo: 'x', events: [{ introduced: '0' }] }],
  };
  assert.equal(evaluateAffected(a, '1.0.1', semver).affected, true);
  assert.equal(evaluateAffected(a, '1.0.2', semver).affected, false);
});

test('affected: an uncomparable installed version throws for the matcher to report', () => {
  assert.throws(() =>
    evaluateAffected(
      { ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '2' }] }] },
      'not a version',
      semver,
    ),
  );
});
