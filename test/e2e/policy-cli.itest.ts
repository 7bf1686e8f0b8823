import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { writeAppFixture, type AppFixture } from '../helpers/app-image.js';
import { runCli } from '../helpers/cli.js';
import {
  expectExit,
  expectNoWritesOutside,
  expectOneLineError,
  expectValid,
  listTree,
} from '../helpers/traits.js';

let work: string;
let fx: AppFixture;
let baseline: string;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-policy-'));
  fx = await writeAppFixture(join(work, 'fx'));
  baseline = join(work, 'fx', 'base.json');
  expectExit(
    await runCli([
      'scan',
      `docker-archive:${fx.baseArchive}`,
      '--db',
      fx.db,
      '--format',
      'json',
      '--output',
      baseline,
    ]),
    1,
  );
});
after(() => rm(work, { recursive: true, force: true }));

const scanArgs = () => ['scan', `docker-archive:${fx.appArchive}`, '--db', fx.db];

async function scanJson(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string } = {},
): Promise<{ code: number; result: ScanResult }> {
  const r = await runCli([...scanArgs(), '--format', 'json', ...args], opts);
  assert.ok(r.code === 0 || r.code === 1, r.stderr);
  return { code: r.code, result: JSON.parse(r.stdout) as ScanResult };
}

async function policyFile(name: string, yaml: string): Promise<string> {
  const p = join(work, name);
  await writeFile(p, yaml);
  return p;
}

