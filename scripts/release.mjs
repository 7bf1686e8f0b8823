#!/usr/bin/env node
// Makes a release's artifacts from a built tree (npm run build), for .github/workflows/release.yml
// and the distribution test (docs/adr/0015-distribution-and-integrity.md):
//   tidegate.mjs                 the self-contained CLI (no runtime dependencies), and licenses.txt
//   tidegate-cli-VERSION.tgz     @tidegate/cli: that file as the package's bin, nothing else
//   tidegate-core-VERSION.tgz    @tidegate/core: the library (build/, no tests, no test support)
//   SHA256SUMS                   sha256sum's format, for the GitHub release
//   pins.json                    {version, bundleSha256, npmIntegrity}: what the orb and the
//                                Jenkins step verify
//   orb.yml                      the packed orb with those pins as its install defaults
//   node scripts/release.mjs --out DIR
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));

const sha256 = (file) => createHash('sha256').update(readFileSync(file)).digest('hex');
const integrity = (file) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

/** `npm pack DIR` into `out`; returns the tarball's path. */
function pack(dir, out) {
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', out, dir], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return join(out, JSON.parse(json)[0].filename);
}

/**
 * The published @tidegate/cli: the bundle as its bin and nothing it does not need. The workspace
 * package (packages/cli) stays private to the repository: its exports serve the Action's build.
 */
function cliPackage(out, version) {
  const dir = join(out, 'npm', 'cli');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const ws = read('packages/cli/package.json');
  const manifest = {
    name: '@tidegate/cli',
    version,
    description: ws.description,
    license: ws.license,
    type: 'module',
    bin: { tidegate: 'tidegate.mjs' },
    files: ['tidegate.mjs', 'licenses.txt', 'README.md'],
    engines: ws.engines,
    repository: {
      type: 'git',
      url: 'git+https://github.com/tidegate/tidegate.git',
      directory: 'packages/cli',
    },
  };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  copyFileSync(join(root, 'packages/cli/dist/tidegate.mjs'), join(dir, 'tidegate.mjs'));
  copyFileSync(join(root, 'packages/cli/dist/licenses.txt'), join(dir, 'licenses.txt'));
  copyFileSync(join(root, 'packages/cli/README.md'), join(dir, 'README.md'));
  return dir;
}

/** Compiled files whose source is gone (tsc -b never deletes them): they must not be published. */
function staleOutputs(pkg) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) {
        const src = p.replace(`${sep}build${sep}`, `${sep}src${sep}`).replace(/\.js$/, '.ts');
        if (!existsSync(src)) out.push(p.slice(root.length + 1));
      }
    }
  };
  walk(join(root, 'packages', pkg, 'build'));
  return out;
}

/** Builds every artifact into `out`; returns the pins. */
export async function release(out) {
  const version = read('package.json').version;
  for (const p of ['packages/core/package.json', 'packages/cli/package.json'])
    if (read(p).version !== version)
      throw new Error(`release: ${p} is not at the product version ${version}`);
  const stale = staleOutputs('core');
  if (stale.length)
    throw new Error(`release: stale compiled files (run a clean build): ${stale.slice(0, 5).join(', ')}`);
  mkdirSync(out, { recursive: true });
  const bundle = join(out, 'tidegate.mjs');
  copyFileSync(join(root, 'packages/cli/dist/tidegate.mjs'), bundle);
  copyFileSync(join(root, 'packages/cli/dist/licenses.txt'), join(out, 'licenses.txt'));
  const cliTgz = pack(cliPackage(out, version), out);
  const coreTgz = pack(join(root, 'packages', 'core'), out);
  const files = [bundle, cliTgz, coreTgz];
  writeFileSync(
    join(out, 'SHA256SUMS'),
    files.map((f) => `${sha256(f)}  ${f.slice(out.length + 1)}\n`).join(''),
  );
  const pins = { version, bundleSha256: sha256(bundle), npmIntegrity: integrity(cliTgz) };
  writeFileSync(join(out, 'pins.json'), `${JSON.stringify(pins, null, 2)}\n`);
  const { packOrb } = await import(pathToFileURL(join(root, 'scripts', 'orb-pack.mjs')).href);
  writeFileSync(join(out, 'orb.yml'), await packOrb(undefined, () => {}, pins));
  return { pins, cliTgz, coreTgz, bundle };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  if (i < 0 || !process.argv[i + 1]) {
    console.error('release: usage: node scripts/release.mjs --out DIR');
    process.exit(2);
  }
  const { pins } = await release(resolve(process.argv[i + 1]));
  console.log(
    `release: tidegate ${pins.version}: tidegate.mjs ${pins.bundleSha256}, @tidegate/cli ${pins.npmIntegrity}`,
  );
}
