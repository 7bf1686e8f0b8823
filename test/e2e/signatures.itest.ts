import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { runCli, type CliRun } from '../helpers/cli.js';
import {
  decryptCosignKey,
  dsseEnvelope,
  generateCosignKeys,
  keyBundle,
  pushBundleReferrers,
  pushCosignAttestation,
  pushCosignSignature,
  simpleSigningPayload,
  type CosignKeys,
} from '../helpers/cosign.js';
import { buildOciImage } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import {
  manifestDigest,
  pushBlob,
  pushImage,
  putManifest,
  startRegistry,
  type TestRegistry,
} from '../helpers/registry.js';
import { expectExit, expectOneLineError, expectValid } from '../helpers/traits.js';

/**
 * Image signatures against a real registry (Debian's docker-registry 2.8 on 127.0.0.1), written
 * in cosign's own layout by the test with keys it generates, as cosign would; openssl checks the
 * signatures independently. Every report format must carry the reason a signature was refused.
 */

let work: string;
let reg: TestRegistry;
let keys: CosignKeys;
let other: CosignKeys;
const digests: Record<string, string> = {};
const VARIANTS = [
  'signed',
  'unsigned',
  'otherkey',
  'wrongdigest',
  'huge',
  'bundle',
  'attested',
  'badmanifest',
];
const SLSA = 'https://slsa.dev/provenance/v1';
const BUILDER = 'https://github.com/actions/runner/github-hosted';

function slsaPredicate(builder: string, repo: string) {
  return {
    buildDefinition: {
      buildType: 'https://actions.github.io/buildtypes/workflow/v1',
      externalParameters: {
        workflow: { ref: 'refs/heads/main', repository: repo, path: '.github/workflows/build.yml' },
      },
      resolvedDependencies: [{ uri: `git+${repo}@refs/heads/main`, digest: { gitCommit: 'a'.repeat(40) } }],
    },
    runDetails: { builder: { id: builder } },
  };
}

function openssl(pub: string, sig: string, data: string): { ok: boolean; out: string } {
  const r = spawnSync('openssl', ['dgst', '-sha256', '-verify', pub, '-signature', sig, data], {
    encoding: 'utf8',
  });
  return { ok: r.status === 0, out: `${r.stdout}${r.stderr}`.trim() };
}

async function setup(): Promise<void> {
  work = await mkdtemp(join(tmpdir(), 'tidegate-signatures-'));
  keys = await generateCosignKeys(work, 'cosign', 'correct horse');
  other = await generateCosignKeys(work, 'other', 'battery staple');
  await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'not-in-any-image', [{ introduced: '0' }])]);
  reg = await startRegistry('none');
  for (const v of VARIANTS) {
    const layout = await buildOciImage(work, `img-${v}`, [
      { history: `COPY ${v} /`, tree: { [`etc/${v}`]: v } },
    ]);
    await pushImage(`oci:${layout}:latest`, reg, `app:${v}`, { format: 'oci' });
    digests[v] = await manifestDigest(reg, 'app', v);
  }
  const key = decryptCosignKey(await readFile(keys.keyFile, 'utf8'), keys.password);
  const otherKey = decryptCosignKey(await readFile(other.keyFile, 'utf8'), other.password);
  const signed = await pushCosignSignature(reg, 'app', digests.signed!, key);
  await writeFile(join(work, 'payload.json'), signed.payload);
  await writeFile(join(work, 'payload.sig'), signed.signature);
  await pushCosignSignature(reg, 'app', digests.otherkey!, otherKey);
  // an honest signature of the signed image, stored as if it were the wrongdigest image's
  await pushCosignSignature(
    reg,
    'app',
    digests.wrongdigest!,
    key,
    simpleSigningPayload(`${reg.host}/app`, digests.signed!),
  );
  // a "payload" of 2 MiB: refused unread
  const hugePayload = Buffer.concat([
    simpleSigningPayload(`${reg.host}/app`, digests.huge!),
    Buffer.alloc(2 << 20, 32),
  ]);
  await pushCosignSignature(reg, 'app', digests.huge!, key, hugePayload);
  // OCI 1.1 referrer carrying a sigstore bundle (cosign's new bundle format) + a SLSA attestation
  const bundleSubject = {
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    digest: digests.bundle!,
    size: 0,
  };
  await pushBundleReferrers(reg, 'app', bundleSubject, [
    keyBundle(dsseEnvelope(key, digests.bundle!, 'https://sigstore.dev/cosign/sign/v1', {})),
    keyBundle(
      dsseEnvelope(key, digests.bundle!, SLSA, slsaPredicate(BUILDER, 'https://github.com/acme/app')),
    ),
  ]);
  // a cosign .att attestation and signature on another image
  await pushCosignSignature(reg, 'app', digests.attested!, key);
  await pushCosignAttestation(
    reg,
    'app',
    digests.attested!,
    dsseEnvelope(key, digests.attested!, SLSA, slsaPredicate(BUILDER, 'https://github.com/acme/app')),
  );
  // a .sig tag that is not an image manifest at all (an index with no manifests field)
  await pushBlob(reg, 'app', Buffer.from('{}'));
  await putManifest(reg, 'app', `${digests.badmanifest!.replace(':', '-')}.sig`, {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
      size: 2,
    },
  });
  // images built on the signed and on the unsigned image, as BuildKit labels them
  for (const [v, base] of [
    ['derived', 'signed'],
    ['derived-unsigned', 'unsigned'],
  ] as const) {
    const layout = await buildOciImage(
      work,
      `img-${v}`,
      [{ history: `COPY ${v} /`, tree: { [`etc/${v}`]: v } }],
      {
        labels: {
          'org.opencontainers.image.base.name': `${reg.host}/app:${base}`,
          'org.opencontainers.image.base.digest': digests[base]!,
        },
      },
    );
    await pushImage(`oci:${layout}:latest`, reg, `app:${v}`, { format: 'oci' });
  }
  await writeFile(
    join(work, 'policy.yml'),
    ['image:', '  signatures:', `    - registries: ["${reg.host}/**"]`, '      keys: [cosign.pub]', ''].join(
      '\n',
    ),
  );
}
const ready = setup();
after(async () => {
  await reg?.stop();
  await rm(work, { recursive: true, force: true });
});

