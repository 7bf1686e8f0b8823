import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryLogger } from '../logger.js';
import { configInput } from '../testing/check-inputs.js';
import type { TarEntry } from '../testing/images.js';
import { fakeChars, fakeSecrets } from '../testing/secrets.js';
import { walkLayers, type LayerFiles } from '../testing/view.js';
import type { ContentCheck } from './check.js';
import { contentHits, contentPass, logContentStats } from './content-pass.js';
import { checks } from './registry.js';
import { runChecks } from './run.js';

const rules = checks.filter((c): c is ContentCheck => c.kind === 'content');
const s = fakeSecrets('pass');

/** Walks layers with the content pass (cap `maxBytes`) and runs the content checks like a scan. */
async function scanLayers(layers: (LayerFiles | TarEntry[])[], maxBytes?: number) {
  const pass = contentPass(rules, maxBytes)!;
  const { results, view } = await walkLayers(layers, [], [pass.visitor]);
  const { config, repoTags } = configInput();
  const ctx = {
    config,
    maskedConfig: config,
    repoTags,
    layers: results.map((r) => r.origin),
    results,
    view,
    contentHits: contentHits(results, rules),
  };
  const out = runChecks(rules, ctx);
  return {
    ...out,
    pass,
    results,
    summary: out.findings.map((f) => `${f.ruleId} ${f.location}:${f.line}@${f.layer!.index + 1}`),
  };
}

test('content pass: finds a secret with its file, line and layer, and holds no bytes afterwards', async () => {
  const r = await scanLayers([
    { 'etc/hostname': 'box\n' },
    { 'app/config.sh': `#!/bin/sh\nexport GH=${s.githubToken}\n` },
  ]);
  assert.deepEqual(r.summary, ['TG-SECRET-github-token app/config.sh:2@2']);
  assert.equal(r.findings[0]!.kind, 'secret');
  assert.equal(r.findings[0]!.evidence, `ghp_…${s.githubToken.slice(-4)}`);
  for (const l of r.results) assert.equal(l.kept.size, 0, 'the content pass must not keep file bytes');
  assert.deepEqual(r.issues, []);
});

test('content pass: a secret in a file a later layer deletes is reported with the layer that holds it', async () => {
  const r = await scanLayers([
    { 'root/.npmrc': `//r.example.com/:_authToken=${s.npmToken}\n` },
    { 'root/.npmrc': null },
  ]);
  // the npm-token rule, listed first, names the token better than the generic .npmrc rule
  assert.deepEqual(r.summary, ['TG-SECRET-npm-token root/.npmrc:1@1']);
  assert.match(r.findings[0]!.description!, /deleted by a later layer, but still stored in layer 1/);
});

test('content pass: the same secret in two layers is one finding, from the lower layer', async () => {
  const text = `T=${s.githubToken}\n`;
  const r = await scanLayers([{ 'app/a.sh': text }, { 'app/a.sh': text }]);
  assert.deepEqual(r.summary, ['TG-SECRET-github-token app/a.sh:1@1']);
});

test('content pass: finding ids depend on rule, path and line, not on the layer', async () => {
  const a = await scanLayers([{ 'app/a.sh': `T=${s.githubToken}\n` }]);
  const b = await scanLayers([{ 'etc/x': 'y' }, { 'app/a.sh': `T=${s.githubToken}\n` }]);
  assert.equal(a.findings[0]!.id, b.findings[0]!.id);
});

test('content pass: binaries are skipped by extension or by a NUL byte, without an issue', async () => {
  const r = await scanLayers([
    {
      'app/logo.png': `PNG ${s.githubToken}`,
      'app/tool': Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0]), Buffer.from(s.githubToken)]),
      'usr/share/doc/x/README': s.githubToken,
    },
  ]);
  assert.deepEqual(r.summary, []);
  assert.equal(r.pass.stats.binary, 1);
  assert.equal(r.pass.stats.files, 0);
  assert.deepEqual(r.issues, []);
});

test('content pass: files over the size cap are counted and logged, not read, and not an issue', async () => {
  const big = `${'#'.repeat(4096)}\nT=${s.githubToken}\n`;
  const r = await scanLayers([{ 'app/big.sh': big, 'app/small.sh': `T=${s.npmToken}` }], 1024);
  assert.deepEqual(r.summary, ['TG-SECRET-npm-token app/small.sh:1@1']);
  assert.equal(r.pass.stats.tooLarge, 1);
  assert.deepEqual(r.issues, []);
  const logger = memoryLogger();
  logContentStats(r.pass.stats, 1024, logger);
  assert.match(
    logger.lines[0]!,
    /^info: secret scan: read 1 text files .*skipped 0 binary files and 1 files over 0\.0 MiB$/,
  );
  assert.equal(logger.lines[1], 'debug: secret scan: not read (over 0.0 MiB): app/big.sh');
});

test('content pass: garbage bytes without NULs are scanned without a crash', async () => {
  const garbage = Buffer.from(
    fakeChars(200_000, 'garbage', Array.from({ length: 255 }, (_, i) => String.fromCharCode(i + 1)).join('')),
    'latin1',
  );
  const r = await scanLayers([{ 'app/blob.txt': garbage }]);
  assert.deepEqual(r.issues, []);
  assert.equal(r.pass.stats.files, 1);
});

test('content pass: a hardlink is scanned once, under its target', async () => {
  const r = await scanLayers([
    [
      { name: 'app/a.sh', content: `T=${s.githubToken}\n` },
      { name: 'app/b.sh', type: 'link', linkname: 'app/a.sh' },
    ],
  ]);
  assert.deepEqual(r.summary, ['TG-SECRET-github-token app/a.sh:1@1']);
  assert.deepEqual(r.issues, []);
});

test('content pass: no content checks, no pass', () => {
  assert.equal(contentPass([]), undefined);
});
