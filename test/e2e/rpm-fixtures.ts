import assert from 'node:assert/strict';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tool } from '../helpers/tools.js';

/**
 * Real rpm databases for the rpm end-to-end tests, written by Debian's rpm 4.18 (sqlite
 * backend) from packages rpmbuild makes here: epochs (one an explicit 0), noarch, subpackages
 * (so SOURCERPM differs from NAME), a modularity label, a 300-file header spanning many
 * overflow pages, and a real imported gpg key.
 *
 * State A: everything but tg-upgrade 2.0 and tg-later. State B: A, then tg-upgrade upgraded,
 * tg-later installed and tg-base-sub20 erased.
 */
export interface RpmStates {
  work: string;
  a: string;
  b: string;
  /** Built rpm files by file name. */
  rpms: Record<string, string>;
}

/** `rpm -qa --qf` fields, then every file name, `|`-separated. */
export const QF =
  '%{NAME}\\t%{EPOCHNUM}\\t%{VERSION}\\t%{RELEASE}\\t%{ARCH}\\t%{SOURCERPM}\\t%{LICENSE}\\t%{MODULARITYLABEL}\\t[%{FILENAMES}|]\\n';

/** A Python distribution's metadata that the python3-urllib3 rpm owns (distro ownership, ADR 0003). */
export const URLLIB3_METADATA = '/usr/lib/python3.9/site-packages/urllib3-1.26.5.dist-info/METADATA';

interface Spec {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  license: string;
  noarch?: boolean;
  subs?: string[];
  files?: number;
  /** Extra installed files: path → one-line content (`\\n` escapes allowed). */
  paths?: Record<string, string>;
}

function specText(o: Spec): string {
  const head = [
    `Name: ${o.name}`,
    `Version: ${o.version}`,
    `Release: ${o.release}`,
    'Summary: tidegate test',
  ];
  head.push(
    `License: ${o.license}`,
    'AutoReqProv: no',
    ...(o.epoch !== undefined ? [`Epoch: ${o.epoch}`] : []),
  );
  if (o.noarch) head.push('BuildArch: noarch');
  const subs = o.subs ?? [];
  const dir = `%{buildroot}/usr/share/${o.name}`;
  return [
    ...head,
    '%description',
    'test',
    ...subs.flatMap((s) => [
      `%package -n ${s}`,
      'Summary: sub',
      `License: ${o.license} OR MIT`,
      `%description -n ${s}`,
      'sub',
    ]),
    '%install',
    `mkdir -p ${dir}`,
    `for i in $(seq 1 ${o.files ?? 1}); do echo x > ${dir}/f$i; done`,
    ...subs.map((s) => `mkdir -p %{buildroot}/usr/lib/${s} && echo x > %{buildroot}/usr/lib/${s}/lib.so`),
    ...Object.entries(o.paths ?? {}).map(
      ([p, text]) => `mkdir -p $(dirname %{buildroot}${p}) && printf '${text}' > %{buildroot}${p}`,
    ),
    '%files',
    `/usr/share/${o.name}`,
    ...Object.keys(o.paths ?? {}),
    ...subs.flatMap((s) => [`%files -n ${s}`, `/usr/lib/${s}/lib.so`]),
    '',
  ].join('\n');
}

async function rpmbuild(work: string, o: Spec, defines: string[] = []): Promise<void> {
  const file = join(work, `${o.name}-${o.version}.spec`);
  await writeFile(file, specText(o));
  // Post-install scripts (strip, compress, debuginfo) add nothing these tests read and take seconds.
  const all = [
    `_topdir ${join(work, 'top')}`,
    '__os_install_post %{nil}',
    'debug_package %{nil}',
    ...defines,
  ];
  await tool('rpmbuild', ['-bb', ...all.flatMap((d) => ['--define', d]), file]);
}

