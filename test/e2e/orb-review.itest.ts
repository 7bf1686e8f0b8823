// The orb-tools review checks RC001-RC012 (CircleCI-Public/orb-tools-orb src/scripts/review.bats),
// run on our orb source, plus the checks our own conventions add (STYLE rules 35 and 38).
// Where orb-tools needs the network (RC006/RC007 fetch the URLs) or a release tag (RC011), the
// offline equivalent is noted on the test.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoRoot } from '@tidegate/core/testing';
import { orbComponents, orbRoot, orbSrc, walk } from '../helpers/orb.js';
import { commands, globalFlags } from '@tidegate/cli';
import { envNameForFlag } from '@tidegate/core';

/** orb-tools' default max_command_length: longer run commands must be includes (RC009). */
const MAX_COMMAND_LENGTH = 64;
const components = orbComponents();
const steppers = components.filter((c) => c.kind === 'jobs' || c.kind === 'commands');
const display = (orbRoot().display ?? {}) as Record<string, string | undefined>;
const productVersion = (JSON.parse(readFileSync(`${repoRoot()}/package.json`, 'utf8')) as { version: string })
  .version;

/** Every `run` value anywhere in a component (also inside `when` steps), like review.bats' jq paths. */
function runSteps(body: unknown): { path: string; run: unknown }[] {
  return [...walk(body)]
    .filter(([p]) => p[p.length - 1] === 'run')
    .map(([p, run]) => ({ path: p.join('.'), run }));
}

function params(body: Record<string, unknown>): Record<string, Record<string, unknown>> {
  return (body.parameters ?? {}) as Record<string, Record<string, unknown>>;
}

test('RC001: @orb.yml has display.source_url', () => {
  assert.ok(display.source_url, 'set display.source_url in @orb.yml');
});

test('RC002: every job, command, executor and example has a description', () => {
  const missing = components.filter(
    (c) => typeof c.body.description !== 'string' || !c.body.description.trim(),
  );
  assert.deepEqual(
    missing.map((c) => c.file),
    [],
  );
});

test('RC003: the orb has at least one usage example', () => {
  assert.ok(components.some((c) => c.kind === 'examples'));
});

test('RC004: usage example file names are descriptive (no "example" in them)', () => {
  const bad = components.filter((c) => c.kind === 'examples' && c.name.includes('example'));
  assert.deepEqual(
    bad.map((c) => c.file),
    [],
  );
});

test('RC005: the orb description is detailed (64 characters or more)', () => {
  assert.ok(String(orbRoot().description ?? '').length >= 64);
});

// RC006/RC007 fetch the URLs with curl; there is no network here, so they must be well-formed
// https URLs (a home_url is optional, as in review.bats).
for (const [rc, key] of [
  ['RC006', 'source_url'],
  ['RC007', 'home_url'],
] as const) {
  test(`${rc}: display.${key} is a valid https URL`, () => {
    const value = display[key];
    if (key === 'home_url' && value === undefined) return;
    const url = new URL(value ?? '');
    assert.equal(url.protocol, 'https:');
    assert.ok(url.hostname.includes('.'));
  });
}

test('RC008: every run step, in jobs and commands, is an object with a name', () => {
  const bad = steppers.flatMap((c) =>
    runSteps(c.body)
      .filter(({ run }) => typeof run === 'string' || !(run as { name?: string }).name)
      .map(({ path }) => `${c.file}: ${path}`),
  );
  assert.deepEqual(bad, []);
});