/** What a reader sees: Markdown and HTML escape characters as entities, and @ gets a zero-width space. */
function rendered(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200b/g, '');
}

function scan(variant: string, extra: string[] = []): Promise<CliRun> {
  return runCli(
    [
      'scan',
      `registry:${reg.host}/app:${variant}`,
      '--insecure-registry',
      '127.0.0.1',
      '--db',
      join(work, 'osv'),
      '--no-cache',
      '--policy',
      join(work, 'policy.yml'),
      ...extra,
    ],
    { env: { DOCKER_CONFIG: join(work, 'no-docker') } },
  );
}

describe('the test signatures are real', () => {
  before(() => ready);
  test('openssl verifies the signature with cosign.pub and refuses it with other.pub', () => {
    const sig = join(work, 'payload.sig');
    const data = join(work, 'payload.json');
    assert.deepEqual(openssl(keys.pubFile, sig, data), { ok: true, out: 'Verified OK' });
    assert.equal(openssl(other.pubFile, sig, data).ok, false);
  });
  test('the cosign key file is encrypted: the wrong password does not open it', async () => {
    const pem = await readFile(keys.keyFile, 'utf8');
    assert.match(pem, /^-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----/);
    assert.throws(() => decryptCosignKey(pem, 'wrong'), /wrong password/);
  });
});

