// Bundles the Action into one committed file, dist/index.js, the way GitHub runs it: no
// node_modules next to it (STYLE rule 33, ADR 0004). ESM with a createRequire banner, because
// some bundled dependencies are CommonJS and call require() for Node built-ins (tunnel, yauzl).
// Also writes dist/licenses.txt (the licence of every bundled package). No source map and no
// metafile are written: only what GitHub runs is committed; the metafile stays in memory for the
// tests. The output is byte-for-byte reproducible: test/e2e/action-dist.itest.ts rebuilds it in
// memory and compares.
//   node build.mjs            write dist/
//   import { bundle }         the same files in memory, for the freshness test
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleLicenses } from '../../scripts/lib/bundle-licenses.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

/**
 * Lets esbuild drop toolkit modules the Action never calls. @actions/core imports its OIDC client
 * (@actions/http-client, undici, tunnel) and @actions/exec at load time, though the Action uses
 * only its inputs, masking and setFailed (everything else is `tidegate ci`'s). Marked
 * side-effect-free, the unused ones fall out. A module that is used stays, marked or not.
 */
const unusedToolkitParts = {
  name: 'unused-toolkit-parts',
  setup(b) {
    const filter = /^(?:@actions\/(?:http-client|exec|io)|undici|tunnel)(?:\/|$)|^\.\/utils\.js$/;
    b.onResolve({ filter }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      if (args.path === './utils.js' && !/[\\/]@actions[\\/]github[\\/]/.test(args.importer))
        return undefined;
      const { resolveDir, importer, kind } = args;
      const r = await b.resolve(args.path, { resolveDir, importer, kind, pluginData: 'resolving' });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.path, sideEffects: false };
    });
  },
};

/**
 * Optional peers that a bundled library require()s lazily inside try/catch and tidegate never
 * needs (@cyclonedx/cyclonedx-library's XML serialiser and validators; libxmljs2 is a native
 * addon, which the Action must never carry). Each becomes a module that throws when loaded,
 * which is what the library sees when the peer is not installed, so the bundle keeps no
 * require() of a package that is not in it.
 */
const OPTIONAL_PEERS = ['libxmljs2', 'xmlbuilder2', 'ajv-formats-draft2019'];
const optionalPeers = {
  name: 'optional-peers',
  setup(b) {
    const filter = new RegExp(`^(?:${OPTIONAL_PEERS.join('|')})(?:/|$)`);
    b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'optional-peer' }));
    b.onLoad({ filter: /.*/, namespace: 'optional-peer' }, (args) => ({
      contents: `throw new Error(${JSON.stringify(`${args.path} is not bundled with the tidegate Action`)});`,
      loader: 'js',
    }));
  },
};

/**
 * Builds the bundle in memory: `files` (`{ 'dist/index.js': text, … }`, keyed by path relative to
 * the package) and esbuild's `metafile`.
 */
export async function bundle() {
  const result = await build({
    absWorkingDir: here,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/index.js',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    minify: true,
    keepNames: true,
    metafile: true,
    write: false,
    legalComments: 'none',
    banner: {
      js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);",
    },
    plugins: [unusedToolkitParts, optionalPeers],
    logLevel: 'warning',
  });
  const files = {};
  for (const f of result.outputFiles) files[relative(here, f.path).split(sep).join('/')] = f.text;
  files['dist/licenses.txt'] = bundleLicenses(result.metafile, 'dist/index.js', here, 'dist/index.js');
  return { files, metafile: result.metafile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files } = await bundle();
  mkdirSync(join(here, 'dist'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(here, rel), text);
  const kb = (n) => `${(n / 1024).toFixed(0)} KiB`;
  process.stderr.write(
    `github-action: dist/index.js ${kb(Buffer.byteLength(files['dist/index.js']))} (${relative(root, here)})\n`,
  );
}
