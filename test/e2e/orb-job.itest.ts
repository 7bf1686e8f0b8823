import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach, test } from 'node:test';
import type { VerdictFile } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';
import YAML from 'yaml';
import { jobSteps, runJob, type JobRun } from '../helpers/circleci.js';
import { FakeGitHub } from '../helpers/fake-github.js';
import { loadOrbPack } from '../helpers/orb.js';
import {
  refusedUrl,
  startStaticServer,
  writeExampleMirror,
  type StaticServer,
} from '../helpers/osv-mirror.js';
import { expectValid } from '../helpers/traits.js';

// The packed orb's scan job, run the way CircleCI runs it (test/helpers/circleci.ts): every run
// step under /bin/bash -eo pipefail with a shared BASH_ENV, store_* after a failed step, the
// cache between jobs. The done-when cases of issue 14.

const TOKEN = 'ghs_orbJobTestToken0123456789abcdefXYZ';
const bundle = join(repoRoot(), 'packages', 'cli', 'dist', 'tidegate.mjs');
let orb: Record<string, unknown>;
/** The orb as a release packs it, pinned to this build's bundle (or to a wrong SHA-256). */
let wrongPin: Record<string, unknown>;
let work: string;
let demo: string;
let sha: string;
let mirror: StaticServer;
let gh: FakeGitHub;
let n = 0;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-orb-job-'));
  sha = createHash('sha256')
    .update(await readFile(bundle))
    .digest('hex');
  const pack = await loadOrbPack();
  const pins = { version: '0.1.0', bundleSha256: sha, npmIntegrity: 'sha512-AAAA' };
  orb = YAML.parse(await pack.packOrb(undefined, () => {}, pins)) as Record<string, unknown>;
  wrongPin = YAML.parse(
    await pack.packOrb(undefined, () => {}, { ...pins, bundleSha256: 'f'.repeat(64) }),
  ) as Record<string, unknown>;
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as {
    buildDemoImage(p: string): Promise<void>;
  };
  demo = join(work, 'images', 'demo.tar');
  await mkdir(join(work, 'images'));
  await buildDemoImage(demo);
  mirror = await startStaticServer(await writeExampleMirror(join(work, 'mirror')));
});
beforeEach(async () => {
  await gh?.stop();
  gh = await new FakeGitHub(TOKEN).start();
});
after(async () => {
  await gh?.stop();
  await mirror.close();
  await rm(work, { recursive: true, force: true });
});

/** One job of the packed orb in a fresh working directory and home, on a pull request build of o/r#7. */
async function scanJob(
  params: Record<string, unknown>,
  env: Record<string, string> = {},
  cacheStore?: string,
  packed = orb,
) {
  const dir = join(work, `job-${++n}`);
  const run = await runJob({
    orb: packed,
    steps: jobSteps(packed, 'scan', {
      checkout: false,
      version: '0.1.0',
      bundle_url: bundle,
      db_source: mirror.url,
      github_api_url: gh.url,
      ...params,
    }),
    workdir: join(dir, 'project'),
    home: join(dir, 'home'),
    cacheStore: cacheStore ?? join(dir, 'cache'),
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      CIRCLECI: 'true',
      CI: 'true',
      CIRCLE_PROJECT_USERNAME: 'o',
      CIRCLE_PROJECT_REPONAME: 'r',
      CIRCLE_PULL_REQUEST: 'https://github.com/o/r/pull/7',
      CIRCLE_SHA1: '0123456789abcdef0123456789abcdef01234567',
      GITHUB_TOKEN: TOKEN,
      IMAGES: join(work, 'images'),
      TIDEGATE_KEV_URL: '',
      TIDEGATE_ENRICHMENT: 'false',
      ...env,
    },
  });
  return { run, dir };
}

function step(run: JobRun, name: RegExp) {
  const s = run.steps.find((x) => name.test(x.name));
  assert.ok(s, `no step ${name}: ${run.steps.map((x) => x.name).join(', ')}`);
  return s;
}

function lastLine(s: string): string {
  return s.trimEnd().split('\n').at(-1) ?? '';
}

