import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildDockerArchive, buildTar, type TarEntry } from '@tidegate/core/testing';
import { osvRecord, writeOsvDir } from './osv.js';

/** Untrusted text in an advisory summary and a package name: must come out inert in every report. */
export const HOSTILE_SUMMARY =
  'Prototype pollution `rm -rf /` </details><img src=x onerror=alert(1)> thanks @octocat, see #123 | a|b';
export const HOSTILE_NAME = 'evil</details><img src=x onerror=alert(1)>';

const STATUS = [
  'Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nSource: glibc\nVersion: 2.36-9+deb12u1\n',
  'Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n',
].join('\n');

const base: TarEntry[] = [
  {
    name: 'etc/os-release',
    content: 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
  },
  { name: 'var/lib/dpkg/status', content: STATUS },
  { name: 'var/lib/dpkg/info/libc6:amd64.list', content: '/.\n/lib/x86_64-linux-gnu/libc.so.6\n' },
];

const npm = (name: string, version: string, license: string): TarEntry => ({
  name: `app/node_modules/${name.replace(/[^a-z0-9-]/gi, '_')}/package.json`,
  content: JSON.stringify({ name, version, license }),
});

const app: TarEntry[] = [
  npm('lodash', '4.17.15', 'MIT'),
  npm('minimist', '1.2.5', 'GPL-3.0-only'),
  npm(HOSTILE_NAME, '1.0.0', 'MIT'),
];

/** Files of the app fixture, all under one work directory. */
export interface AppFixture {
  /** The base image alone (Debian layer): scanned for the baseline. */
  baseArchive: string;
  /** Base layer + node_modules layer + cleanup layer, tagged ghcr.io/acme/app:1. */
  appArchive: string;
  db: string;
  vex: string;
  dockerfile: string;
}

const HISTORY = [
  { created_by: 'ADD rootfs.tar / # buildkit' },
  { created_by: 'COPY node_modules /app/node_modules # buildkit' },
  { created_by: 'RUN /bin/sh -c rm -rf /tmp/cache # buildkit' },
];

function osv(): Record<string, unknown>[] {
  return [
    osvRecord('DSA-5514-1', 'Debian:12', 'glibc', [{ introduced: '0' }, { fixed: '2.36-9+deb12u3' }], {
      upstream: ['CVE-2023-4911'],
      summary: 'glibc - security update',
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H' }],
    }),
    osvRecord('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', [{ introduced: '0' }, { fixed: '4.17.21' }], {
      aliases: ['CVE-2021-23337'],
      summary: 'Command Injection in lodash',
      database_specific: { severity: 'HIGH' },
    }),
    osvRecord('GHSA-xvch-5gv4-984h', 'npm', 'minimist', [{ introduced: '0' }, { fixed: '1.2.6' }], {
      aliases: ['CVE-2021-44906'],
      summary: HOSTILE_SUMMARY,
      database_specific: { severity: 'CRITICAL' },
    }),
    osvRecord('GHSA-evil-0000-0000', 'npm', HOSTILE_NAME, [{ introduced: '0' }], {
      summary: HOSTILE_SUMMARY,
      database_specific: { severity: 'MODERATE' },
    }),
  ];
}

/** OpenVEX: minimist's critical advisory does not affect this image. */
export const OPENVEX = {
  '@context': 'https://openvex.dev/ns/v0.2.0',
  '@id': 'https://example.com/vex/app-1',
  author: 'ACME security',
  timestamp: '2026-01-01T00:00:00Z',
  version: 1,
  statements: [
    {
      vulnerability: { name: 'CVE-2021-44906' },
      products: [{ '@id': 'pkg:oci/app', subcomponents: [{ '@id': 'pkg:npm/minimist@1.2.5' }] }],
      status: 'not_affected',
      justification: 'vulnerable_code_not_in_execute_path',
      impact_statement: 'minimist only parses our own fixed argv',
    },
  ],
};

export const DOCKERFILE =
  'FROM docker.io/library/debian:12\nWORKDIR /app\nCOPY node_modules /app/node_modules\nRUN rm -rf /tmp/cache\n';

/** Writes the deterministic app fixture (fixed mtimes, so digests are the same every run). */
export async function writeAppFixture(dir: string): Promise<AppFixture> {
  await mkdir(dir, { recursive: true });
  const layers = [
    await buildTar(base),
    await buildTar(app),
    await buildTar([{ name: 'tmp/', type: 'directory' }]),
  ];
  const labels = { 'org.opencontainers.image.base.name': 'docker.io/library/debian:12' };
  const baseArchive = join(dir, 'base.tar');
  await writeFile(
    baseArchive,
    await buildDockerArchive({
      layers: layers.slice(0, 1),
      history: HISTORY.slice(0, 1),
      tag: 'docker.io/library/debian:12',
    }),
  );
  const appArchive = join(dir, 'app.tar');
  await writeFile(
    appArchive,
    await buildDockerArchive({ layers, history: HISTORY, labels, tag: 'ghcr.io/acme/app:1' }),
  );
  const db = await writeOsvDir(join(dir, 'osv'), osv());
  const vex = join(dir, 'app.openvex.json');
  await writeFile(vex, JSON.stringify(OPENVEX, null, 2));
  const dockerfile = join(dir, 'Dockerfile');
  await writeFile(dockerfile, DOCKERFILE);
  return { baseArchive, appArchive, db, vex, dockerfile };
}
