import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { testdata } from '../testing/index.js';
import { catalogLayers } from '../testing/view.js';
import { pipRequirementsCataloger, parseRequirements } from './pip-requirements.js';
import { pipfileLock } from './pipfile-lock.js';
import { poetryLock } from './poetry-lock.js';
import { pythonInstalledCataloger } from './python-installed/index.js';
import { pep503 } from './python-installed/parse-metadata.js';
import { dirLayer, fixture, ids } from '../testing/catalog.js';

// Real metadata files: dist-info/METADATA written by pip 23 (metadata 2.4) for attrs, certifi
// and click; egg-info/PKG-INFO from Debian 12's python3-jwt and python3-cryptography; the
// single-file wsgiref.egg-info that CPython 2.7 installs.
const installedCases = [
  {
    name: 'dist-info METADATA: License-Expression, License and classifiers → SPDX',
    dir: 'site-packages',
    want: [
      ['attrs', '26.1.0', ['MIT']],
      ['certifi', '2026.5.20', ['MPL-2.0']],
      ['click', '8.4.0', ['BSD-3-Clause']],
    ],
  },
  {
    name: 'egg-info PKG-INFO directories (Debian python3-*), with and without a version in the name',
    dir: 'debian',
    want: [
      ['PyJWT', '2.6.0', ['MIT']],
      ['cryptography', '38.0.4', ['BSD-3-Clause OR Apache-2.0']],
    ],
  },
  { name: 'single-file .egg-info', dir: 'egg-file', want: [['wsgiref', '0.1.2', ['PSF or ZPL']]] },
];
for (const c of installedCases) {
  test(`python-installed: ${c.name}`, async () => {
    const { packages, issues } = await catalogLayers(
      [dirLayer(fixture('python-installed', c.dir))],
      [pythonInstalledCataloger],
    );
    assert.deepEqual(issues, []);
    const got = packages
      .map((p) => [p.name, p.version, p.licenses])
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    assert.deepEqual(got, c.want);
    for (const p of packages) assert.equal(p.ecosystem, 'PyPI');
  });
}

test('python-installed: purl names are PEP 503 normalised, the reported name is as declared', async () => {
  const { packages } = await catalogLayers(
    [dirLayer(fixture('python-installed', 'debian'))],
    [pythonInstalledCataloger],
  );
  const jwt = packages.find((p) => p.name === 'PyJWT')!;
  assert.equal(jwt.purl, 'pkg:pypi/pyjwt@2.6.0');
  assert.equal(pep503('Zope.Interface__x'), 'zope-interface-x');
});

const badMetadata = [
  {
    name: 'binary garbage',
    content: Buffer.concat([Buffer.from('Name: x\nVersion: 1\n'), Buffer.from([0, 0xff, 0xfe, 0x80])]),
    want: /not UTF-8 text/,
  },
  {
    name: 'no Version header',
    content: 'Metadata-Version: 2.1\nName: broken\n\nbody\n',
    want: /no Name or Version/,
  },
  { name: 'truncated to nothing', content: '', want: /no Name or Version/ },
];
for (const b of badMetadata) {
  test(`python-installed: ${b.name} is a warning naming the file and layer; the rest is read`, async () => {
    const { packages, issues } = await catalogLayers(
      [
        {
          ...dirLayer(fixture('python-installed', 'site-packages')),
          'usr/lib/py/broken-1.0.dist-info/METADATA': b.content,
        },
      ],
      [pythonInstalledCataloger],
    );
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, 'usr/lib/py/broken-1.0.dist-info/METADATA');
    assert.match(issues[0]!.layer!, /^sha256:/);
    assert.match(issues[0]!.message, b.want);
    assert.equal(packages.length, 3);
  });
}