test('orb scan job, failing image: reports and JUnit stored, comment posted, the job fails with the verdict line', async () => {
  const { run } = await scanJob({ image: 'docker-archive:$IMAGES/demo.tar' });
  assert.equal(run.failed, true);
  const scan = step(run, /^Scan and gate/);
  assert.equal(scan.code, 1, run.log);
  assert.equal(lastLine(scan.output), 'tidegate: FAIL example-app:1.0: 10 vulnerabilities at or above high');
  const art = step(run, /^Store the tidegate reports/);
  assert.equal(art.status, 'success');
  const files = run.artifacts[0]!.files;
  for (const f of [
    'tidegate.json',
    'tidegate.junit.xml',
    'tidegate.sarif',
    'tidegate.html',
    'tidegate-verdict.json',
  ])
    assert.ok(files.includes(f), `${f} stored: ${files.join(', ')}`);
  assert.equal(run.testResults[0]!.files.length, 1);
  expectValid(await readFile(run.testResults[0]!.files[0]!, 'utf8'), 'junit');
  const ours = gh.comments.get(7) ?? [];
  assert.equal(ours.length, 1);
  assert.match(ours[0]!.body, /^<!-- tidegate:example-app -->\n### ❌ tidegate: FAIL/);
  assert.equal(
    step(run, /^Save the vulnerability DB/).status,
    'success',
    'the DB is cached even though the gate failed',
  );
  assert.deepEqual(
    mirror.log
      .filter((l) => l.path.endsWith('.zip'))
      .map((l) => l.path)
      .sort()
      .slice(-2),
    ['/Debian/all.zip', '/npm/all.zip'],
  );
  assert.ok(!run.log.includes(TOKEN));
});

test('orb scan job, an image that cannot be read: the same, exit 2 and a one-line reason', async () => {
  const { run } = await scanJob({ image: 'docker-archive:$IMAGES/missing.tar' });
  assert.equal(run.failed, true);
  const scan = step(run, /^Scan and gate/);
  assert.equal(scan.code, 2, run.log);
  const line = lastLine(scan.output);
  assert.match(line, /^tidegate: error: .*missing\.tar: no such file or directory/);
  assert.equal(scan.output.split('\n').filter((l) => l.startsWith('tidegate: error:')).length, 1);
  const dir = run.artifacts[0]!.path;
  const v = JSON.parse(await readFile(join(dir, 'tidegate-verdict.json'), 'utf8')) as VerdictFile;
  assert.deepEqual([v.status, v.exitCode, v.line], ['error', 2, line]);
  const junit = await readFile(run.testResults[0]!.files[0]!, 'utf8');
  expectValid(junit, 'junit');
  assert.match(junit, /<error type="tidegate.error"/);
  assert.match((gh.comments.get(7) ?? [])[0]?.body ?? '', /tidegate: ERROR for/);
});

test('orb scan job, passing image: the job passes; a comment API 404 is only a warning', async () => {
  gh.faults.push(...Array.from({ length: 4 }, () => ({ status: 404, echoHeaders: true, path: '/comments' })));
  const { run } = await scanJob({ image: `docker-archive:${demo}`, fail_on: 'none' });
  assert.equal(run.failed, false, run.log);
  assert.match(run.log, /warning: the pull request comment failed: GitHub GET \S+ failed with HTTP 404/);
  assert.equal(lastLine(step(run, /^Scan and gate/).output), 'tidegate: PASS example-app:1.0');
  assert.ok(!run.log.includes(TOKEN.slice(4, 24)), 'the token is in the log');
});

test('orb scan job, a warm second job: the DB comes from the CircleCI cache; no network needed', async () => {
  const store = join(work, 'shared-cache');
  const first = await scanJob({ image: `docker-archive:${demo}`, fail_on: 'none' }, {}, store);
  assert.equal(first.run.failed, false, first.run.log);
  const second = await scanJob(
    { image: `docker-archive:${demo}`, fail_on: 'none', db_source: await refusedUrl() },
    {},
    store,
  );
  assert.equal(second.run.failed, false, second.run.log);
  assert.match(step(second.run, /^Restore the vulnerability DB/).output, /^restored tidegate-db-v2-/);
  assert.match(second.run.log, /scanning with the cached DB/);
  assert.match(step(second.run, /^Restore the tidegate CLI/).output, /^restored tidegate-cli-v2-/);
  assert.match(second.run.log, /reusing tidegate 0\.1\.0/);
});

test('orb install: a bundle whose SHA-256 is not the pinned one is refused; nothing else runs', async () => {
  const { run } = await scanJob({ image: `docker-archive:${demo}` }, {}, undefined, wrongPin);
  const install = step(run, /^Install the tidegate CLI/);
  assert.equal(install.code, 2);
  assert.match(install.output, new RegExp(`has SHA-256 ${sha}, not the pinned f{64}: refused`));
  assert.equal(step(run, /^Scan and gate/).status, 'skipped');
});
