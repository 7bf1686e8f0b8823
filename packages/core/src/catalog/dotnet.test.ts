import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { dotnetDepsCataloger } from './dotnet-deps.js';
import { nugetLockCataloger } from './nuget-lock.js';

test('dotnet-deps: trivy datacollector.deps.json: the package library, not the project one', async () => {
  const deps = readFileSync(testdata('trivy/analyzer/datacollector.deps.json'));
  const { packages, issues } = await catalogLayers(
    [{ 'app/datacollector.deps.json': deps }],
    [dotnetDepsCataloger],
  );
  assert.deepEqual(issues, []);
  assert.deepEqual(
    packages.map((p) => [p.name, p.version, p.ecosystem, p.purl]),
    [['Newtonsoft.Json', '9.0.1', 'NuGet', 'pkg:nuget/Newtonsoft.Json@9.0.1']],
  );
});

test('nuget-lock: trivy repo/nuget: resolved versions, Direct → direct', async () => {
  const lock = readFileSync(testdata('trivy/repo/nuget/packages.lock.json'));
  const { packages } = await catalogLayers([{ 'src/packages.lock.json': lock }], [nugetLockCataloger]);
  assert.deepEqual(
    packages.map((p) => [p.name, p.version, p.relationship]),
    [
      ['Newtonsoft.Json', '12.0.3', 'direct'],
      ['NuGet.Frameworks', '5.7.0', 'direct'],
    ],
  );
});

test('nuget-lock: one package per name and version across frameworks; project references skipped', async () => {
  const lock = JSON.stringify({
    version: 1,
    dependencies: {
      'net6.0': { A: { type: 'Transitive', resolved: '1.0.0' }, Lib: { type: 'Project' } },
      'net8.0': { A: { type: 'Direct', resolved: '1.0.0' } },
    },
  });
  const { packages } = await catalogLayers([{ 'packages.lock.json': lock }], [nugetLockCataloger]);
  assert.deepEqual(
    packages.map((p) => [p.name, p.relationship]),
    [['A', 'direct']],
  );
});

test('dotnet: corrupt files are warnings naming the file and layer', async () => {
  const { issues } = await catalogLayers(
    [{ 'a/x.deps.json': '{"libraries": ', 'b/packages.lock.json': '[]' }],
    [dotnetDepsCataloger, nugetLockCataloger],
  );
  assert.deepEqual(issues.map((i) => i.path).sort(), ['a/x.deps.json', 'b/packages.lock.json']);
});
