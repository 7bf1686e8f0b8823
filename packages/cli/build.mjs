// Bundles the CLI into one file (dist/tidegate.js) with esbuild: no runtime dependencies, so
// the integrations can ship or download a single file.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/tidegate.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  keepNames: true,
  legalComments: 'linked',
  banner: {
    js: "import { createRequire as __tgCreateRequire } from 'node:module'; const require = __tgCreateRequire(import.meta.url);",
  },
  // Optional peers of @cyclonedx/cyclonedx-library, required lazily (in try/catch) only by its
  // BOM validators and XML serialiser, which tidegate never calls. Left out of the bundle, so
  // the native libxmljs2 can never end up in it (DESIGN.md: no native addons).
  external: ['libxmljs2', 'xmlbuilder2', 'ajv-formats-draft2019'],
  logLevel: 'warning',
});
