import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TOOL_VERSION } from '@tidegate/core';
import { repoRoot } from '@tidegate/core/testing';

/** `UPDATE_GOLDEN=1 npm test` rewrites the goldens from the current output (STYLE rule 23). */
export const UPDATING = process.env.UPDATE_GOLDEN === '1';

/** Where the goldens live: test/golden/<image>.<format extension>. */
export function goldenPath(name: string): string {
  return join(repoRoot(), 'test', 'golden', name);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Replaces what changes from run to run or release to release: timestamps (ISO 8601, with or
 * without zone and fraction, as JUnit writes them too), UUIDs, the tool version where it names
 * tidegate's own, SPDX document namespaces (derived from the time), and the test's work directory.
 */
export function redact(text: string, workDir: string): string {
  return text
    .replace(new RegExp(escapeRe(workDir), 'g'), '<WORK>')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?/g, '<TIMESTAMP>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<UUID>')
    .replace(/("documentNamespace":\s*")[^"]+/g, '$1<NAMESPACE>')
    .replace(
      new RegExp(`(tidegate(?:["\\s,:=.-]|version|value|&#58;|</?sub>)*?)${escapeRe(TOOL_VERSION)}`, 'g'),
      '$1<VERSION>',
    );
}

/**
 * Compares `actual` with the golden file, or rewrites it when updating. `override` adjusts the
 * golden for one test; overrides are refused while updating, so a golden is never written from
 * output a test had to bend.
 */
export async function expectGolden(
  name: string,
  actual: string,
  opts: { override?: (golden: string) => string } = {},
): Promise<void> {
  const path = goldenPath(name);
  if (UPDATING) {
    if (opts.override)
      throw new Error(`golden ${name}: per-test overrides are refused while updating goldens`);
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden ${name} missing: run UPDATE_GOLDEN=1 npm test`);
  const golden = await readFile(path, 'utf8');
  assert.equal(
    actual,
    opts.override ? opts.override(golden) : golden,
    `golden ${name} differs (UPDATE_GOLDEN=1 npm test rewrites it)`,
  );
}