describe('image.signatures with a key by path', () => {
  before(() => ready);
  test('the signed image passes, and the report names the key', async () => {
    const r = await scan('signed', ['--format', 'json']);
    expectExit(r, 0);
    const j = JSON.parse(r.stdout) as ScanResult;
    expectValid(r.stdout, 'json');
    const s = j.provenance!.signatures[0]!;
    assert.equal(s.verified, true);
    assert.equal(s.reference, `${reg.host}/app@${digests.signed}`);
    assert.match(
      s.reason,
      /^signed by key cosign\.pub \(cosign-simple-signing, tag sha256-[0-9a-f]{64}\.sig\)$/,
    );
  });

  const refused: { variant: string; reason: () => string }[] = [
    {
      variant: 'unsigned',
      reason: () => 'not signed: no cosign signature tag and no sigstore bundle referrer',
    },
    { variant: 'otherkey', reason: () => 'key cosign.pub: signature verification failed' },
    { variant: 'wrongdigest', reason: () => `the signed payload names ${digests.signed}, not this image` },
    { variant: 'huge', reason: () => 'over the 1048576-byte limit for a signature' },
  ];
  const formats = ['table', 'json', 'sarif', 'junit', 'markdown', 'html', 'cyclonedx', 'spdx'];
  const files = ['txt', 'json', 'sarif', 'junit.xml', 'md', 'html', 'cdx.json', 'spdx.json'];
  for (const c of refused)
    test(`the ${c.variant} image fails, with the reason in every report format`, async () => {
      const out = join(work, `out-${c.variant}`);
      const r = await scan(c.variant, ['--format', formats.join(','), '--output-dir', out]);
      expectExit(r, 1);
      for (const ext of files) {
        const text = rendered(await readFile(join(out, `tidegate.${ext}`), 'utf8'));
        assert.ok(text.includes(c.reason()), `tidegate.${ext} lacks "${c.reason()}"`);
      }
      expectValid(await readFile(join(out, 'tidegate.json'), 'utf8'), 'json');
      expectValid(await readFile(join(out, 'tidegate.sarif'), 'utf8'), 'sarif');
      expectValid(await readFile(join(out, 'tidegate.cdx.json'), 'utf8'), 'cyclonedx');
      expectValid(await readFile(join(out, 'tidegate.junit.xml'), 'utf8'), 'junit');
      const j = JSON.parse(await readFile(join(out, 'tidegate.json'), 'utf8')) as ScanResult;
      const f = j.findings.find((x) => x.kind === 'provenance')!;
      assert.equal(f.ruleId, 'TG-PROV-image-signature');
      assert.deepEqual(f.policy, { rule: 'image.signatures[0]', mode: 'fail' });
      assert.equal(j.verdict.reasons[0]!.rule, 'image.signatures[0]');
    });

  test('a signature manifest that is not an image manifest: one-line error, exit 2', async () => {
    const r = await scan('badmanifest');
    expectExit(r, 2);
    expectOneLineError(r, /cannot read signatures: .*layers/);
  });

  test('mode warn: the unsigned image passes with a warning', async () => {
    await writeFile(
      join(work, 'warn.yml'),
      `image:\n  signatures:\n    - keys: [cosign.pub]\n      mode: warn\n`,
    );
    const r = await runCli([
      'scan',
      `registry:${reg.host}/app:unsigned`,
      '--insecure-registry',
      '127.0.0.1',
      '--db',
      join(work, 'osv'),
      '--no-cache',
      '--policy',
      join(work, 'warn.yml'),
      '--format',
      'json',
    ]);
    expectExit(r, 0);
    assert.equal((JSON.parse(r.stdout) as ScanResult).verdict.status, 'warn');
  });
});

describe('OCI 1.1 referrers with sigstore bundles, and SLSA provenance', () => {
  before(() => ready);
  test('docker-registry 2.8 serves no referrers API: the bundle is found through the fallback tag and verifies', async () => {
    const api = await fetch(`http://${reg.host}/v2/app/referrers/${digests.bundle}`);
    assert.equal(api.status, 404);
    const r = await scan('bundle', ['--format', 'json']);
    expectExit(r, 0);
    const s = (JSON.parse(r.stdout) as ScanResult).provenance!.signatures[0]!;
    assert.equal(s.verified, true);
    assert.equal(s.signatures[0]!.format, 'sigstore-bundle');
    assert.equal(s.signatures[0]!.via, `referrers tag ${digests.bundle!.replace(':', '-')}`);
  });

  const provenanceCases = [
    {
      name: 'an allowed builder and source pass',
      variant: 'attested',
      builders: [BUILDER],
      repos: ['https://github.com/acme/*'],
      code: 0,
    },
    {
      name: 'a referrer bundle attestation counts too',
      variant: 'bundle',
      builders: [BUILDER],
      repos: [],
      code: 0,
    },
    {
      name: 'another builder fails',
      variant: 'attested',
      builders: ['https://builder.example/*'],
      repos: [],
      code: 1,
      why: `builder ${BUILDER} is not an allowed builder`,
    },
    {
      name: 'another source repository fails',
      variant: 'attested',
      builders: [],
      repos: ['https://github.com/other/*'],
      code: 1,
      why: 'source repository https://github.com/acme/app is not an allowed source',
    },
    {
      name: 'no attestation fails',
      variant: 'signed',
      builders: [BUILDER],
      repos: [],
      code: 1,
      why: 'no SLSA provenance attestation attached',
    },
  ];
  for (const c of provenanceCases)
    test(`provenance: ${c.name}`, async () => {
      const file = join(work, `prov-${c.variant}-${c.code}-${c.builders.length}${c.repos.length}.yml`);
      await writeFile(
        file,
        [
          'image:',
          '  signatures:',
          '    - keys: [cosign.pub]',
          '      required: false',
          'provenance:',
          `  builders: ${JSON.stringify(c.builders)}`,
          `  source-repositories: ${JSON.stringify(c.repos)}`,
          '',
        ].join('\n'),
      );
      const r = await runCli([
        'scan',
        `registry:${reg.host}/app:${c.variant}`,
        '--insecure-registry',
        '127.0.0.1',
        '--db',
        join(work, 'osv'),
        '--no-cache',
        '--policy',
        file,
        '--format',
        'json',
      ]);
      expectExit(r, c.code);
      const j = JSON.parse(r.stdout) as ScanResult;
      if (c.code === 0) {
        const a = j.provenance!.attestations.find((x) => x.verified)!;
        assert.equal(a.builder, BUILDER);
        assert.equal(a.sourceRepository, 'https://github.com/acme/app');
      } else
        assert.ok(
          j.verdict.reasons.some((x) => x.rule === 'provenance' && x.message.includes(c.why!)),
          r.stdout,
        );
    });
});

