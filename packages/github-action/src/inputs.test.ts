import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, test } from 'node:test';
import { parse } from 'yaml';
import { getInputs, SECRET_INPUTS } from './inputs.js';

const actionYml = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
};
const names = Object.keys(actionYml.inputs);

/** The runner's variable for an input: upper case, spaces to `_`, hyphens kept. */
const envName = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;

function setInputs(values: Record<string, string>): void {
  for (const [k, v] of Object.entries(values)) process.env[envName(k)] = v;
}
afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith('INPUT_')) delete process.env[k];
});

test('getInputs: reads every input action.yml declares, under the same name', () => {
  const sample: Record<string, string> = {
    comment: 'false',
    'db-cache': 'false',
    'ignore-unfixed': 'true',
    'comment-mode': 'on-change',
    formats: 'json, spdx',
  };
  setInputs(Object.fromEntries(names.map((n) => [n, sample[n] ?? `value-of-${n}`])));
  const got = getInputs();
  assert.deepEqual(Object.keys(got).sort(), [...names].sort());
  assert.equal(got.formats, 'json, spdx');
  assert.equal(got['ignore-unfixed'], 'true');
  assert.equal(got.comment, false);
});

test('getInputs: empty scan options stay unset; only the Action-owned inputs default', () => {
  setInputs({ image: 'app.tar', comment: 'true', 'db-cache': 'true' });
  assert.deepEqual(getInputs(), { image: 'app.tar', comment: true, 'db-cache': true });
});

const bad: { name: string; env: Record<string, string>; want: RegExp }[] = [
  { name: 'no image', env: { image: '' }, want: /input image is required/ },
  {
    name: 'a non-boolean for an input the Action owns',
    env: { image: 'x', comment: 'yes' },
    want: /input comment: 'yes' is neither true nor false/,
  },
];
for (const c of bad) {
  test(`getInputs: refuses ${c.name}`, () => {
    setInputs(c.env);
    assert.throws(() => getInputs(), c.want);
  });
}

test('action.yml: kebab-case inputs, each described; defaults only where the Action is the authority', () => {
  for (const [name, spec] of Object.entries(actionYml.inputs)) {
    assert.match(name, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(spec.description && spec.description.length > 10, `${name} has a description`);
  }
  const defaults = Object.entries(actionYml.inputs).filter(([, s]) => s.default !== undefined);
  assert.deepEqual(Object.fromEntries(defaults.map(([n, s]) => [n, s.default])), {
    comment: 'true',
    'github-token': '${{ github.token }}',
    'db-cache': 'true',
  });
  for (const s of SECRET_INPUTS) assert.ok(actionYml.inputs[s], `secret input ${s} exists`);
});
