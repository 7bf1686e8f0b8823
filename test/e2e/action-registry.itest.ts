import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { runAction, type ActionRun } from '../helpers/action.js';
import { pushImage, startRegistry, TEST_USERS, type TestRegistry } from '../helpers/registry.js';

// registry-username / registry-password reach tidegate through its environment and log in to
// a real docker-registry (htpasswd Basic auth) on loopback; the password is masked first and
// shows up in no log line, output, summary or report (STYLE rule 18).
const PASSWORD = TEST_USERS.alice!;

let work: string;
let reg: TestRegistry | undefined;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-action-registry-'));
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as { buildDemoImage(p: string): Promise<void> };
  await buildDemoImage(join(work, 'demo.tar'));
  reg = await startRegistry('basic');
  await pushImage(`docker-archive:${join(work, 'demo.tar')}`, reg, 'app:1');
});
after(async () => {
  await reg?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

function scan(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    inputs: { image: `registry:${reg!.host}/app:1`, db: join(repoRoot(), 'examples', 'osv'), ...inputs },
    payload: 'push-payload',
    eventName: 'push',
    env: { TIDEGATE_INSECURE_REGISTRY: '127.0.0.1' },
  });
}

async function expectNoPassword(r: ActionRun): Promise<void> {
  const log = r.stdout
    .split('\n')
    .filter((l) => l !== `::add-mask::${PASSWORD}`)
    .join('\n');
  assert.ok(!(log + r.stderr).includes(PASSWORD), 'password in the log');
  let files = JSON.stringify(r.outputs) + r.summary;
  const dir = r.outputs['report-json'] ? join(r.outputs['report-json'], '..') : undefined;
  for (const f of dir ? await readdir(dir) : []) files += await readFile(join(dir!, f), 'utf8');
  assert.ok(!files.includes(PASSWORD), 'password in an output, the summary or a report');
}

test('registry: the credentials log in, the image is scanned, the password is never shown', async () => {
  const r = await scan({ 'registry-username': 'alice', 'registry-password': PASSWORD });
  assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
  assert.equal(r.outputs.verdict, 'fail');
  assert.equal(r.outputs.critical, '3');
  assert.equal(r.stdout.split('\n')[0], `::add-mask::${PASSWORD}`, 'masked before anything else');
  await expectNoPassword(r);
});

test('registry: without credentials the pull is refused (exit 2), with one ::error::', async () => {
  const r = await scan({});
  assert.equal(r.code, 2);
  assert.equal(r.outputs.verdict, 'error');
  assert.equal(r.stdout.split('\n').filter((l) => l.startsWith('::error::')).length, 1, r.stdout);
});

test('registry: a username without a password is refused by name', async () => {
  const r = await scan({ 'registry-username': 'alice' });
  assert.equal(r.code, 2);
  assert.match(
    r.stdout,
    /^::error::tidegate: error: --username is set but the variable TIDEGATE_REGISTRY_PASSWORD \(the registry password\) is empty/m,
  );
  await expectNoPassword(r);
});
