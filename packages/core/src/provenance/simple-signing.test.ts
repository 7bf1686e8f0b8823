import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { testdata } from '../testing/index.js';
import { SIMPLE_SIGNING_MEDIA_TYPE } from './cosign-layout.js';
import { checkSimpleSigning } from './signatures.js';
import { loadTrust } from './trust.js';

const base = testdata('sigstore');
const dir = join(base, 'cosign-simplesigning');

interface Case {
  case: string;
  expect: 'verify' | 'fail';
  publicKey: string | null;
}

/** containers/image's verdicts for real cosign signatures (shared index). */
const cases = (JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as { cases: Case[] }).cases;

function layer(name: string) {
  return {
    via: 'tag test.sig',
    mediaType: SIMPLE_SIGNING_MEDIA_TYPE,
    annotations: JSON.parse(readFileSync(join(dir, name, 'annotations.json'), 'utf8')) as Record<
      string,
      string
    >,
    blob: readFileSync(join(dir, name, 'payload.json')),
  };
}

function digestOf(name: string): string {
  return `sha256:${createHash('sha256')
    .update(readFileSync(join(dir, name, 'manifest.json')))
    .digest('hex')}`;
}

async function trustFor(c: Case) {
  return loadTrust(
    c.publicKey
      ? { keys: [join(base, c.publicKey)], identities: [] }
      : {
          keys: [],
          identities: [{ subject: 'mitr@redhat.com', issuer: 'https://github.com/login/oauth' }],
          trustedRoot: join(base, 'trusted-roots/production-trusted_root.json'),
        },
    'test',
    new Map(),
  );
}

describe('cosign simple signing (real cosign signatures, shared testdata)', () => {
  for (const c of cases)
    test(`${c.case}: ${c.expect === 'verify' ? 'verifies' : 'is rejected, with a reason'}`, async () => {
      const got = checkSimpleSigning(layer(c.case), digestOf(c.case), await trustFor(c));
      assert.equal(got.verified, c.expect === 'verify', got.reason);
      if (c.expect === 'fail')
        assert.match(got.reason, /names sha256:634a8f35|signature verification failed/);
    });

  test('a key-signed payload is rejected by the other key, naming the key', async () => {
    const c = cases.find((x) => x.case === 'dir-img-cosign-valid')!;
    const trust = await loadTrust({ keys: [join(dir, 'cosign2.pub')], identities: [] }, 'test', new Map());
    const got = checkSimpleSigning(layer(c.case), digestOf(c.case), trust);
    assert.equal(got.verified, false);
    assert.match(got.reason, /^key cosign2\.pub: signature verification failed/);
  });

  test('the keyless signature is rejected for another identity, naming the signer', async () => {
    const name = 'dir-img-cosign-fulcio-rekor-valid';
    const trust = await loadTrust(
      {
        keys: [],
        identities: [{ subjectRegexp: '.*@example\\.com', issuer: 'https://github.com/login/oauth' }],
        trustedRoot: join(base, 'trusted-roots/production-trusted_root.json'),
      },
      'test',
      new Map(),
    );
    const got = checkSimpleSigning(layer(name), digestOf(name), trust);
    assert.equal(got.verified, false);
    assert.match(
      got.reason,
      /signed by mitr@redhat\.com \(https:\/\/github\.com\/login\/oauth\), not an identity/,
    );
  });

  test('the key-signed, Rekor-logged signature verifies its SET when a trusted root is given', async () => {
    const name = 'dir-img-cosign-key-rekor-valid';
    const trust = await loadTrust(
      {
        keys: [join(dir, 'cosign2.pub')],
        identities: [],
        trustedRoot: join(base, 'trusted-roots/production-trusted_root.json'),
      },
      'test',
      new Map(),
    );
    assert.equal(checkSimpleSigning(layer(name), digestOf(name), trust).verified, true);
    const tampered = layer(name);
    const note = JSON.parse(tampered.annotations['dev.sigstore.cosign/bundle']!) as {
      Payload: { integratedTime: number };
    };
    note.Payload.integratedTime += 1;
    tampered.annotations['dev.sigstore.cosign/bundle'] = JSON.stringify(note);
    const got = checkSimpleSigning(tampered, digestOf(name), trust);
    assert.equal(got.verified, false);
    assert.match(got.reason, /inclusion promise could not be verified/);
  });

  const bad: { name: string; edit: (l: ReturnType<typeof layer>) => void; want: RegExp }[] = [
    { name: 'a payload that is not JSON', edit: (l) => (l.blob = Buffer.from('{')), want: /not JSON/ },
    {
      name: 'a layer of another media type',
      edit: (l) => (l.mediaType = 'application/octet-stream'),
      want: /not a cosign simple-signing payload/,
    },
    {
      name: 'no signature annotation',
      edit: (l) => delete l.annotations['dev.cosignproject.cosign/signature'],
      want: /no dev\.cosignproject\.cosign\/signature annotation/,
    },
    {
      name: 'a Rekor annotation that is not JSON',
      edit: (l) => (l.annotations['dev.sigstore.cosign/bundle'] = '{'),
      want: /malformed cosign annotations/,
    },
  ];
  for (const b of bad)
    test(`sad path: ${b.name} is rejected, with the reason`, async () => {
      const c = cases.find((x) => x.case === 'dir-img-cosign-valid')!;
      const l = layer(c.case);
      b.edit(l);
      const got = checkSimpleSigning(l, digestOf(c.case), await trustFor(c));
      assert.equal(got.verified, false);
      assert.match(got.reason, b.want);
    });
});
