import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { runAction } from '../helpers/action.js';
import { storedZip } from '../helpers/zip.js';

// With db empty, the Action runs `tidegate db update` into tidegate's cache directory (where an
// actions/cache step keeps it) and the scan reads it. The OSV "bucket" is a local mirror
// folder, so nothing leaves the machine.

let work: string;
let mirror: string;
let demo: string;

/** `<mirror>/<ecosystem>/all.zip`, OSV's bucket layout, from examples/osv. */
async function writeMirror(dir: string): Promise<void> {
  for (const [folder, ecosystem] of [
    ['debian', 'Debian'],
    ['npm', 'npm'],
  ] as const) {
    const src = join(repoRoot(), 'examples', 'osv', folder);
    const files: Record<string, Buffer> = {};
    for (const f of await readdir(src)) if (f.endsWith('.json')) files[f] = await readFile(join(src, f));
    await mkdir(join(dir, ecosystem), { recursive: true });
    await writeFile(join(dir, ecosystem, 'all.zip'), storedZip(files));
  }
}

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tidegate-action-db-'));
  mirror = join(work, 'mirror');
  await writeMirror(mirror);
  const { buildDemoImage } = (await import(
    pathToFileURL(join(repoRoot(), 'examples', 'build-image.mjs')).href
  )) as { buildDemoImage(p: string): Promise<void> };
  demo = join(work, 'demo.tar');
  await buildDemoImage(demo);
});
after(() => rm(work, { recursive: true, force: true }));

for (const dbCache of ['true', 'false']) {
  test(`db empty, db-cache ${dbCache}: db update, then the scan uses that DB`, async () => {
    const home = join(work, `home-${dbCache}`);
    const r = await runAction({
      inputs: { image: `docker-archive:${demo}`, 'db-cache': dbCache },
      payload: 'push-payload',
      eventName: 'push',
      env: {
        HOME: home,
        TIDEGATE_OSV_BASE_URL: mirror,
        TIDEGATE_OFFLINE: 'true',
        TIDEGATE_ECOSYSTEMS: 'Debian,npm',
      },
    });
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.outputs.verdict, 'fail');
    assert.equal(r.outputs.critical, '3');
    // the cache directory an actions/cache step would keep: used only with db-cache
    assert.equal(existsSync(join(home, '.cache', 'tidegate', 'db')), dbCache === 'true');
  });
}