test('pip-requirements: trivy repo/pip: only == pins, names as written', async () => {
  const txt = readFileSync(testdata('trivy/repo/pip/requirements.txt'));
  const { packages } = await catalogLayers([{ 'app/requirements.txt': txt }], [pipRequirementsCataloger]);
  assert.deepEqual(ids(packages), [
    'Flask@2.0.0',
    'Jinja2@3.0.0',
    'Werkzeug@0.11',
    'click@8.0.0',
    'itsdangerous@2.0.0',
    'oauth2-client@4.0.0',
    'python-gitlab@2.0.0',
  ]);
  assert.equal(packages.find((p) => p.name === 'Flask')!.purl, 'pkg:pypi/flask@2.0.0');
});

test('pip-requirements: extras, markers, comments, hashes and continuations', () => {
  const text = [
    '# comment',
    'requests[socks]==2.31.0 ; python_version >= "3.8"  # pinned',
    'urllib3==2.0.4 \\',
    '    --hash=sha256:abc',
    'idna>=3.4',
    '-r other.txt',
    '-e git+https://example.com/x.git#egg=x',
    'six===1.16.0',
    'wild==1.*',
  ].join('\n');
  assert.deepEqual(
    parseRequirements(text).map((r) => `${r.name}@${r.version}`),
    ['requests@2.31.0', 'urllib3@2.0.4', 'six@1.16.0'],
  );
});

test('pipfile-lock: trivy repo/pipenv: the default section', async () => {
  const lock = readFileSync(testdata('trivy/repo/pipenv/Pipfile.lock'));
  const { packages } = await catalogLayers([{ 'app/Pipfile.lock': lock }], [pipfileLock]);
  assert.deepEqual(ids(packages), ['werkzeug@0.11.1']);
});

test('pipfile-lock: develop only when configured', async () => {
  const lock = JSON.stringify({
    default: { a: { version: '==1.0' } },
    develop: { pytest: { version: '==7.0' }, e: { editable: true } },
  });
  const { packages } = await catalogLayers(
    [{ 'Pipfile.lock': lock }],
    [pipfileLock.configure!({ includeDevDependencies: true })],
  );
  assert.deepEqual(ids(packages), ['a@1.0', 'pytest@7.0']);
});

const poetryCases = [
  {
    name: 'Poetry 1.4 layout: category "dev" excluded',
    dir: 'v1',
    want: ['certifi@2023.7.22', 'requests@2.31.0'],
    dev: ['certifi@2023.7.22', 'pytest@7.4.0', 'requests@2.31.0'],
  },
  {
    name: 'Poetry 1.8 layout: no category, all runtime',
    dir: 'v2',
    want: ['Flask@2.3.2', 'werkzeug@2.3.6'],
    dev: ['Flask@2.3.2', 'werkzeug@2.3.6'],
  },
];
for (const c of poetryCases) {
  test(`poetry-lock: ${c.name}`, async () => {
    const layer = dirLayer(fixture('poetry-lock', c.dir));
    assert.deepEqual(ids((await catalogLayers([layer], [poetryLock])).packages), c.want);
    assert.deepEqual(
      ids((await catalogLayers([layer], [poetryLock.configure!({ includeDevDependencies: true })])).packages),
      c.dev,
    );
  });
}

const badLocks = [
  {
    name: 'poetry.lock with invalid TOML',
    path: 'poetry.lock',
    content: '[[package]\nname = "x"\n',
    c: poetryLock,
  },
  { name: 'Pipfile.lock truncated', path: 'Pipfile.lock', content: '{"default": {"a": ', c: pipfileLock },
  {
    name: 'requirements.txt binary',
    path: 'requirements.txt',
    content: Buffer.from([0x00, 0x01, 0xff]),
    c: pipRequirementsCataloger,
  },
];
for (const b of badLocks) {
  test(`${b.name}: a warning naming the file and layer`, async () => {
    const { packages, issues } = await catalogLayers([{ [`app/${b.path}`]: b.content }], [b.c]);
    assert.deepEqual(packages, []);
    assert.equal(issues.length, 1);
    assert.equal(issues[0]!.path, `app/${b.path}`);
    assert.match(issues[0]!.layer!, /^sha256:/);
  });
}
