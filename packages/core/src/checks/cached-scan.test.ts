import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { memoryLogger } from '../logger.js';
import { scan } from '../scan.js';
import { buildTar, writeOciLayout } from '../testing/images.js';
import { fakeSecrets } from '../testing/secrets.js';

const dirs: string[] = [];
after(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

const s = fakeSecrets('cached');

async function image(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-cached-'));
  dirs.push(dir);
  const layers = [
    await buildTar([{ name: 'app/deploy.sh', content: `#!/bin/sh\nGH=${s.githubToken}\n` }]),
    await buildTar([{ name: 'app/.wh.deploy.sh', content: '' }]),
  ];
  await writeOciLayout(join(dir, 'oci'), {
    layers,
    tag: '1',
    user: 'app',
    labels: { 'ci.token': s.npmToken },
  });
  return `oci:${join(dir, 'oci')}:1`;
}

function summary(
  findings: { ruleId: string; location?: string; line?: number; layer?: { index: number } }[],
) {
  return findings.map((f) => `${f.ruleId} ${f.location}:${f.line ?? ''}@${f.layer?.index ?? ''}`).sort();
}

test('scan: a warm scan reads secret hits from the layer cache, with their layers', async () => {
  const reference = await image();
  const cacheDir = await mkdtemp(join(tmpdir(), 'tidegate-cache-'));
  dirs.push(cacheDir);
  const cold = memoryLogger();
  const warm = memoryLogger();
  const first = await scan({ reference, cache: true, cacheDir, logger: cold });
  const second = await scan({ reference, cache: true, cacheDir, logger: warm });
  const want = [
    'TG-CIS-4.10 config.Labels.ci.token:@',
    'TG-CIS-4.6 config.Healthcheck:@',
    'TG-SECRET-github-token app/deploy.sh:2@0',
  ];
  assert.deepEqual(summary(first.findings), want);
  assert.deepEqual(summary(second.findings), want);
  assert.ok(
    warm.lines.some((l) => /secret scan: read 0 text files .*; 2 layers from the layer cache/.test(l)),
    warm.lines.join('\n'),
  );
});

test('scan: secrets found in the config never reach the report in full', async () => {
  const result = await scan({ reference: await image(), cache: false });
  const text = JSON.stringify(result);
  assert.ok(!text.includes(s.npmToken) && !text.includes(s.githubToken));
  assert.equal(result.image.labels['ci.token'], `npm_…${s.npmToken.slice(-4)}`);
});
