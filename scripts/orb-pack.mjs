#!/usr/bin/env node
// Packs the orb source (orbs/tidegate/src, orb-tools layout) into one orb.yml, the way
// `circleci orb pack` does (circleci-cli cmd/orb.go packOrb, filetree/filetree.go,
// process/process.go), so the repository needs no circleci CLI:
//   - src/@orb.yml (and any other YAML file directly in src/) is merged into the top level;
//   - only the folders commands/, jobs/, executors/ and examples/ are read (scripts/, tests/ and
//     dot-folders are not); each YAML file in them becomes a key named after the file without its
//     extension, and a file named @*.yml is merged into its folder's map;
//   - every string in commands, jobs and executors that is `<<include(PATH)>>` becomes the text
//     of src/PATH, with each `<<` escaped as `\<<`; an include must be the whole string, one only;
//   - maps come out with sorted keys (Go's YAML encoder sorts map keys), the top level in the
//     CLI's OrbSchema order (version, description, display, orbs, commands, executors, jobs,
//     examples), and an example keeps only description, usage and result (usage: version,
//     setup, orbs, jobs, workflows), exactly the fields the CLI's structs carry.
// The result is formatted with the repository's prettier settings, so `prettier --check` passes.
//   node scripts/orb-pack.mjs           writes orbs/tidegate/orb.yml
//   node scripts/orb-pack.mjs --check   fails if orbs/tidegate/orb.yml is not what packing gives
//   node scripts/orb-pack.mjs --pins PINS.json --out FILE   the release's orb, its CLI pinned
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as prettier from 'prettier';
import YAML from 'yaml';

const root = join(fileURLToPath(import.meta.url), '..', '..');
export const orbSrcDir = join(root, 'orbs', 'tidegate', 'src');
export const packedOrbPath = join(root, 'orbs', 'tidegate', 'orb.yml');

const COMPONENT_DIRS = ['commands', 'executors', 'jobs', 'examples'];
const TOP_LEVEL = ['version', 'description', 'display', 'orbs', 'commands', 'executors', 'jobs', 'examples'];
const EXAMPLE_KEYS = ['description', 'usage', 'result'];
const USAGE_KEYS = ['version', 'setup', 'orbs', 'jobs', 'workflows'];
const INCLUDE = /<<[\s]*include\(([-\w/.]+)\)?[\s]*>>/g;
const isYaml = (name) => /.+\.(yml|yaml)$/.test(name);
const isLetter = (c) => /\p{L}/u.test(c);
const isDigit = (c) => /\p{Nd}/u.test(c);

/** Go yaml.v3's map key order (keyList.Less): runs of digits compare as numbers. */
export function compareKeys(a, b) {
  const ar = [...a];
  const br = [...b];
  let digits = false;
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) {
      digits = isDigit(ar[i]);
      continue;
    }
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i] < br[i] ? -1 : 1;
    if (al || bl) return (digits ? al : bl) ? -1 : 1;
    let ai = i;
    while (ai > 0 && isDigit(ar[ai - 1])) ai--;
    let bi = i;
    while (bi > 0 && isDigit(br[bi - 1])) bi--;
    let an = 0;
    let bn = 0;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn ? -1 : 1;
    return ar[i] < br[i] ? -1 : 1;
  }
  return ar.length - br.length;
}

const isMap = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep copy with every map's keys in Go's order. */
function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort(compareKeys)
      .map((k) => [k, sortKeys(v[k])]),
  );
}

/** One YAML file, which must hold a map (or nothing), as `circleci orb pack` requires. */
function readMap(path) {
  const value = YAML.parse(readFileSync(path, 'utf8')) ?? {};
  if (!isMap(value)) throw new Error(`orb-pack: expected a map in ${relative(root, path)}`);
  return value;
}

/** The merged tree of src/: root files at the top, one key per component file. */
function readTree(srcDir) {
  const tree = {};
  const names = readdirSync(srcDir).sort();
  for (const name of names) {
    const path = join(srcDir, name);
    if (statSync(path).isFile() && isYaml(name) && !name.startsWith('.')) Object.assign(tree, readMap(path));
  }
  for (const dir of COMPONENT_DIRS) {
    const path = join(srcDir, dir);
    if (!existsSync(path)) continue;
    const group = isMap(tree[dir]) ? { ...tree[dir] } : {};
    for (const name of readdirSync(path).sort()) {
      const file = join(path, name);
      if (!statSync(file).isFile() || !isYaml(name) || name.startsWith('.')) continue;
      if (name.startsWith('@')) Object.assign(group, readMap(file));
      else group[basename(name, extname(name))] = readMap(file);
    }
    tree[dir] = group;
  }
  return tree;
}

/** process.MaybeIncludeFile: the whole string is one include, or there is none. */
export function maybeInclude(s, srcDir) {
  const matches = [...s.matchAll(INCLUDE)].slice(0, 2);
  if (matches.length > 1) throw new Error(`orb-pack: multiple include statements: '${s}'`);
  if (matches.length === 0) return s;
  if (matches[0][0] !== s) throw new Error(`orb-pack: entire string must be include statement: '${s}'`);
  const path = join(srcDir, matches[0][1]);
  if (!existsSync(path)) throw new Error(`orb-pack: could not open ${relative(root, path)} for inclusion`);
  return readFileSync(path, 'utf8').replaceAll('<<', '\\<<');
}

