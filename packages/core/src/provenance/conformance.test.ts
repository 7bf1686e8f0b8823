import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { testdata } from '../testing/index.js';
import { loadTrust } from './trust.js';
import { verifyArtifact } from './verify-bundle.js';

const base = testdata('sigstore');
const DEFAULT_IDENTITY = {
  subject:
    'https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main',
  issuer: 'https://token.actions.githubusercontent.com',
};

interface Case {
  case: string;
  expect: 'verify' | 'fail';
  bundle: string;
  artifact: string;
  trustedRoot: string;
  identity?: string;
  issuer?: string;
}

/** sigstore-conformance's verdict for every case, from the shared index (11 verify, 15 fail). */
const cases = (JSON.parse(readFileSync(join(base, 'bundles/expected.json'), 'utf8')) as { cases: Case[] })
  .cases;

async function run(c: Case): Promise<{ ok: boolean; reason: string }> {
  const dir = dirname(join(base, c.bundle));
  const key = join(dir, 'key.pub');
  const trust = await loadTrust(
    {
      keys: existsSync(key) ? [key] : [],
      identities: existsSync(key)
        ? []
        : [{ subject: c.identity ?? DEFAULT_IDENTITY.subject, issuer: c.issuer ?? DEFAULT_IDENTITY.issuer }],
      trustedRoot: join(base, c.trustedRoot),
    },
    'test',
    new Map(),
  ).catch((err: Error) => err);
  if (trust instanceof Error) return { ok: false, reason: trust.message };
  const json: unknown = JSON.parse(readFileSync(join(base, c.bundle), 'utf8'));
  const v = verifyArtifact(json, readFileSync(join(base, c.artifact)), trust);
  return v.ok ? { ok: true, reason: v.signer } : { ok: false, reason: v.reason };
}

describe('sigstore conformance bundles (shared testdata)', () => {
  test('the index has 11 cases that verify and 15 that must fail', () => {
    assert.equal(cases.filter((c) => c.expect === 'verify').length, 11);
    assert.equal(cases.filter((c) => c.expect === 'fail').length, 15);
  });
  for (const c of cases)
    test(`${c.case}: ${c.expect === 'verify' ? 'verifies' : 'is rejected, with a reason'}`, async () => {
      const got = await run(c);
      assert.equal(got.ok, c.expect === 'verify', `${c.case}: ${got.reason}`);
      assert.ok(got.reason.length > 0);
    });
});
