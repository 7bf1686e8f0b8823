import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { schemaPath, testdata } from '../testing/index.js';
import { parseDoc } from './parse-doc.js';
import { readOsvSource } from './read-source.js';
import { checkRecord } from './record-check.js';

async function osvValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(await readFile(schemaPath('osv/schema.json'), 'utf8')) as object);
}

/** True when every schema error of `record` lies inside a GIT range (which matching ignores). */
function onlyInGitRanges(
  record: { affected?: { ranges?: { type: string }[] }[] },
  errors: { instancePath: string }[],
): boolean {
  return errors.every((e) => {
    const m = /^\/affected\/(\d+)\/ranges\/(\d+)/.exec(e.instancePath);
    return m !== null && record.affected?.[Number(m[1])]?.ranges?.[Number(m[2])]?.type === 'GIT';
  });
}

test('OSV schema: the real PyPI archive validates except inside GIT ranges, and our import accepts every record', async () => {
  const validate = await osvValidator();
  let n = 0;
  const gitOnly: string[] = [];
  for await (const doc of readOsvSource(testdata('osv/PyPI/all.zip'))) {
    const json = JSON.parse(doc.text) as Parameters<typeof onlyInGitRanges>[0];
    if (!validate(json)) {
      // published data that breaks its own schema (short commit hashes in GIT `fixed`): the
      // schema is not a gate we can apply to OSV's feed; GIT ranges are ignored by matching
      assert.ok(
        onlyInGitRanges(json, validate.errors ?? []),
        `${doc.name}: ${JSON.stringify(validate.errors)}`,
      );
      gitOnly.push(doc.name);
    }
    assert.equal(parseDoc(doc).length, 1);
    n++;
  }
  assert.equal(n, 2661);
  assert.ok(gitOnly.length < 50, `${gitOnly.length} records break the schema in GIT ranges`);
});

const base = { schema_version: '1.6.0', id: 'GHSA-aaaa-bbbb-cccc', modified: '2024-01-01T00:00:00Z' };
const pkg = { ecosystem: 'npm', name: 'x' };
const invalid: { name: string; record: unknown; want: RegExp }[] = [
  { name: 'no id', record: { modified: base.modified }, want: /^id: must be a non-empty string/ },
  { name: 'no modified', record: { id: base.id }, want: /^modified:/ },
  { name: 'aliases not strings', record: { ...base, aliases: [1] }, want: /^aliases:/ },
  { name: 'affected not an array', record: { ...base, affected: {} }, want: /^affected: must be an array/ },
  {
    name: 'package without name',
    record: { ...base, affected: [{ package: { ecosystem: 'npm' } }] },
    want: /affected\[0\]\.package/,
  },
  {
    name: 'unknown range type',
    record: {
      ...base,
      affected: [{ package: pkg, ranges: [{ type: 'DATE', events: [{ introduced: '0' }] }] }],
    },
    want: /type: must be ECOSYSTEM, SEMVER or GIT/,
  },
  {
    name: 'event with two keys',
    record: {
      ...base,
      affected: [
        { package: pkg, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }] },
      ],
    },
    want: /each event must have exactly one key/,
  },
  {
    name: 'unknown event',
    record: {
      ...base,
      affected: [{ package: pkg, ranges: [{ type: 'SEMVER', events: [{ patched: '1.0.0' }] }] }],
    },
    want: /unknown event 'patched'/,
  },
  {
    name: 'no events',
    record: { ...base, affected: [{ package: pkg, ranges: [{ type: 'SEMVER', events: [] }] }] },
    want: /events: must be a non-empty array/,
  },
];

for (const c of invalid) {
  test(`OSV schema: ${c.name} fails the schema and is refused on import with the field named`, async () => {
    const validate = await osvValidator();
    assert.equal(validate(c.record), false, 'the OSV schema rejects it too');
    assert.match(checkRecord(c.record) ?? '', c.want);
    assert.throws(
      () => parseDoc({ name: 'bad.json', text: JSON.stringify(c.record) }),
      (e: Error & { where?: { file?: string } }) =>
        e.where?.file === 'bad.json' && c.want.test(e.message.replace(/^not a valid OSV record: /, '')),
    );
  });
}
