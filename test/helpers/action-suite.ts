import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, beforeEach } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { runAction, type ActionRun, type Payload } from './action.js';
import { FakeGitHub } from './fake-github.js';
import { buildOciImage, toDockerArchive } from './images.js';

/** A recognisable fake workflow token (STYLE rule 18): tests search every output for it. */
export const TOKEN = 'ghs_tidegateActionTestToken0123456789XYZ';

/** The images the Action tests scan. */
export interface ActionImages {
  /** The demo image (examples/): fails the default policy (3 critical, 7 high). */
  demo: string;
  /** An image with an unreadable npm manifest: warns, tagged `test/app:3f2a9c1`. */
  warn: string;
  /** The same image tagged as the next commit's build would (`test/app:b7e41d0`). */
  retagged: string;
}

async function buildImages(work: string): Promise<ActionImages> {
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as { buildDemoImage(p: string): Promise<void> };
  const demo = join(work, 'demo.tar');
  await buildDemoImage(demo);
  // non-root, so the one thing to warn about is the unreadable manifest
  const oci = await buildOciImage(
    work,
    'warn-oci',
    [{ tree: { 'app/node_modules/broken/package.json': '{ "name": "broken", ' } }],
    { user: 'app' },
  );
  return {
    demo,
    warn: await toDockerArchive(oci, join(work, 'warn.tar'), 'test/app:3f2a9c1'),
    retagged: await toDockerArchive(oci, join(work, 'retagged.tar'), 'test/app:b7e41d0'),
  };
}

/** One test file's set-up: images, a fresh loopback GitHub per test, and a runner of the bundle. */
export interface ActionSuite {
  images: ActionImages;
  work: string;
  gh: FakeGitHub;
  /** Runs the bundled Action with the example OSV records and the fake token unless overridden. */
  run(inputs: Record<string, string>, payload?: Payload, more?: Record<string, unknown>): Promise<ActionRun>;
}

/** Registers the hooks that build the images and start a FakeGitHub per test. */
export function actionSuite(): ActionSuite {
  const suite = {} as ActionSuite;
  before(async () => {
    suite.work = await mkdtemp(join(tmpdir(), 'tidegate-action-e2e-'));
    suite.images = await buildImages(suite.work);
  });
  beforeEach(async () => {
    await suite.gh?.stop();
    suite.gh = await new FakeGitHub(TOKEN).start();
  });
  after(async () => {
    await suite.gh?.stop();
    await rm(suite.work, { recursive: true, force: true });
  });
  suite.run = (inputs, payload = 'pull_request-opened.payload', more = {}) =>
    runAction({
      inputs: { db: join(repoRoot(), 'examples', 'osv'), 'github-token': TOKEN, ...inputs },
      payload,
      eventName: payload.startsWith('push') ? 'push' : 'pull_request',
      apiUrl: suite.gh.url,
      ...more,
    });
  return suite;
}

/** The step's exit status, with its log when it is not the one wanted. */
export function expectStatus(r: ActionRun, code: number): void {
  assert.equal(r.code, code, `exit ${r.code}, wanted ${code}\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}

/** The `::error::` command lines the step printed. */
export function errorLines(r: ActionRun): string[] {
  return r.stdout.split('\n').filter((l) => l.startsWith('::error::'));
}
