import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { writeOciLayout } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { buildOciImage, toDockerArchive } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { expectExit, expectNoWritesOutside, expectOneLineError, listTree } from '../helpers/traits.js';

let work: string;
let oci: string;
let archive: string;
let db: string;

const status = [
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u1\n',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n',
].join('\n');

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-e2e-'));
  oci = await buildOciImage(work, 'app-oci', [
    {
      history: 'ADD debian-base /',
      tree: {
        'usr/lib/os-release': 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
        'etc/os-release': { symlink: '../usr/lib/os-release' },
        'var/lib/dpkg/status': status,
        'var/lib/dpkg/info/libc6:amd64.list': '/.\n/lib/x86_64-linux-gnu/libc.so.6\n',
      },
    },
    {
      history: 'COPY node_modules /app/node_modules',
      tree: {
        'app/node_modules/lodash/package.json': JSON.stringify({
          name: 'lodash',
          version: '4.17.15',
          license: 'MIT',
        }),
        'app/node_modules/minimist/package.json': JSON.stringify({
          name: 'minimist',
          version: '1.2.6',
          license: 'MIT',
        }),
        'app/node_modules/removed/package.json': JSON.stringify({ name: 'removed', version: '1.0.0' }),
      },
    },
    { history: 'RUN rm -rf /app/node_modules/removed', remove: ['app/node_modules/removed'] },
  ]);
  archive = await toDockerArchive(oci, join(work, 'app.tar'));
  db = await writeOsvDir(join(work, 'osv'), [
    osvRecord('DSA-5514-1', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }], {
      upstream: ['CVE-2023-4911'],
      summary: 'glibc - security update',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    osvRecord('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      database_specific: { severity: 'HIGH' },
    }),
    osvRecord('GHSA-xvch-5gv4-984h', 'npm', 'minimist', [{ introduced: '1.0.0' }, { fixed: '1.2.6' }], {
      aliases: ['CVE-2021-44906'],
    }),
    osvRecord('GHSA-removed', 'npm', 'removed', [{ introduced: '0' }]),
  ]);
});
after(() => rm(work, { recursive: true, force: true }));

const wantFindings = [
  'CVE-2021-23337 lodash 4.17.15 high 4.17.21 layer2',
  'CVE-2023-4911 libc6 2.36-9+deb12u1 high 2.36-9+deb12u3 layer1',
];

// image checks (root user, no HEALTHCHECK) are asserted in checks.itest.ts
function summarise(r: ScanResult): string[] {
  return r.findings
    .filter((f) => f.kind === 'vulnerability')
    .map(
      (f) =>
        `${f.ruleId} ${f.package?.name} ${f.package?.version} ${f.severity} ${f.fixedIn.join(',')} layer${(f.layer?.index ?? -1) + 1}`,
    )
    .sort();
}

for (const kind of ['oci', 'docker-archive'] as const) {
  test(`scan ${kind}: exact findings, layer attribution, deleted packages gone, exit 1 on high`, async () => {
    const ref = kind === 'oci' ? `oci:${oci}:latest` : `docker-archive:${archive}`;
    const r = await runCli(['scan', ref, '--db', db, '--format', 'json']);
    expectExit(r, 1);
    const result = JSON.parse(r.stdout) as ScanResult;
    assert.deepEqual(summarise(result), wantFindings);
    assert.deepEqual(result.packages.map((p) => p.name).sort(), ['libc6', 'lodash', 'minimist', 'zlib1g']);
    const lodash = result.findings.find((f) => f.package?.name === 'lodash')!;
    assert.equal(lodash.layer?.createdBy, 'COPY node_modules /app/node_modules');
    assert.deepEqual(lodash.aliases, ['GHSA-35jh-r3h4-6jhm']);
    assert.equal(result.verdict.status, 'fail');
    assert.equal(result.image.source, kind);
  });
}

test('scan: the table shows every finding and the verdict last', async () => {
  const r = await runCli(['scan', `oci:${oci}:latest`, '--db', db]);
  expectExit(r, 1);
  assert.match(r.stdout, /HIGH\s+CVE-2021-23337\s+lodash\s+4\.17\.15\s+4\.17\.21/);
  assert.match(r.stdout, /HIGH\s+CVE-2023-4911\s+libc6/);
  assert.match(
    r.stdout,
    /Verdict: FAIL — fail: 2 vulnerabilities at or above high; warn: 1 misconfiguration at or above high\n$/,
  );
  assert.ok(!r.stdout.includes('\x1b['), 'no colours when stdout is not a terminal');
});

const gateCases = [
  { name: '--fail-on critical passes a high-only image', args: ['--fail-on', 'critical'], env: {}, code: 0 },
  {
    name: 'TIDEGATE_FAIL_ON is read when the flag is absent',
    args: [],
    env: { TIDEGATE_FAIL_ON: 'critical' },
    code: 0,
  },
  {
    name: 'the flag wins over TIDEGATE_FAIL_ON',
    args: ['--fail-on', 'high'],
    env: { TIDEGATE_FAIL_ON: 'critical' },
    code: 1,
  },
  {
    name: 'TIDEGATE_DB supplies the DB',
    args: ['--fail-on', 'none'],
    env: { TIDEGATE_DB: 'DB' },
    code: 0,
    noDb: true,
  },
];
for (const c of gateCases) {
  test(`gate: ${c.name}`, async () => {
    const env = Object.fromEntries(Object.entries(c.env).map(([k, v]) => [k, v === 'DB' ? db : v]));
    const args = [
      'scan',
      `oci:${oci}:latest`,
      ...(c.noDb ? [] : ['--db', db]),
      '--format',
      'json',
      ...c.args,
    ];
    expectExit(await runCli(args, { env }), c.code);
  });
}

