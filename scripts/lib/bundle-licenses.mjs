// The licences of every package esbuild bundled into one output, from its metafile: shared by
// the Action's and the CLI's builds, so both bundles ship the licences of what they carry.
import { readFileSync, readdirSync } from 'node:fs';
import { join, sep } from 'node:path';

/**
 * `metafile.outputs[output]`'s bundled packages, each with its licence text, sorted by name.
 * `base` is the directory the metafile's paths are relative to (esbuild's absWorkingDir).
 */
export function bundleLicenses(metafile, output, base, what) {
  const pkgs = new Map();
  const bundled = Object.entries(metafile.outputs[output].inputs);
  for (const input of bundled.filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k)) {
    const path = input.split(sep).join('/');
    // the innermost node_modules/<name>/ (or node_modules/@scope/<name>/) holds the package
    const m = [...path.matchAll(/(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//g)].pop();
    if (!m) continue;
    const dir = join(base, path.slice(0, m.index + m[0].length - 1));
    if (!pkgs.has(m[1])) pkgs.set(m[1], dir);
  }
  const parts = [];
  for (const name of [...pkgs.keys()].sort()) {
    const dir = pkgs.get(name);
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(dir, file), 'utf8').trim() : '(no licence file in the package)';
    parts.push(`${name}@${meta.version}\nLicense: ${meta.license ?? 'UNKNOWN'}\n\n${text}\n`);
  }
  const head =
    `Third-party packages bundled into ${what}, with their licences.\n` +
    'tidegate itself (packages/core, packages/cli, packages/github-action) is Apache-2.0.\n';
  return `${head}\n${'-'.repeat(80)}\n\n${parts.join(`\n${'-'.repeat(80)}\n\n`)}`;
}
