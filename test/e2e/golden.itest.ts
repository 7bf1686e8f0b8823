import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { writeAppFixture } from '../helpers/app-image.js';
import { runCli } from '../helpers/cli.js';
import { expectGolden, redact, UPDATING } from '../helpers/golden.js';
import { expectExit, expectValid, type ValidKind } from '../helpers/traits.js';

// One image, every format (STYLE rule 23): the app fixture scanned with a policy file, a VEX
// document, a baseline (its base image, so the base-image split is detected) and the Dockerfile.
const POLICY = `version: 1
vulnerabilities:
  severity: { fail: high, warn: medium }
licenses:
  mode: warn
  deny: [GPL-3.0-only]
image:
  labels: { mode: warn, require: [org.opencontainers.image.source] }
  registries: { allow: ["ghcr.io/acme/*"] }
exceptions:
  - id: GHSA-35jh-r3h4-6jhm
    reason: "lodash template() never sees user input; ACME-42"
    expires: 2999-01-01
  - id: CVE-2000-0001
    package: zlib1g
    reason: an old risk acceptance
    expires: 2020-01-01
`;

const FORMATS: { format: string; file: string; golden: string; valid?: ValidKind }[] = [
  { format: 'json', file: 'tidegate.json', golden: 'app.json', valid: 'json' },
  { format: 'sarif', file: 'tidegate.sarif', golden: 'app.sarif', valid: 'sarif' },
  { format: 'junit', file: 'tidegate.junit.xml', golden: 'app.junit.xml', valid: 'junit' },
  { format: 'markdown', file: 'tidegate.md', golden: 'app.md' },
  { format: 'html', file: 'tidegate.html', golden: 'app.html' },
  { format: 'cyclonedx', file: 'tidegate.cdx.json', golden: 'app.cdx.json', valid: 'cyclonedx' },
  { format: 'spdx', file: 'tidegate.spdx.json', golden: 'app.spdx.json' },
  { format: 'table', file: 'tidegate.txt', golden: 'app.txt' },
];

let work: string;
let code: number;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-golden-'));
  await writeAppFixture(work);
  await writeFile(join(work, '.tidegate.yml'), POLICY);
  const base = await runCli(
    ['scan', 'docker-archive:base.tar', '--db', 'osv', '--format', 'json', '--output', 'base.json'],
    { cwd: work },
  );
  expectExit(base, 1);
  const args = [
    'scan',
    'docker-archive:app.tar',
    '--db',
    'osv',
    '--vex',
    'app.openvex.json',
    '--baseline',
    'base.json',
    '--dockerfile',
    'Dockerfile',
  ];
  const r = await runCli(
    [...args, '--format', FORMATS.map((f) => f.format).join(','), '--output-dir', 'reports'],
    { cwd: work },
  );
  code = r.code;
  assert.equal(r.stdout, '');
});
after(() => rm(work, { recursive: true, force: true }));

test('golden: the app image fails on the glibc advisory (exit 1)', () => {
  assert.equal(code, 1);
});

for (const f of FORMATS) {
  test(`golden: ${f.golden} matches (${UPDATING ? 'updating' : 'comparing'}) and is valid`, async () => {
    const text = await readFile(join(work, 'reports', f.file), 'utf8');
    if (f.valid) expectValid(text, f.valid);
    await expectGolden(f.golden, redact(text, work));
  });
}

test('golden: updating refuses per-test overrides', async () => {
  if (!UPDATING) return;
  await assert.rejects(
    expectGolden('app.json', '{}', { override: (g) => g }),
    /overrides are refused while updating/,
  );
});