test('scan: --output-dir writes one report per format, atomically, and nothing else', async () => {
  const out = join(work, 'reports');
  await mkdir(join(work, 'tmp'), { recursive: true });
  const before = await listTree(work);
  const r = await runCli(
    ['scan', `oci:${oci}:latest`, '--db', db, '--format', 'json,table', '--output-dir', out],
    { env: { TMPDIR: join(work, 'tmp') } },
  );
  expectExit(r, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^tidegate: FAIL oci:.*: 2 vulnerabilities at or above high/m);
  await expectNoWritesOutside(work, before, ['reports/tidegate.json', 'reports/tidegate.txt']);
  const json = JSON.parse(await readFile(join(out, 'tidegate.json'), 'utf8')) as ScanResult;
  assert.equal(json.schemaVersion, 1);
});

const errorCases: { name: string; args: () => Promise<string[]>; want: RegExp }[] = [
  {
    name: 'a missing image file',
    args: async () => ['scan', join(work, 'missing.tar'), '--db', db],
    want: /no such file or directory: .*missing\.tar/,
  },
  {
    name: 'a tar that is not an image',
    args: async () => {
      const p = join(work, 'not-image.tar');
      await writeFile(p, Buffer.alloc(1024));
      return ['scan', `docker-archive:${p}`, '--db', db];
    },
    want: /not-image\.tar: not a container image/,
  },
  {
    name: 'an OSV record that is not valid',
    args: async () => {
      const bad = join(work, 'bad-osv');
      await writeOsvDir(bad, [
        {
          id: 'X-1',
          modified: '2024-01-01T00:00:00Z',
          affected: [
            {
              package: { ecosystem: 'npm', name: 'x' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0', fixed: '1' }] }],
            },
          ],
        },
      ]);
      return ['scan', `oci:${oci}:latest`, '--db', bad];
    },
    want: /X-1\.json: not a valid OSV record: affected\[0\]\.ranges\[0\]\.events: each event must have exactly one key/,
  },
  {
    name: 'a missing DB',
    args: async () => ['scan', `oci:${oci}:latest`, '--db', join(work, 'nodb')],
    want: /vulnerability DB not found/,
  },
  { name: 'no DB at all', args: async () => ['scan', `oci:${oci}:latest`], want: /no vulnerability DB/ },
  {
    name: 'an unknown flag',
    args: async () => ['scan', '--frobnicate', 'x'],
    want: /unknown flag: --frobnicate/,
  },
  {
    name: 'a bad severity',
    args: async () => ['scan', `oci:${oci}:latest`, '--db', db, '--fail-on', 'severe'],
    want: /invalid value 'severe' for --fail-on/,
  },
  { name: 'an unknown command', args: async () => ['scna'], want: /unknown command: scna/ },
  {
    name: 'a temporary directory that cannot be created',
    args: async () => [
      'scan',
      `oci:${oci}:latest`,
      '--db',
      db,
      '--work-dir',
      join(work, 'no', 'such', 'dir'),
    ],
    want: /cannot create a temporary directory in .*no\/such\/dir/,
  },
];
for (const c of errorCases) {
  test(`exit 2 with one line naming the problem: ${c.name}`, async () => {
    const r = await runCli(await c.args());
    expectExit(r, 2);
    expectOneLineError(r, c.want);
    assert.equal(r.stdout, '');
  });
}

test('exit 2 and names the layer when a layer is neither gzip nor tar', async () => {
  const dir = join(work, 'junk-layer');
  await writeOciLayout(dir, { layers: [Buffer.from('garbage, not a tar'.repeat(100))], gzip: false });
  const r = await runCli(['scan', `oci:${dir}`, '--db', db]);
  expectExit(r, 2);
  expectOneLineError(r, /layer sha256:[0-9a-f]{12}: layer is neither gzip, zstd nor a tar archive/);
});

test('sbom: tidegate sbom writes SPDX listing every package, and scan --sbom writes one beside the report', async () => {
  const out = join(work, 'app.spdx.json');
  const r = await runCli(['sbom', `oci:${oci}:latest`, '--format', 'spdx', '--output', out]);
  expectExit(r, 0);
  const doc = JSON.parse(await readFile(out, 'utf8')) as { packages: { SPDXID: string; name: string }[] };
  const names = doc.packages.filter((p) => p.SPDXID !== 'SPDXRef-Image').map((p) => p.name);
  assert.deepEqual(names.sort(), ['libc6', 'lodash', 'minimist', 'zlib1g']);
  const withScan = join(work, 'scan.spdx.json');
  expectExit(
    await runCli(['scan', `oci:${oci}:latest`, '--db', db, '--format', 'json', '--sbom', withScan]),
    1,
  );
  assert.equal(JSON.parse(await readFile(withScan, 'utf8')).spdxVersion, 'SPDX-2.3');
});
