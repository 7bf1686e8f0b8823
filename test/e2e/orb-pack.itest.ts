// The packed orb (scripts/orb-pack.mjs → orbs/tidegate/orb.yml): fresh, faithful to the source,
// and valid against the CircleCI schema, as is every usage example (STYLE rules 24, 31, 38).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { schemaPath } from '@tidegate/core/testing';
import YAML from 'yaml';
import { loadOrbPack, orbComponents, orbSrc, type OrbPack } from '../helpers/orb.js';

// ajv and ajv-formats are CommonJS: loaded as core's schema tests load them.
const require = createRequire(import.meta.url);
type ValidateFunction = ((d: unknown) => boolean) & { errors?: unknown };
type AjvLike = { compile(s: object): ValidateFunction };
const Ajv = require('ajv').default as new (o: object) => AjvLike;
const addFormats = require('ajv-formats').default as (a: AjvLike) => void;

let pack: OrbPack;
let validate: ValidateFunction;
let packed: Record<string, unknown>;
let work: string;

before(async () => {
  pack = await loadOrbPack();
  // The CircleCI schema is draft-07 and annotates with markdownDescription, which strict mode rejects.
  const schema = JSON.parse(await readFile(schemaPath('circleci', 'schema.json'), 'utf8')) as object;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  validate = ajv.compile(schema);
  packed = YAML.parse(await readFile(pack.packedOrbPath, 'utf8')) as Record<string, unknown>;
  work = await mkdtemp(join(tmpdir(), 'tidegate-orb-pack-'));
});
after(async () => {
  await rm(work, { recursive: true, force: true });
});

function expectValid(doc: unknown, what: string): void {
  const ok = validate(doc);
  assert.ok(
    ok,
    `${what} is not valid against the CircleCI schema:\n${JSON.stringify(validate.errors, null, 2)}`,
  );
}

test('orb pack: the committed orb.yml is what packing the source gives (npm run orb:pack)', async () => {
  assert.equal(await readFile(pack.packedOrbPath, 'utf8'), await pack.packOrb(undefined, () => {}));
});

test('orb pack: the packed orb is valid against the CircleCI schema', () => {
  expectValid(packed, 'orbs/tidegate/orb.yml');
});

test('orb pack: the schema check has teeth: an unknown parameter type is refused', () => {
  const broken = structuredClone(packed) as {
    commands: Record<string, { parameters: Record<string, { type: string }> }>;
  };
  broken.commands.install!.parameters.version!.type = 'text';
  assert.equal(validate(broken), false);
});

test('orb pack: store_artifacts takes no when (CircleCI runs it after a failed step anyway)', () => {
  const broken = structuredClone(packed) as { commands: Record<string, { steps: unknown[] }> };
  broken.commands.scan!.steps.push({ store_artifacts: { path: 'reports', when: 'always' } });
  assert.equal(validate(broken), false);
});

for (const c of orbComponents().filter((x) => x.kind === 'examples')) {
  test(`orb pack: usage example ${c.name} is a valid CircleCI config`, () => {
    expectValid(c.body.usage, c.file);
    expectValid({ version: 2.1, examples: { [c.name]: c.body } }, `${c.file} as an orb example`);
  });
}

test('orb pack: each command and job equals its source with includes replaced by the scripts, << escaped', () => {
  const include = (v: unknown): unknown => {
    const m = typeof v === 'string' ? /^<<include\((scripts\/[\w.-]+)\)>>$/.exec(v) : null;
    return m ? readFileSync(orbSrc(m[1]!), 'utf8').replaceAll('<<', '\\<<') : v;
  };
  for (const c of orbComponents().filter((x) => x.kind === 'commands' || x.kind === 'jobs')) {
    const want = JSON.parse(JSON.stringify(c.body), (_k, v: unknown) => include(v)) as unknown;
    assert.deepEqual((packed[c.kind] as Record<string, unknown>)[c.name], want, c.file);
  }
  assert.ok(!JSON.stringify(packed).includes('<<include('));
});