const invalid: { name: string; yaml: string; want: RegExp }[] = [
  {
    name: 'an unknown key',
    yaml: 'version: 1\nvulnerabilities:\n  sevrity:\n    fail: high\n',
    want: /bad\.yml:3: field vulnerabilities\.sevrity: unknown key 'sevrity' \(allowed: severity, ignore-unfixed/,
  },
  {
    name: 'a wrong type',
    yaml: 'version: 1\nimage:\n  max-age:\n    days: ninety\n',
    want: /bad\.yml:4: field image\.max-age\.days: must be an integer/,
  },
  {
    name: 'a bad date',
    yaml: 'exceptions:\n  - id: CVE-1\n    reason: r\n    expires: 31/01/2030\n',
    want: /bad\.yml:4: field exceptions\[0\]\.expires: invalid date '31\/01\/2030' \(use YYYY-MM-DD\)/,
  },
  {
    name: 'an unknown severity',
    yaml: 'vulnerabilities:\n  severity:\n    fail: severe\n',
    want: /bad\.yml:3: field vulnerabilities\.severity\.fail: invalid value 'severe'/,
  },
];
for (const c of invalid) {
  test(`policy: exit 2 with file, line and field for ${c.name}, in scan and in policy validate`, async () => {
    const p = await policyFile('bad.yml', c.yaml);
    for (const args of [
      [...scanArgs(), '--policy', p],
      ['policy', 'validate', p],
    ]) {
      const r = await runCli(args);
      expectExit(r, 2);
      expectOneLineError(r, c.want);
      assert.equal(r.stdout, '');
    }
  });
}

test('policy: a missing policy file is exit 2 naming it', async () => {
  const r = await runCli([...scanArgs(), '--policy', 'nope.yml']);
  expectExit(r, 2);
  expectOneLineError(r, /policy file not found: nope\.yml/);
});

test('policy init writes a starter that validates, refuses to overwrite, and scan picks .tidegate.yml up', async () => {
  const dir = join(work, 'init');
  await mkdir(dir);
  expectExit(await runCli(['policy', 'init'], { cwd: dir }), 0);
  const again = await runCli(['policy', 'init'], { cwd: dir });
  expectExit(again, 2);
  expectOneLineError(again, /\.tidegate\.yml exists already; pass --force/);
  const v = await runCli(['policy', 'validate', '.tidegate.yml'], { cwd: dir });
  expectExit(v, 0);
  assert.equal(v.stdout, '.tidegate.yml: valid\n');
  await writeFile(join(dir, '.tidegate.yml'), 'vulnerabilities:\n  severity:\n    fail: none\n');
  const { code } = await scanJson([], { cwd: dir });
  assert.equal(code, 0, 'the file in the working directory turned the severity rule off');
});

const precedence: {
  name: string;
  file: string;
  env: Record<string, string>;
  flags: string[];
  code: number;
  origin: string;
}[] = [
  {
    name: 'the policy file over the default',
    file: 'none',
    env: {},
    flags: [],
    code: 0,
    origin: 'policy file',
  },
  {
    name: 'TIDEGATE_FAIL_ON over the policy file',
    file: 'none',
    env: { TIDEGATE_FAIL_ON: 'high' },
    flags: [],
    code: 1,
    origin: 'TIDEGATE_FAIL_ON',
  },
  {
    name: '--fail-on over TIDEGATE_FAIL_ON',
    file: 'high',
    env: { TIDEGATE_FAIL_ON: 'high' },
    flags: ['--fail-on', 'none'],
    code: 0,
    origin: '--fail-on',
  },
];
for (const c of precedence) {
  test(`precedence: ${c.name}`, async () => {
    const p = await policyFile('prec.yml', `vulnerabilities:\n  severity:\n    fail: ${c.file}\n`);
    const { code } = await scanJson(['--policy', p, ...c.flags], { env: c.env });
    assert.equal(code, c.code);
    const explain = await runCli(['policy', 'explain', '--policy', p, ...c.flags], { env: c.env });
    expectExit(explain, 0);
    assert.match(explain.stdout, new RegExp(`^vulnerabilities(:| at or above)[^[]*\\[${c.origin}`, 'm'));
  });
}

test('VEX: not_affected suppresses with its justification shown; a comma list and a repeated flag both work', async () => {
  for (const args of [
    ['--vex', fx.vex],
    ['--vex', `${fx.vex},${fx.vex}`],
    ['--vex', fx.vex, '--vex', fx.vex],
  ]) {
    const { result } = await scanJson(args);
    const minimist = result.findings.find((f) => f.package?.name === 'minimist')!;
    assert.deepEqual(minimist.suppressed?.by, `vex (${fx.vex}, OpenVEX)`);
    assert.match(
      minimist.suppressed!.reason,
      /^not_affected: vulnerable_code_not_in_execute_path: minimist only parses/,
    );
  }
});

test('VEX: an invalid document is exit 2 naming the file and field', async () => {
  const bad = join(work, 'bad.vex.json');
  await writeFile(
    bad,
    JSON.stringify({
      '@context': 'https://openvex.dev/ns/v0.2.0',
      statements: [{ vulnerability: { name: 'X' }, status: 'maybe' }],
    }),
  );
  const r = await runCli([...scanArgs(), '--vex', bad]);
  expectExit(r, 2);
  expectOneLineError(
    r,
    /bad\.vex\.json: field statements\[0\]\.status: 'statements\[0\]\.status' must be one of not_affected/,
  );
});

test('exceptions: a live one suppresses with its reason; an expired one stops applying and warns', async () => {
  const p = await policyFile(
    'exc.yml',
    'exceptions:\n  - id: CVE-2021-23337\n    reason: never called with user input\n    expires: 2999-01-01\n  - id: DSA-5514-1\n    reason: old\n    expires: 2020-01-01\n',
  );
  const { code, result } = await scanJson(['--policy', p]);
  assert.equal(code, 1, 'the expired exception no longer hides the glibc finding');
  assert.deepEqual(result.findings.find((f) => f.package?.name === 'lodash')!.suppressed, {
    by: `exception (${p} line 2)`,
    reason: 'never called with user input',
    expires: '2999-01-01',
  });
  const expired = result.verdict.reasons.find((r) => r.rule === 'exceptions')!;
  assert.equal(expired.status, 'warn');
  assert.match(expired.message, /expired on 2020-01-01 and no longer applies \(1 finding\): old/);
});

test('baseline: introduced / unchanged / fixed by stable id, base layers detected from the baseline', async () => {
  const { result } = await scanJson(['--baseline', baseline]);
  const glibc = result.findings.find((f) => f.package?.name === 'libc6')!;
  assert.ok(result.baseline!.unchanged.includes(glibc.id));
  // every vulnerability but glibc's is new; the image checks' findings (root user, no
  // HEALTHCHECK) hold for the base image too, so they are unchanged
  const vulns = result.findings.filter((f) => f.kind === 'vulnerability');
  assert.deepEqual(
    [...result.baseline!.introduced].sort(),
    vulns
      .filter((f) => f !== glibc)
      .map((f) => f.id)
      .sort(),
  );
  for (const f of result.findings.filter((f) => f.kind !== 'vulnerability'))
    assert.ok(result.baseline!.unchanged.includes(f.id), f.ruleId);
  assert.deepEqual(result.baseImage, { layers: 1, how: 'baseline' });
});

test('baseline: --fail-on-new-only passes what the baseline already had and fails what the change added', async () => {
  const previous = join(work, 'app-previous.json');
  await runCli([...scanArgs(), '--format', 'json', '--output', previous]);
  const onlyOld = await scanJson(['--baseline', previous, '--fail-on-new-only']);
  assert.equal(onlyOld.code, 0, JSON.stringify(onlyOld.result.verdict.reasons));
  assert.equal(onlyOld.result.baseImage, undefined, 'the same image is no base-image split');
  const withNew = await scanJson(['--baseline', baseline, '--fail-on-new-only']);
  assert.equal(withNew.code, 1);
  assert.ok(
    withNew.result.verdict.reasons[0]!.findingIds.every((id) =>
      withNew.result.baseline!.introduced.includes(id),
    ),
  );
});

test('baseline: --fail-on-new-only without --baseline is exit 2', async () => {
  const r = await runCli([...scanArgs(), '--fail-on-new-only']);
  expectExit(r, 2);
  expectOneLineError(r, /--fail-on-new-only needs --baseline/);
});

test('--base-image-layers splits findings; more layers than the image has is exit 2', async () => {
  const { result } = await scanJson(['--base-image-layers', '2']);
  assert.deepEqual(result.baseImage, { layers: 2, how: 'flag' });
  const r = await runCli([...scanArgs(), '--base-image-layers', '9']);
  expectExit(r, 2);
  expectOneLineError(r, /--base-image-layers 9 is more than the image's 3 layers/);
});

test('--format sarif --output FILE writes one valid SARIF pointing at the Dockerfile', async () => {
  const out = join(work, 'one', 'report.sarif');
  const r = await runCli([
    ...scanArgs(),
    '--format',
    'sarif',
    '--output',
    out,
    '--dockerfile',
    fx.dockerfile,
  ]);
  expectExit(r, 1);
  const text = await readFile(out, 'utf8');
  expectValid(text, 'sarif');
  const log = JSON.parse(text) as {
    runs: {
      results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
    }[];
  };
  const line = (id: string) =>
    log.runs[0]!.results.find((x) => x.ruleId === id)!.locations[0]!.physicalLocation.region.startLine;
  assert.equal(line('CVE-2021-23337'), 3, 'COPY node_modules is line 3');
  assert.equal(
    line('CVE-2023-4911'),
    1,
    'base-image findings (glibc, DSA-5514-1 folded into its CVE) point at FROM',
  );
});

test('--format sarif,junit,json,markdown,html,cyclonedx --output-dir writes each, valid, and nothing else', async () => {
  const before = await listTree(work);
  const r = await runCli([
    ...scanArgs(),
    '--format',
    'sarif,junit,json,markdown,html,cyclonedx',
    '--output-dir',
    join(work, 'reports'),
  ]);
  expectExit(r, 1);
  const files = [
    'tidegate.sarif',
    'tidegate.junit.xml',
    'tidegate.json',
    'tidegate.md',
    'tidegate.html',
    'tidegate.cdx.json',
  ];
  await expectNoWritesOutside(
    work,
    before,
    files.map((f) => `reports/${f}`),
  );
  const read = (f: string) => readFile(join(work, 'reports', f), 'utf8');
  expectValid(await read('tidegate.sarif'), 'sarif');
  expectValid(await read('tidegate.junit.xml'), 'junit');
  expectValid(await read('tidegate.json'), 'json');
  expectValid(await read('tidegate.cdx.json'), 'cyclonedx');
  assert.ok((await read('tidegate.md')).length < 65_000);
});

test('several formats to stdout is exit 2', async () => {
  const r = await runCli([...scanArgs(), '--format', 'json,sarif']);
  expectExit(r, 2);
  expectOneLineError(r, /--output takes one format; use --output-dir for several/);
});

test('baseline: --baseline IMAGE scans that image and compares the same way as its report', async () => {
  const fromReport = (await scanJson(['--baseline', baseline])).result;
  const fromImage = (await scanJson(['--baseline', `docker-archive:${fx.baseArchive}`])).result;
  assert.deepEqual(fromImage.baseline!.introduced, fromReport.baseline!.introduced);
  assert.deepEqual(fromImage.baseline!.unchanged, fromReport.baseline!.unchanged);
  assert.deepEqual(fromImage.baseImage, { layers: 1, how: 'baseline' });
  assert.equal(fromImage.baseline!.source, `docker-archive:${fx.baseArchive}`);
});