async function buildAll(work: string): Promise<Record<string, string>> {
  const subs = Array.from({ length: 20 }, (_, i) => `tg-base-sub${String(i + 1).padStart(2, '0')}`);
  await rpmbuild(work, { name: 'tg-base', version: '1.0', release: '1.tg', license: 'MIT', subs });
  const hello = {
    name: 'tg-hello',
    version: '1.2.3',
    release: '4.tg1',
    epoch: 3,
    noarch: true,
    subs: ['tg-hello-libs'],
  };
  await rpmbuild(work, { ...hello, license: 'MIT AND (Apache-2.0 OR GPL-2.0-or-later)' }, [
    'modularitylabel tg:stream:20240101:abcdef',
  ]);
  const cxx = { name: 'tg-libstdc++', version: '13.2.1', release: '7.tg', epoch: 0, files: 300 };
  await rpmbuild(work, { ...cxx, license: 'GPL-3.0-or-later WITH GCC-exception-3.1' });
  await rpmbuild(work, {
    name: 'openssl',
    version: '3.0.1',
    release: '41.el9',
    epoch: 1,
    license: 'ASL 2.0',
    subs: ['openssl-libs'],
  });
  for (const version of ['1.0', '2.0'])
    await rpmbuild(work, { name: 'tg-upgrade', version, release: '1', license: 'BSD' });
  await rpmbuild(work, { name: 'tg-later', version: '0.1', release: '1', license: 'Zlib' });
  const metadata = { [URLLIB3_METADATA]: 'Metadata-Version: 2.1\\nName: urllib3\\nVersion: 1.26.5\\n' };
  await rpmbuild(work, {
    name: 'python3-urllib3',
    version: '1.26.5',
    release: '1.el9',
    license: 'MIT',
    noarch: true,
    paths: metadata,
  });
  const list = (await tool('find', [join(work, 'top', 'RPMS'), '-name', '*.rpm'])).trim().split('\n');
  return Object.fromEntries(list.map((p) => [p.slice(p.lastIndexOf('/') + 1), p]));
}

/** `rpm` flags that write the database only, whatever this host's arch and OS. */
export const justDb = (dir: string) => [
  '--dbpath',
  dir,
  '--nodeps',
  '--justdb',
  '--ignorearch',
  '--ignoreos',
];

/** Built rpm files whose names match. */
export const pick = (s: RpmStates, re: RegExp) =>
  Object.entries(s.rpms)
    .filter(([f]) => re.test(f))
    .map(([, p]) => p);

async function importKey(work: string, db: string): Promise<void> {
  const env = { GNUPGHOME: await mkdtemp(join(tmpdir(), 'tidegate-gpg-')) };
  const uid = 'tidegate test <t@example.invalid>';
  await tool('gpg', ['--batch', '--passphrase', '', '--quick-gen-key', uid, 'ed25519', 'sign', 'never'], {
    env,
  });
  await writeFile(join(work, 'key.asc'), await tool('gpg', ['--armor', '--export'], { env }));
  await rm(env.GNUPGHOME, { recursive: true, force: true });
  await tool('rpm', ['--import', '--dbpath', db, join(work, 'key.asc')]);
}

/** Builds the packages and both database states under a new temporary directory. */
export async function makeRpmStates(): Promise<RpmStates> {
  const work = await mkdtemp(join(tmpdir(), 'tidegate-rpm-'));
  const s: RpmStates = { work, a: join(work, 'db-a'), b: join(work, 'db-b'), rpms: await buildAll(work) };
  await tool('rpm', ['--initdb', '--dbpath', s.a]);
  await tool('rpm', [
    '-i',
    ...justDb(s.a),
    ...pick(s, /^(tg-base|tg-hello|tg-libstdc|openssl|tg-upgrade-1\.0|python3-urllib3)/),
  ]);
  await importKey(work, s.a);
  await cp(s.a, s.b, { recursive: true });
  await tool('rpm', ['-U', ...justDb(s.b), ...pick(s, /^(tg-upgrade-2\.0|tg-later)/)]);
  await tool('rpm', ['-e', '--dbpath', s.b, '--nodeps', '--justdb', 'tg-base-sub20']);
  return s;
}

/** `rpm -qa --qf QF` on a copy of `dir` (rpm may checkpoint a WAL when it closes the database). */
export async function rpmQaText(work: string, dir: string): Promise<string> {
  const copy = await mkdtemp(join(work, 'qa-'));
  await cp(dir, copy, { recursive: true });
  return tool('rpm', ['-qa', '--dbpath', copy, '--qf', QF]);
}

/** rpm -qa rows, file lists sorted and without their leading slash, rows sorted. */
export async function rpmQa(work: string, dir: string): Promise<string[]> {
  const rows = (await rpmQaText(work, dir)).split('\n').filter(Boolean);
  return rows
    .map((row) => {
      const cols = row.split('\t');
      cols[8] = (cols[8] ?? '')
        .split('|')
        .filter(Boolean)
        .map((f) => f.replace(/^\//, ''))
        .sort()
        .join('|');
      return cols.join('\t');
    })
    .sort();
}

/** rpm's rows minus the gpg-pubkey entries (tidegate's one intended difference), asserting there is exactly one. */
export function withoutKeys(rows: string[]): string[] {
  const keys = rows.filter((r) => r.startsWith('gpg-pubkey\t'));
  assert.equal(keys.length, 1, 'the test database holds one imported signing key');
  return rows.filter((r) => r && !keys.includes(r));
}
