import assert from 'node:assert/strict';
import { test } from 'node:test';
import { schemeFor } from './ecosystems.js';
import { comparatorFor } from './versions/registry.js';

const cases = [
  { name: 'npm versions use npm semver', input: 'npm', want: 'semver' },
  { name: 'crates.io versions use semver, as in OSV', input: 'crates.io', want: 'semver' },
  { name: "Hex versions use semver (Elixir's Version is strict SemVer 2.0.0)", input: 'Hex', want: 'semver' },
  { name: 'NuGet versions use NuGet.Versioning rules', input: 'NuGet', want: 'nuget' },
  { name: 'Packagist versions use Composer rules', input: 'Packagist', want: 'composer' },
  { name: 'Pub versions use pub_semver rules', input: 'Pub', want: 'pub' },
  { name: 'the part after : does not matter', input: 'Debian:12', want: 'dpkg' },
  { name: 'an unknown ecosystem has no scheme', input: 'CRAN', want: undefined },
];
for (const c of cases) {
  test(`schemeFor: ${c.name}`, () => assert.equal(schemeFor(c.input), c.want));
}

test('schemeFor: every scheme an ecosystem maps to has a registered comparator', () => {
  const ecosystems = [
    ...['Debian', 'Ubuntu', 'Alpine', 'Wolfi', 'Chainguard', 'npm', 'crates.io', 'NuGet'],
    ...['Packagist', 'Hex', 'Pub', 'PyPI', 'Go', 'Maven', 'RubyGems', 'Red Hat', 'AlmaLinux'],
    ...['Rocky Linux', 'SUSE', 'openSUSE', 'Mageia', 'Azure Linux', 'Mariner', 'Amazon Linux'],
    ...['Oracle Linux', 'Photon OS', 'openEuler'],
  ];
  const missing = ecosystems.filter((e) => {
    const scheme = schemeFor(e);
    return scheme === undefined || comparatorFor(scheme) === undefined;
  });
  assert.deepEqual(missing, []);
});
