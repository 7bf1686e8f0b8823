import assert from 'node:assert/strict';
import { test } from 'node:test';
import { catalogLayers } from '../testing/view.js';
import { gemSpecCataloger, parseGemspec } from './gem-spec.js';
import { gemfileLockCataloger } from './gemfile-lock.js';
import { dirLayer, fixture, ids } from '../testing/catalog.js';

// Real specifications from Debian 12's ruby-rack and ruby-minitest packages.
test('gem-spec: installed specifications yield name, version and licences', async () => {
  const { packages, issues } = await catalogLayers(
    [dirLayer(fixture('gem-spec', 'debian'))],
    [gemSpecCataloger],
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(ids(packages), ['minitest@5.17.0', 'rack@2.2.22']);
  const rack = packages.find((p) => p.name === 'rack')!;
  assert.deepEqual([rack.ecosystem, rack.purl, rack.licenses], ['RubyGems', 'pkg:gem/rack@2.2.22', ['MIT']]);
});

const specCases = [
  {
    name: 'single-quoted, license singular',
    text: "Gem::Specification.new do |spec|\n  spec.name = 'x'\n  spec.version = '1.0.0'\n  spec.license = 'Apache-2.0'\nend\n",
    want: { name: 'x', version: '1.0.0', licenses: ['Apache-2.0'] },
  },
  {
    name: 'only the stub line',
    text: '# stub: y 2.1.0 ruby lib\n',
    want: { name: 'y', version: '2.1.0', licenses: [] },
  },
  {
    name: '%q literals',
    text: 's.name = %q<z>.freeze\ns.version = "3.0"\ns.licenses = ["MIT".freeze, "Ruby".freeze]\n',
    want: { name: 'z', version: '3.0', licenses: ['MIT', 'Ruby'] },
  },
];
for (const c of specCases)
  test(`gem-spec: parses ${c.name}`, () => assert.deepEqual(parseGemspec(c.text), c.want));

test('gem-spec: a gemspec without name is a warning naming the file and layer', async () => {
  const { packages, issues } = await catalogLayers(
    [{ 'usr/lib/ruby/gems/3.1.0/specifications/bad-1.gemspec': 'garbage = true\n' }],
    [gemSpecCataloger],
  );
  assert.deepEqual(packages, []);
  assert.equal(issues[0]!.path, 'usr/lib/ruby/gems/3.1.0/specifications/bad-1.gemspec');
  assert.match(issues[0]!.layer!, /^sha256:/);
});

test('gemfile-lock: GEM, GIT sections; platform suffix dropped; DEPENDENCIES are direct', async () => {
  const { packages, issues } = await catalogLayers(
    [dirLayer(fixture('gemfile-lock', 'rails-app'))],
    [gemfileLockCataloger],
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(ids(packages), [
    'forked_gem@0.3.1',
    'mustermann@3.0.0',
    'nokogiri@1.15.4',
    'racc@1.7.1',
    'rack@2.2.8',
    'ruby2_keywords@0.0.5',
    'sinatra@3.1.0',
  ]);
  const rel = Object.fromEntries(packages.map((p) => [p.name, p.relationship]));
  assert.deepEqual([rel.sinatra, rel.forked_gem, rel.rack], ['direct', 'direct', 'indirect']);
});

test('gemfile-lock: not a lockfile is a warning', async () => {
  const { issues } = await catalogLayers(
    [{ 'app/Gemfile.lock': 'just some text\n' }],
    [gemfileLockCataloger],
  );
  assert.equal(issues.length, 1);
  assert.match(issues[0]!.message, /Gemfile.lock cannot be parsed/);
});
