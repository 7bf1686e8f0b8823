import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TarEntry } from '../testing/images.js';
import { walkLayers, type LayerFiles } from '../testing/view.js';
import { configInput } from '../testing/check-inputs.js';
import { awsCredentialsFile } from './aws-credentials-file.js';
import type { FilesCheck } from './check.js';
import { dockerConfigFile } from './docker-config-file.js';
import { dotenvFile } from './dotenv-file.js';
import { gitDir } from './git-dir.js';
import { packageCache } from './package-cache.js';
import { runChecks } from './run.js';
import { modeString, setuidFiles } from './setuid-files.js';
import { shellHistory } from './shell-history.js';
import { sshPrivateKeyFile } from './ssh-private-key-file.js';
import { worldWritable } from './world-writable.js';

/** Runs one files check over layers built as real tars; returns `location@layer(1-based)`. */
async function hitsOf(check: FilesCheck, layers: (LayerFiles | TarEntry[])[]): Promise<string[]> {
  const { results, view } = await walkLayers(layers, []);
  const { config, repoTags } = configInput();
  const origins = results.map((r) => r.origin);
  const { findings, issues } = runChecks([check], {
    config,
    maskedConfig: config,
    repoTags,
    layers: origins,
    results,
    view,
    contentHits: [],
  });
  assert.deepEqual(issues, []);
  return findings.map((f) => `${f.location}@${(f.layer?.index ?? -1) + 1}`);
}

const file = (name: string, mode: number, extra: Partial<TarEntry> = {}): TarEntry => ({
  name,
  mode,
  content: 'x',
  ...extra,
});
const dir = (name: string, mode: number): TarEntry => ({ name, type: 'directory', mode });

