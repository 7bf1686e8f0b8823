// Bundles the CLI into one self-contained ES module, dist/tidegate.mjs, with esbuild: no runtime
// dependencies and no node_modules beside it, so the integrations can ship, pin (SHA-256) and
// run a single file (ADR 0004, docs/adr/0015-distribution-and-integrity.md). Also writes dist/licenses.txt. Deterministic:
// the same sources give the same bytes, so a release's SHA-256 can be reproduced.
//   node build.mjs            write dist/
//   import { bundle }         the same files in memory
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { bundleLicenses } from '../../scripts/lib/bundle-licenses.mjs';

const here = dirname(fileURLToPath(import.meta.url));

/** The bundle in memory: `{ 'dist/tidegate.mjs': text, 'dist/licenses.txt': text }`. */
export async function bundle() {
  const result = await build({
    absWorkingDir: here,
    entryPoints: ['src/main.ts'],
    outfile: 'dist/tidegate.mjs',
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
      js: "#!/usr/bin/env node\nimport { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);",
    },
    // Optional peers of @cyclonedx/cyclonedx-library, required lazily (in try/catch) only by its
    // BOM validators and XML serialiser, which tidegate never calls. Left out of the bundle, so
    // the native libxmljs2 can never end up in it (DESIGN.md: no native addons).
    external: ['libxmljs2', 'xmlbuilder2', 'ajv-formats-draft2019'],
    logLevel: 'warning',
  });
  const files = {};
  for (const f of result.outputFiles) files[relative(here, f.path).split(sep).join('/')] = f.text;
  files['dist/licenses.txt'] = bundleLicenses(result.metafile, 'dist/tidegate.mjs', here, 'tidegate.mjs');
  return { files, metafile: result.metafile };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files } = await bundle();
  mkdirSync(join(here, 'dist'), { recursive: true });
  for (const [rel, text] of Object.entries(files)) writeFileSync(join(here, rel), text, { mode: 0o755 });
}