test(`RC009: run commands longer than ${MAX_COMMAND_LENGTH} characters are <<include(scripts/…)>>`, () => {
  const bad = steppers.flatMap((c) =>
    runSteps(c.body)
      .filter(({ run }) => {
        const command = String((run as { command?: string }).command ?? '');
        return command.length > MAX_COMMAND_LENGTH && !/^<<include\(/.test(command);
      })
      .map(({ path }) => `${c.file}: ${path}`),
  );
  assert.deepEqual(bad, []);
});

test('RC010: job, command and executor files and their parameters are snake_case', () => {
  const bad: string[] = [];
  for (const c of components.filter((x) => x.kind !== 'examples')) {
    if (c.name.includes('-')) bad.push(c.file);
    for (const p of Object.keys(params(c.body))) if (p.includes('-')) bad.push(`${c.file}: ${p}`);
  }
  assert.deepEqual(bad, []);
});

// RC011 compares with the release tag's major version; tidegate has one version for every part
// (STYLE rule 35), so every example must reference exactly the product version.
test('RC011: usage examples reference the current version of the orb', () => {
  const bad: string[] = [];
  for (const c of components.filter((x) => x.kind === 'examples')) {
    const orbs = ((c.body.usage as Record<string, unknown>).orbs ?? {}) as Record<string, string>;
    if (orbs.tidegate !== `tidegate/tidegate@${productVersion}`) bad.push(`${c.file}: ${orbs.tidegate}`);
  }
  assert.deepEqual(bad, []);
});

test('RC012: no parameter default that references an environment variable is used in a key', () => {
  const bad: string[] = [];
  for (const c of components.filter((x) => x.kind !== 'examples')) {
    for (const [name, p] of Object.entries(params(c.body))) {
      const d = p.default;
      if (typeof d !== 'string' || !d.includes('$') || d.endsWith('$')) continue;
      for (const [path, v] of walk(c.body))
        if (typeof v === 'string' && v.includes(name) && /key$/.test(String(path[path.length - 1])))
          bad.push(`${c.file}: ${name} (default ${d}) used in ${path.join('.')}`);
    }
  }
  assert.deepEqual(bad, []);
});

// Our own conventions, beyond orb-tools' review.

test('orb: every parameter is declared and used, and every declared one is used', () => {
  const bad: string[] = [];
  for (const c of components.filter((x) => x.kind !== 'examples')) {
    const declared = Object.keys(params(c.body));
    const text = JSON.stringify({ ...c.body, parameters: undefined });
    const used = new Set([...text.matchAll(/<<\s*parameters\.(\w+)\s*>>/g)].map((m) => m[1]!));
    for (const u of used)
      if (!declared.includes(u)) bad.push(`${c.file}: << parameters.${u} >> is not declared`);
    for (const d of declared) if (!used.has(d)) bad.push(`${c.file}: parameter ${d} is never used`);
  }
  assert.deepEqual(bad, []);
});

/** `tidegate ci`'s variables: the TIDEGATE_<FLAG> of each of its flags (the CLI's own table). */
const ciVariables = new Set(
  [...commands.find((c) => c.name === 'ci')!.flags, ...globalFlags]
    .filter((f) => f.env !== false)
    .map((f) => envNameForFlag(f.name)),
);

test('orb: every include names a script that exists, every script is included and reads what its step sets', () => {
  const scripts = readdirSync(orbSrc('scripts')).filter((f) => f.endsWith('.sh'));
  const included = new Set<string>();
  const bad: string[] = [];
  for (const c of steppers) {
    for (const { path, run } of runSteps(c.body)) {
      const r = run as { command: string; environment?: Record<string, string> };
      const m = /^<<include\((scripts\/[\w.-]+)\)>>$/.exec(r.command);
      if (!m) continue;
      included.add(m[1]!.slice('scripts/'.length));
      if (!existsSync(orbSrc(m[1]!))) {
        bad.push(`${c.file}: ${path} includes a missing ${m[1]}`);
        continue;
      }
      const script = readFileSync(orbSrc(m[1]!), 'utf8');
      for (const env of Object.keys(r.environment ?? {}))
        if (!script.includes(env)) bad.push(`${c.file}: ${path} sets ${env}, which ${m[1]} never reads`);
    }
  }
  for (const s of scripts) if (!included.has(s)) bad.push(`scripts/${s} is never included`);
  assert.deepEqual(bad, []);
});

test("orb: parameters reach commands only as variables (the script's, or tidegate ci's own), never in a command line; no eval", () => {
  const bad: string[] = [];
  for (const c of steppers)
    for (const { path, run } of runSteps(c.body)) {
      const r = run as { command: string; environment?: Record<string, string> };
      if (/<<\s*parameters\./.test(r.command)) bad.push(`${c.file}: ${path}: a parameter in the command`);
      if (!/^tidegate ci\b/.test(r.command)) continue;
      for (const name of Object.keys(r.environment ?? {}))
        if (!ciVariables.has(name)) bad.push(`${c.file}: ${path}: ${name} is not a tidegate ci variable`);
      if (!r.command.includes('--expand-env'))
        bad.push(`${c.file}: ${path}: $VARS in parameters need --expand-env`);
    }
  for (const s of readdirSync(orbSrc('scripts')))
    if (/\beval\b/.test(readFileSync(orbSrc('scripts', s), 'utf8').replace(/#.*$/gm, '')))
      bad.push(`scripts/${s} uses eval`);
  assert.deepEqual(bad, []);
});

test('orb: the token is an env_var_name parameter, so only its name is ever interpolated', () => {
  for (const c of components.filter((x) => x.kind !== 'examples')) {
    for (const [name, p] of Object.entries(params(c.body)))
      if (/token/i.test(name)) assert.equal(p.type, 'env_var_name', `${c.file}: ${name}`);
  }
});

test('orb: the CLI version the orb installs by default is the product version (STYLE rule 35)', () => {
  for (const c of components.filter((x) => x.name === 'install' || x.kind === 'jobs')) {
    const v = params(c.body).version;
    if (v) assert.equal(v.default, productVersion, c.file);
  }
});