const cases: { check: FilesCheck; name: string; layers: (LayerFiles | TarEntry[])[]; want: string[] }[] = [
  // CIS 4.8
  {
    check: setuidFiles,
    name: 'a setuid binary outside the allowlist',
    layers: [[file('usr/local/bin/tool', 0o4755)]],
    want: ['usr/local/bin/tool@1'],
  },
  { check: setuidFiles, name: 'a setgid binary', layers: [[file('opt/x', 0o2755)]], want: ['opt/x@1'] },
  {
    check: setuidFiles,
    name: 'allowlisted passwd and su pass',
    layers: [[file('usr/bin/passwd', 0o4755), file('bin/su', 0o4755)]],
    want: [],
  },
  { check: setuidFiles, name: 'a setgid directory passes', layers: [[dir('var/mail', 0o2775)]], want: [] },
  {
    check: setuidFiles,
    name: 'a bit removed by a later layer passes',
    layers: [[file('opt/x', 0o4755)], [file('opt/x', 0o755)]],
    want: [],
  },
  // world-writable
  {
    check: worldWritable,
    name: 'a world-writable file',
    layers: [[file('app/run.sh', 0o777)]],
    want: ['app/run.sh@1'],
  },
  {
    name: 'a world-writable directory covers what is inside it',
    check: worldWritable,
    layers: [[dir('app/data', 0o777), file('app/data/a', 0o666), file('app/data/b', 0o666)]],
    want: ['app/data@1'],
  },
  {
    check: worldWritable,
    name: '/tmp and files in it pass',
    layers: [[dir('tmp', 0o1777), file('tmp/x', 0o666)]],
    want: [],
  },
  {
    check: worldWritable,
    name: 'symlinks pass',
    layers: [[{ name: 'app/l', type: 'symlink', linkname: '/etc' }]],
    want: [],
  },
  {
    check: worldWritable,
    name: 'ordinary modes pass',
    layers: [[file('app/a', 0o644), dir('app', 0o755)]],
    want: [],
  },
  // package caches
  {
    check: packageCache,
    name: 'apt lists and apk cache, attributed to the newest layer adding files',
    layers: [
      { 'var/lib/apt/lists/deb_Packages': 'x' },
      { 'var/lib/apt/lists/deb_Release': 'y', 'var/cache/apk/APKINDEX.tar.gz': 'z' },
    ],
    want: ['var/lib/apt/lists@2', 'var/cache/apk@2'],
  },
  {
    check: packageCache,
    name: 'only the lock and partial dir pass',
    layers: [{ 'var/lib/apt/lists/lock': '', 'var/cache/apt/archives/lock': '' }],
    want: [],
  },
  {
    check: packageCache,
    name: 'a cache removed by a later layer passes',
    layers: [{ 'var/cache/apk/x': 'x' }, { 'var/cache/apk/x': null }],
    want: [],
  },
  // files that do not belong (every layer)
  {
    check: gitDir,
    name: 'a .git directory',
    layers: [{ 'app/.git/config': 'x', 'app/.git/HEAD': 'ref' }],
    want: ['app/.git@1'],
  },
  {
    check: gitDir,
    name: 'a .git deleted later still ships',
    layers: [{ 'app/.git/config': 'x' }, { 'app/.git': null }],
    want: ['app/.git@1'],
  },
  {
    check: gitDir,
    name: 'a .git file (worktree pointer) and .gitignore pass',
    layers: [{ 'app/.git': 'gitdir: x', 'app/.gitignore': 'x' }],
    want: [],
  },
  {
    check: dotenvFile,
    name: '.env and .env.production',
    layers: [{ 'app/.env': 'A=1', 'app/.env.production': 'A=2' }],
    want: ['app/.env.production@1', 'app/.env@1'],
  },
  { check: dotenvFile, name: '.env.example passes', layers: [{ 'app/.env.example': 'A=' }], want: [] },
  {
    check: sshPrivateKeyFile,
    name: 'id_rsa and host keys',
    layers: [{ 'root/.ssh/id_rsa': 'k', 'etc/ssh/ssh_host_ed25519_key': 'k' }],
    want: ['etc/ssh/ssh_host_ed25519_key@1', 'root/.ssh/id_rsa@1'],
  },
  {
    check: sshPrivateKeyFile,
    name: 'public halves pass',
    layers: [{ 'root/.ssh/id_rsa.pub': 'k', 'etc/ssh/ssh_host_rsa_key.pub': 'k' }],
    want: [],
  },
  {
    check: awsCredentialsFile,
    name: '.aws/credentials',
    layers: [{ 'root/.aws/credentials': '[default]' }],
    want: ['root/.aws/credentials@1'],
  },
  {
    check: awsCredentialsFile,
    name: '.aws/config passes',
    layers: [{ 'root/.aws/config': '[default]' }],
    want: [],
  },
  {
    check: dockerConfigFile,
    name: 'Docker and Podman auth files',
    layers: [{ 'root/.docker/config.json': '{}', 'run/containers/0/auth.json': '{}' }],
    want: ['root/.docker/config.json@1', 'run/containers/0/auth.json@1'],
  },
  {
    check: shellHistory,
    name: 'a bash history',
    layers: [{ 'root/.bash_history': 'ls' }],
    want: ['root/.bash_history@1'],
  },
  { check: shellHistory, name: 'an empty history passes', layers: [{ 'root/.bash_history': '' }], want: [] },
];

for (const c of cases) {
  test(`${c.check.id}: ${c.name}`, async () => {
    assert.deepEqual((await hitsOf(c.check, c.layers)).sort(), [...c.want].sort());
  });
}

test('files checks: a file deleted by a later layer says so and names the layer holding it', async () => {
  const { results, view } = await walkLayers([{ 'app/.env': 'A=1' }, { 'app/.env': null }], []);
  const { config, repoTags } = configInput();
  const ctx = {
    config,
    maskedConfig: config,
    repoTags,
    layers: results.map((r) => r.origin),
    results,
    view,
    contentHits: [],
  };
  const [f] = runChecks([dotenvFile], ctx).findings;
  assert.equal(
    f!.description,
    '.env is a dotenv file, which usually holds credentials (deleted by a later layer, but still stored in layer 1)',
  );
});

test('modeString: prints like ls -l', () => {
  assert.equal(modeString(0o4755), 'rwsr-xr-x');
  assert.equal(modeString(0o2644), 'rw-r-Sr--');
  assert.equal(modeString(0o1777), 'rwxrwxrwt');
});
