import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import type { Package } from '../types/model.js';
import type { Cataloger } from './cataloger.js';
import { configureCatalogers } from './options.js';
import { catalogers } from './registry.js';
import { dirLayer } from '../testing/catalog.js';

// Accuracy against a peer: each trivy/repo/<case> directory is put in a one-layer image at
// /repo/<case>/ and run through every registered cataloger; the result is compared with the
// `Packages` of Trivy's golden for that case (name, version, and licences / relationship where
// the golden gives them). Every intended difference is listed in the case with its reason.

interface GoldenPackage {
  Name: string;
  Version: string;
  Licenses?: string[];
  Relationship?: string;
}

function golden(name: string): GoldenPackage[] {
  const doc = JSON.parse(readFileSync(testdata('trivy/goldens', `${name}.json.golden`), 'utf8')) as {
    Results: { Packages?: GoldenPackage[] }[];
  };
  return doc.Results.flatMap((r) => r.Packages ?? []);
}

interface Row {
  name: string;
  version: string;
  licenses?: string[];
  relationship?: string;
}
const key = (r: Row) => `${r.name}@${r.version}`;
const sortRows = (rows: Row[]) => rows.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

interface Case {
  name: string;
  repo: string;
  golden: string;
  includeDev?: boolean;
  /** Which optional fields the golden gives and we compare. */
  compare: ('licenses' | 'relationship')[];
  /** Packages we report that the golden does not, each with the reason. */
  extra?: Record<string, string>;
  /** Golden packages we do not report, each with the reason. */
  missing?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'npm (package-lock v1 + partial node_modules), dev excluded',
    repo: 'npm',
    golden: 'npm',
    compare: ['licenses'],
    extra: {
      'z-lock@1.0.0':
        'the lockfile marks it dev, but node_modules/z-lock/package.json is installed: in an image, installed code ships, and installed manifests win over the lockfile (node-project.ts rule 1)',
    },
  },
  {
    name: 'npm with dev dependencies',
    repo: 'npm',
    golden: 'npm-with-dev',
    includeDev: true,
    compare: ['licenses'],
  },
  { name: 'pip requirements.txt', repo: 'pip', golden: 'pip', compare: [] },
  { name: 'pipenv Pipfile.lock', repo: 'pipenv', golden: 'pipenv', compare: [] },
  { name: 'nuget packages.lock.json', repo: 'nuget', golden: 'nuget', compare: ['relationship'] },
  {
    name: 'composer.lock + composer.json',
    repo: 'composer',
    golden: 'composer.lock',
    compare: ['licenses', 'relationship'],
  },
  { name: 'Cargo.lock + Cargo.toml', repo: 'cargo', golden: 'cargo.lock', compare: ['relationship'] },
];
// Not compared: gomod (go.mod/go.sum) and pom (pom.xml) — tidegate has no go.mod or pom.xml
// cataloger yet (Go is read from binaries, Java from archives); their goldens list no Packages.

function rows(pkgs: readonly (GoldenPackage | Package)[], compare: Case['compare']): Row[] {
  return sortRows(
    pkgs.map((p) => {
      const g = 'Name' in p;
      const r: Row = { name: g ? p.Name : p.name, version: g ? p.Version : p.version };
      if (compare.includes('licenses')) r.licenses = (g ? p.Licenses : p.licenses) ?? [];
      if (compare.includes('relationship')) r.relationship = (g ? p.Relationship : p.relationship) ?? '';
      return r;
    }),
  );
}

for (const c of cases) {
  test(`accuracy: trivy ${c.golden}: ${c.name}`, async () => {
    const cats: readonly Cataloger[] = c.includeDev
      ? configureCatalogers(catalogers, { includeDevDependencies: true })
      : catalogers;
    const { packages, issues } = await catalogLayers(
      [dirLayer(testdata('trivy/repo', c.repo), `repo/${c.repo}/`)],
      cats,
    );
    assert.deepEqual(issues, []);
    const ours = rows(packages, c.compare).filter((r) => !(key(r) in (c.extra ?? {})));
    const theirs = rows(golden(c.golden), c.compare).filter((r) => !(key(r) in (c.missing ?? {})));
    assert.deepEqual(ours, theirs);
    for (const k of Object.keys(c.extra ?? {}))
      assert.ok(
        packages.some((p) => `${p.name}@${p.version}` === k),
        `extra ${k} no longer reported`,
      );
  });
}