test('orb pack: top-level keys in the CLI order, component keys sorted, examples untouched by includes', () => {
  assert.deepEqual(Object.keys(packed), [
    'version',
    'description',
    'display',
    'commands',
    'executors',
    'jobs',
    'examples',
  ]);
  assert.deepEqual(Object.keys(packed.commands as object), ['install', 'scan']);
  const install = (packed.commands as Record<string, Record<string, unknown>>).install!;
  assert.deepEqual(Object.keys(install), ['description', 'parameters', 'steps']);
  assert.ok(pack.compareKeys('db_cache', 'dba') < 0 && pack.compareKeys('a2', 'a10') < 0);
});

const includeCases = [
  { name: 'a whole-string include', input: '<<include(scripts/x.sh)>>', want: 'echo \\<<EOF\n' },
  { name: 'spaces inside the brackets', input: '<< include(scripts/x.sh) >>', want: 'echo \\<<EOF\n' },
  { name: 'no include', input: 'echo << parameters.x >>', want: 'echo << parameters.x >>' },
  {
    name: 'text around an include',
    input: 'a <<include(scripts/x.sh)>>',
    wantError: /entire string must be include statement/,
  },
  {
    name: 'two includes',
    input: '<<include(scripts/x.sh)>><<include(scripts/x.sh)>>',
    wantError: /multiple include statements/,
  },
  {
    name: 'a missing file',
    input: '<<include(scripts/none.sh)>>',
    wantError: /could not open .*none\.sh for inclusion/,
  },
];
for (const c of includeCases) {
  test(`orb pack: include rules as circleci orb pack: ${c.name}`, async () => {
    await mkdir(join(work, 'scripts'), { recursive: true });
    await writeFile(join(work, 'scripts', 'x.sh'), 'echo <<EOF\n');
    if (c.wantError) assert.throws(() => pack.maybeInclude(c.input, work), c.wantError);
    else assert.equal(pack.maybeInclude(c.input, work), c.want);
  });
}

test('orb pack: @files merge into their folder, other folders and non-YAML files are skipped, dropped keys reported', async () => {
  const src = join(work, 'src');
  for (const d of ['commands', 'scripts', 'tests', 'examples'])
    await mkdir(join(src, d), { recursive: true });
  await writeFile(join(src, '@orb.yml'), 'version: 2.1\ndescription: d\nunknown_key: 1\n');
  await writeFile(join(src, 'commands', 'b.yml'), 'steps: [checkout]\n');
  await writeFile(join(src, 'commands', '@shared.yml'), 'a:\n  steps: [checkout]\n');
  await writeFile(join(src, 'commands', 'notes.md'), '# not yaml\n');
  await writeFile(join(src, 'tests', 't.yml'), 'ignored: true\n');
  await writeFile(join(src, 'examples', 'e.yml'), 'description: e\nusage:\n  version: 2.1\n  extra: 1\n');
  const warnings: string[] = [];
  const orb = pack.packOrbObject(src, (m) => warnings.push(m));
  assert.deepEqual(orb, {
    version: 2.1,
    description: 'd',
    commands: { a: { steps: ['checkout'] }, b: { steps: ['checkout'] } },
    examples: { e: { description: 'e', usage: { version: '2.1', workflows: null } } },
  });
  assert.deepEqual(warnings, [
    "@orb.yml: 'unknown_key' is dropped by orb pack",
    "examples/e.usage: 'extra' is dropped by orb pack",
  ]);
  await rm(join(src, '@orb.yml'));
  assert.throws(() => pack.packOrbObject(src), /@orb\.yml file not found/);
});

test('orb pack: a release pins the install command to its own bundle and tarball', async () => {
  const pins = { version: '0.1.0', bundleSha256: 'a'.repeat(64), npmIntegrity: 'sha512-AbC+/=' };
  const orb = pack.packOrbObject(undefined, () => {}, pins) as {
    commands: { install: { parameters: Record<string, { default: unknown }> } };
  };
  assert.equal(orb.commands.install.parameters.bundle_sha256!.default, pins.bundleSha256);
  assert.equal(orb.commands.install.parameters.npm_integrity!.default, pins.npmIntegrity);
  expectValid(orb, 'the pinned orb');
  assert.throws(
    () => pack.packOrbObject(undefined, () => {}, { ...pins, version: '9.9.9' }),
    /pins are for 9\.9\.9/,
  );
  assert.throws(
    () => pack.packOrbObject(undefined, () => {}, { ...pins, bundleSha256: 'x' }),
    /not a SHA-256/,
  );
});
