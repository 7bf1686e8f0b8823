// Builds the benchmark image once and caches it under .cache/bench (rebuilt only when its
// ".complete" marker is missing):
//   layer 1  Debian 12 minbase (debootstrap, shared with the test fixtures)
//   layer 2  /app: a real npm application, `npm install express webpack jest` (several hundred
//            packages from the npm registry), added with `umoci insert`
// Outputs: an OCI layout (gzip layers), a docker-archive of it (skopeo), and a one-record OSV DB.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDebian12 } from '../test/fixtures/prepare.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
export const benchDir = join(root, '.cache', 'bench');
const APP_DEPS = { express: '^4.21.0', webpack: '^5.95.0', jest: '^29.7.0' };

function run(cmd, args, opts = {}) {
  execFileSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'], ...opts });
}

function countPackages(nodeModules) {
  let n = 0;
  for (const name of readdirSync(nodeModules)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) n += readdirSync(join(nodeModules, name)).length;
    else n++;
  }
  return n;
}

export function prepareBenchImage() {
  const debian = prepareDebian12();
  const dir = join(benchDir, 'image-v1');
  const out = {
    oci: join(dir, 'oci'),
    archive: join(dir, 'image.tar'),
    osv: join(dir, 'osv'),
    app: join(dir, 'app'),
  };
  if (existsSync(join(dir, '.complete'))) return out;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(out.app, { recursive: true });
  writeFileSync(
    join(out.app, 'package.json'),
    JSON.stringify({ name: 'bench-app', version: '1.0.0', private: true, dependencies: APP_DEPS }),
  );
  console.error('bench: npm install express webpack jest (from the npm registry)');
  run('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=optional'], { cwd: out.app });
  console.error(`bench: ${countPackages(join(out.app, 'node_modules'))} top-level packages in node_modules`);
  run('skopeo', ['copy', '--quiet', `oci:${debian.oci}:latest`, `oci:${out.oci}:latest`]);
  run('umoci', [
    'insert',
    '--image',
    `${out.oci}:latest`,
    '--history.created_by',
    'COPY . /app',
    out.app,
    '/app',
  ]);
  run('skopeo', ['copy', '--quiet', `oci:${out.oci}:latest`, `docker-archive:${out.archive}:bench/app:1`]);
  mkdirSync(out.osv, { recursive: true });
  const record = {
    schema_version: '1.6.0',
    id: 'BENCH-1',
    modified: '2024-01-01T00:00:00Z',
    affected: [
      {
        package: { ecosystem: 'npm', name: 'express' },
        ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.1' }] }],
      },
    ],
  };
  writeFileSync(join(out.osv, 'BENCH-1.json'), JSON.stringify(record));
  writeFileSync(join(dir, '.complete'), new Date().toISOString());
  return out;
}
