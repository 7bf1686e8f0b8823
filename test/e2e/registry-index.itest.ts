import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ScanResult } from '@tidegate/core';
import { sha256 } from '@tidegate/core/testing';
import { runCli, type CliRun } from '../helpers/cli.js';
import { buildOciImage } from '../helpers/images.js';
import { osvRecord, writeOsvDir } from '../helpers/osv.js';
import { pushImage, startRegistry, type TestRegistry } from '../helpers/registry.js';
import { tool } from '../helpers/tools.js';
import { expectExit, expectOneLineError } from '../helpers/traits.js';

let work: string;

function scanRef(ref: string, extra: string[]): Promise<CliRun> {
  return runCli(['scan', ref, '--db', join(work, 'osv'), '--format', 'json', '--no-cache', ...extra], {
    env: { DOCKER_CONFIG: work },
  });
}

function packagesOf(r: CliRun): string[] {
  expectExit(r, 0);
  return (JSON.parse(r.stdout) as ScanResult).packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('multi-platform index', () => {
  let reg: TestRegistry;
  before(async () => {
    work = await mkdtemp(join(tmpdir(), 'tidegate-index-e2e-'));
    await writeOsvDir(join(work, 'osv'), [osvRecord('X-1', 'npm', 'nothing', [{ introduced: '0' }])]);
    reg = await startRegistry('none');
    const layout = await buildIndexLayout(work);
    await pushImage(`oci:${layout}:latest`, reg, 'multi:1', { all: true });
  });
  after(async () => {
    await reg?.stop();
    await rm(work, { recursive: true, force: true });
  });
  const insecure = ['--insecure-registry', '127.0.0.1'];

  const cases = [
    { platform: undefined, arch: 'amd64', pkg: 'only-on-amd64@1.0.0' },
    { platform: 'linux/arm64', arch: 'arm64', pkg: 'only-on-arm64@1.0.0' },
    { platform: 'linux/arm64/v8', arch: 'arm64', pkg: 'only-on-arm64@1.0.0' },
  ];
  for (const c of cases) {
    test(`index: --platform ${c.platform ?? '(default)'} picks ${c.arch}`, async () => {
      const r = await scanRef(`registry:${reg.host}/multi:1`, [
        ...insecure,
        ...(c.platform ? ['--platform', c.platform] : []),
      ]);
      assert.deepEqual(packagesOf(r), [c.pkg]);
      assert.equal((JSON.parse(r.stdout) as ScanResult).image.architecture, c.arch);
    });
  }

  test('exit 2: a platform the index lacks lists the ones it has', async () => {
    const r = await scanRef(`registry:${reg.host}/multi:1`, [...insecure, '--platform', 'linux/s390x']);
    expectExit(r, 2);
    expectOneLineError(
      r,
      /no manifest for platform linux\/s390x \(available: linux\/amd64, linux\/arm64\/v8\)/,
    );
  });
});

/**
 * Two single-platform images built with umoci, their architecture set with `umoci config`,
 * joined by an image index written by hand (skopeo cannot merge lists) in one OCI layout.
 */
async function buildIndexLayout(dir: string): Promise<string> {
  const layout = join(dir, 'multi');
  const descs = [];
  for (const arch of ['amd64', 'arm64']) {
    const one = await buildOciImage(dir, `single-${arch}`, [
      {
        tree: {
          [`app/node_modules/only-on-${arch}/package.json`]: JSON.stringify({
            name: `only-on-${arch}`,
            version: '1.0.0',
          }),
        },
      },
    ]);
    await tool('umoci', ['config', '--image', `${one}:latest`, '--architecture', arch]);
    await tool('skopeo', ['copy', '--quiet', `oci:${one}:latest`, `oci:${layout}:${arch}`]);
    const index = JSON.parse(await readFile(join(layout, 'index.json'), 'utf8')) as {
      manifests: Record<string, unknown>[];
    };
    const d = index.manifests.find(
      (m) => (m.annotations as Record<string, string>)['org.opencontainers.image.ref.name'] === arch,
    )!;
    descs.push({
      mediaType: d.mediaType,
      digest: d.digest,
      size: d.size,
      platform: { os: 'linux', architecture: arch, ...(arch === 'arm64' ? { variant: 'v8' } : {}) },
    });
  }
  const indexBlob = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.index.v1+json',
      manifests: descs,
    }),
  );
  const digest = sha256(indexBlob);
  await writeFile(join(layout, 'blobs', 'sha256', digest.slice(7)), indexBlob);
  const top = {
    schemaVersion: 2,
    manifests: [
      {
        mediaType: 'application/vnd.oci.image.index.v1+json',
        digest,
        size: indexBlob.length,
        annotations: { 'org.opencontainers.image.ref.name': 'latest' },
      },
    ],
  };
  await writeFile(join(layout, 'index.json'), JSON.stringify(top));
  return layout;
}
