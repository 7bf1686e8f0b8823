import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../testing/index.js';
import { checkRegistry } from '../testing/registry-check.js';
import { checkById, checks } from './registry.js';

const HELPERS = [
  'check.ts',
  'run.ts',
  'content-pass.ts',
  'content-scan.ts',
  'history.ts',
  'path-check.ts',
  'regex-rule.ts',
  'secret-values.ts',
  'text-files.ts',
];

test('checks registry: unique ids, every check file listed', () => {
  checkRegistry(
    'checks',
    checks.map((c) => c.id),
    HELPERS,
  );
});

test('checks registry: every check has a well-formed id, a version, a title and a remediation line', () => {
  for (const c of checks) {
    assert.match(c.id, /^TG-(?:CIS-4\.\d+|(?:CFG|FS|FILE|SECRET)-[a-z0-9-]+)$/, c.id);
    assert.ok(Number.isInteger(c.version) && c.version >= 1, `${c.id}: version`);
    assert.ok(c.title.length > 0 && c.remediation.length > 0, `${c.id}: title and remediation`);
    if (c.id.startsWith('TG-CIS-')) assert.equal(c.cis, c.id.slice('TG-CIS-'.length), `${c.id}: cis`);
    if (c.kind === 'content') assert.equal(c.finding, 'secret', `${c.id}: content checks find secrets`);
  }
  assert.equal(checkById('TG-CIS-4.1')?.title, 'Image runs as root');
});

test('checks registry: docs/checks.md has a row for every check, with its severity', () => {
  const doc = readFileSync(join(repoRoot(), 'docs', 'checks.md'), 'utf8');
  for (const c of checks) {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${c.id}\` |`));
    assert.ok(row, `docs/checks.md has no row for ${c.id}`);
    assert.ok(row.includes(`| ${c.severity} |`), `docs/checks.md: ${c.id} should say ${c.severity}`);
  }
});
