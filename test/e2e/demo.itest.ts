import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';
import { runCli } from '../helpers/cli.js';
import { expectExit } from '../helpers/traits.js';

// The README's main job: the example image scanned offline against the example advisories.
// examples/README.md documents the expected table; this test holds the demo to it.
const want = [
  'CVE-2020-28500 lodash 4.17.15 medium 4.17.21 layer2',
  'CVE-2020-8203 lodash 4.17.15 high 4.17.20 layer2',
  'CVE-2021-23337 lodash 4.17.15 high 4.17.21 layer2',
  'CVE-2021-44906 minimist 1.2.5 critical 1.2.6 layer2',
  'CVE-2023-38545 curl 7.88.1-10+deb12u1 critical 7.88.1-10+deb12u4 layer1',
  'CVE-2023-38545 libcurl4 7.88.1-10+deb12u1 critical 7.88.1-10+deb12u4 layer1',
  'CVE-2023-38546 curl 7.88.1-10+deb12u1 low 7.88.1-10+deb12u4 layer1',
  'CVE-2023-38546 libcurl4 7.88.1-10+deb12u1 low 7.88.1-10+deb12u4 layer1',
  'CVE-2023-4863 libwebp7 1.2.4-0.2 high 1.2.4-0.2+deb12u1 layer1',
  'CVE-2023-4911 libc-bin 2.36-9+deb12u1 high 2.36-9+deb12u3 layer1',
  'CVE-2023-4911 libc6 2.36-9+deb12u1 high 2.36-9+deb12u3 layer1',
  'CVE-2023-5363 libssl3 3.0.11-1~deb12u1 high 3.0.11-1~deb12u2 layer1',
  'CVE-2023-5363 openssl 3.0.11-1~deb12u1 high 3.0.11-1~deb12u2 layer1',
];

test('demo: npm run demo prints the findings table and the FAIL verdict, and exits 0', () => {
  const r = spawnSync(process.execPath, [join(repoRoot(), 'examples', 'demo.mjs')], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /CRITICAL\s+CVE-2023-38545\s+curl/);
  assert.match(r.stdout, /Verdict: FAIL/);
});

test('demo: exactly the documented findings, the DSAs folded in as aliases', async () => {
  const r = await runCli([
    'scan',
    'docker-archive:examples/out/demo-image.tar',
    '--db',
    'examples/osv',
    '--format',
    'json',
  ]);
  expectExit(r, 1);
  const result = JSON.parse(r.stdout) as ScanResult;
  const got = result.findings
    .filter((f) => f.kind === 'vulnerability')
    .map(
      (f) =>
        `${f.ruleId} ${f.package?.name} ${f.package?.version} ${f.severity} ${f.fixedIn.join(',')} layer${(f.layer?.index ?? -1) + 1}`,
    )
    .sort();
  assert.deepEqual(got, want);
  assert.equal(result.packages.length, 24);
  // a non-root USER and a HEALTHCHECK, as the README says: the image checks find nothing
  assert.deepEqual(
    result.findings.filter((f) => f.kind !== 'vulnerability').map((f) => `${f.ruleId} ${f.severity}`),
    [],
  );
  assert.ok(result.findings.find((f) => f.package?.name === 'libc6')!.aliases.includes('DSA-5514-1'));
});