describe('base images: signatures, pinning, and the name in every report', () => {
  before(() => ready);
  async function scanWith(variant: string, policy: string, extra: string[] = []): Promise<CliRun> {
    const file = join(work, `base-${variant}-${policy.length}.yml`);
    await writeFile(file, policy);
    return runCli(
      [
        'scan',
        `registry:${reg.host}/app:${variant}`,
        '--insecure-registry',
        '127.0.0.1',
        '--db',
        join(work, 'osv'),
        '--no-cache',
        '--policy',
        file,
        ...extra,
      ],
      { cwd: work },
    );
  }
  const basePolicy = 'base-image:\n  signatures:\n    - keys: [cosign.pub]\n';

  test('a base image signed with the key passes, and its name and digest are in the report', async () => {
    const r = await scanWith('derived', basePolicy, ['--format', 'json']);
    expectExit(r, 0);
    const p = (JSON.parse(r.stdout) as ScanResult).provenance!;
    assert.deepEqual(p.baseImage, {
      name: `${reg.host}/app:signed`,
      digest: digests.signed,
      from: 'label',
    });
    assert.equal(p.signatures[0]!.subject, 'base-image');
    assert.equal(p.signatures[0]!.verified, true);
  });

  test('an unsigned base image fails, naming the base image', async () => {
    const r = await scanWith('derived-unsigned', basePolicy, ['--format', 'table']);
    expectExit(r, 1);
    assert.match(
      r.stdout,
      new RegExp(`base image: ${reg.host}/app:unsigned@${digests.unsigned} \\(from the image labels\\)`),
    );
    assert.match(
      r.stdout,
      /FAIL base-image\.signatures\[0\]: base image signature missing or invalid: not signed/,
    );
  });

  test('base-image.pinned: every FROM without a digest is a finding at its Dockerfile line (SARIF too)', async () => {
    await writeFile(
      join(work, 'Dockerfile'),
      `FROM golang:1.22 AS build\nRUN true\nFROM ${reg.host}/app@${digests.signed} AS pinned\nFROM build\nCOPY x /x\n`,
    );
    const out = join(work, 'out-pinned');
    const r = await scanWith('signed', 'base-image:\n  pinned: fail\n', [
      '--dockerfile',
      'Dockerfile',
      '--format',
      'json,sarif',
      '--output-dir',
      out,
    ]);
    expectExit(r, 1);
    const j = JSON.parse(await readFile(join(out, 'tidegate.json'), 'utf8')) as ScanResult;
    const pinned = j.findings.filter((f) => f.ruleId === 'TG-PROV-unpinned-base');
    assert.deepEqual(
      pinned.map((f) => [f.location, f.line, f.evidence]),
      [['Dockerfile', 1, 'FROM golang:1.22 (line 1) names no digest']],
    );
    // FROM build → FROM golang:1.22: the final stage's base comes from the Dockerfile
    assert.deepEqual(j.provenance!.baseImage, { name: 'golang:1.22', from: 'dockerfile', line: 1 });
    const sarif = JSON.parse(await readFile(join(out, 'tidegate.sarif'), 'utf8')) as {
      runs: {
        results: { ruleId: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[];
      }[];
    };
    const res = sarif.runs[0]!.results.find((x) => x.ruleId === 'TG-PROV-unpinned-base')!;
    assert.equal(res.locations[0]!.physicalLocation.region.startLine, 1);
  });

  test('a base-image rule with no way to know the base: a finding, not a pass', async () => {
    const r = await scanWith('signed', basePolicy, ['--format', 'json']);
    expectExit(r, 1);
    const j = JSON.parse(r.stdout) as ScanResult;
    assert.match(j.provenance!.signatures[0]!.reason, /the base image is unknown/);
  });
});