function inlineIncludes(v, srcDir) {
  if (typeof v === 'string') return v === '' ? v : maybeInclude(v, srcDir);
  if (Array.isArray(v)) return v.map((x) => inlineIncludes(x, srcDir));
  if (!isMap(v)) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [maybeInclude(k, srcDir), inlineIncludes(x, srcDir)]),
  );
}

const empty = (v) => v === undefined || v === null || v === '' || (isMap(v) && !Object.keys(v).length);

/** Keeps `keys` of `obj` in that order, dropping empty ones except those in `keepEmpty`; reports the rest. */
function pick(obj, keys, where, warn, keepEmpty = []) {
  for (const k of Object.keys(obj)) if (!keys.includes(k)) warn(`${where}: '${k}' is dropped by orb pack`);
  const out = {};
  for (const k of keys) {
    if (!empty(obj[k])) out[k] = obj[k];
    else if (keepEmpty.includes(k)) out[k] = obj[k] ?? null;
  }
  return out;
}

function example(name, ex, warn) {
  const out = pick(ex, EXAMPLE_KEYS, `examples/${name}`, warn);
  for (const part of ['usage', 'result']) {
    if (!isMap(out[part])) continue;
    const u = pick(out[part], USAGE_KEYS, `examples/${name}.${part}`, warn, ['workflows']);
    // ExampleUsageSchema.Version is a Go string: 2.1 comes back out as the string '2.1'.
    if (u.version !== undefined) u.version = String(u.version);
    out[part] = u;
  }
  return out;
}

/**
 * A release's pins (scripts/release.mjs writes them): the SHA-256 of its tidegate.mjs and the
 * sha512 integrity of its @tidegate/cli tarball become the install command's defaults, so the
 * published orb verifies exactly the CLI of its own version (docs/adr/0015-distribution-and-integrity.md).
 */
function applyPins(orb, pins) {
  const p = orb.commands?.install?.parameters;
  if (!p?.bundle_sha256 || !p?.npm_integrity)
    throw new Error('orb-pack: the install command has no pin parameters');
  if (!/^[0-9a-f]{64}$/.test(pins.bundleSha256 ?? ''))
    throw new Error('orb-pack: pins.bundleSha256 is not a SHA-256');
  if (!/^sha512-[A-Za-z0-9+/]+=*$/.test(pins.npmIntegrity ?? ''))
    throw new Error('orb-pack: pins.npmIntegrity is not a sha512 integrity');
  p.bundle_sha256.default = pins.bundleSha256;
  p.npm_integrity.default = pins.npmIntegrity;
  for (const part of [orb.commands.install.parameters.version, orb.jobs?.scan?.parameters?.version])
    if (part && pins.version && part.default !== pins.version)
      throw new Error(`orb-pack: the orb installs ${part.default}, the pins are for ${pins.version}`);
}

/**
 * Packs `srcDir` and returns the orb as a plain object in `circleci orb pack`'s key order.
 * `warn` receives every key the CLI's structs would drop; `pins` (a release's) fill the install
 * command's SHA-256 and integrity defaults.
 */
export function packOrbObject(srcDir = orbSrcDir, warn = (m) => console.warn(m), pins = undefined) {
  if (!existsSync(join(srcDir, '@orb.yml')))
    throw new Error('orb-pack: @orb.yml file not found, are you sure this is the Orb root?');
  const tree = sortKeys(readTree(srcDir));
  for (const part of ['commands', 'executors', 'jobs'])
    if (tree[part] !== undefined) tree[part] = inlineIncludes(tree[part], srcDir);
  const orb = pick(tree, TOP_LEVEL, '@orb.yml', warn);
  if (pins) applyPins(orb, pins);
  if (isMap(orb.examples))
    orb.examples = Object.fromEntries(
      Object.entries(orb.examples).map(([name, ex]) => [name, example(name, ex, warn)]),
    );
  return orb;
}

const HEADER =
  '# Packed from src/ by `npm run orb:pack` (scripts/orb-pack.mjs), as `circleci orb pack` would; do not edit.\n';

/** The packed orb.yml text, formatted with the repository's prettier settings. */
export async function packOrb(srcDir = orbSrcDir, warn, pins = undefined) {
  const text = YAML.stringify(packOrbObject(srcDir, warn, pins), {
    lineWidth: 0,
    blockQuote: 'literal',
    aliasDuplicateObjects: false,
  });
  const options = (await prettier.resolveConfig(packedOrbPath)) ?? {};
  return prettier.format(HEADER + text, { ...options, filepath: packedOrbPath });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const arg = (name) => {
      const i = process.argv.indexOf(name);
      return i < 0 ? undefined : process.argv[i + 1];
    };
    const pinsFile = arg('--pins');
    const pins = pinsFile ? JSON.parse(readFileSync(pinsFile, 'utf8')) : undefined;
    const text = await packOrb(undefined, undefined, pins);
    if (arg('--out')) {
      writeFileSync(arg('--out'), text);
      console.log(`orb-pack: wrote ${arg('--out')}${pins ? ` (pinned to tidegate ${pins.version})` : ''}`);
    } else if (process.argv.includes('--check')) {
      if (!existsSync(packedOrbPath) || readFileSync(packedOrbPath, 'utf8') !== text) {
        console.error('orb-pack: orbs/tidegate/orb.yml is out of date (run npm run orb:pack)');
        process.exit(1);
      }
    } else {
      writeFileSync(packedOrbPath, text);
      console.log(`orb-pack: wrote ${relative(root, packedOrbPath)}`);
    }
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
}
