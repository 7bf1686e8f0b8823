import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { schemaPath, testdata } from '../../testing/index.js';
import type { Finding } from '../../types/model.js';
import { parseVex } from './load.js';
import { applyVex } from './statement.js';

const openVexSchema = JSON.parse(
  readFileSync(schemaPath('openvex', 'openvex_json_schema.json'), 'utf8'),
) as object;
const validateOpenVex = new Ajv2020({ strict: false, validateFormats: false }).compile(openVexSchema);
const image = { digests: ['sha256:abc'], names: ['ghcr.io/acme/app:1'] };

interface TrivyVuln {
  VulnerabilityID: string;
  PkgName: string;
  PkgIdentifier: { PURL: string };
}

function trivyFindings(golden: string): Finding[] {
  const doc = JSON.parse(readFileSync(testdata('trivy', 'goldens', golden), 'utf8')) as {
    Results: { Target: string; Vulnerabilities?: TrivyVuln[] }[];
  };
  return doc.Results.flatMap((r) =>
    (r.Vulnerabilities ?? []).map((v) => ({
      id: `${r.Target}|${v.VulnerabilityID}|${v.PkgName}`,
      kind: 'vulnerability' as const,
      ruleId: v.VulnerabilityID,
      aliases: [],
      severity: 'unknown' as const,
      fixState: 'fixed' as const,
      fixedIn: [],
      package: { id: v.PkgName, name: v.PkgName, version: '', ecosystem: 'Go', purl: v.PkgIdentifier.PURL },
    })),
  );
}

test("vex: Trivy's gomod-vex case: the OpenVEX not_affected statement removes exactly what Trivy removes", () => {
  const statements = parseVex(readFileSync(testdata('trivy', 'vex', 'openvex.json'), 'utf8'), 'openvex.json');
  const out = applyVex(trivyFindings('gomod.json.golden'), statements, image);
  const left = out.filter((f) => !f.suppressed).map((f) => f.id);
  assert.deepEqual(
    left,
    trivyFindings('gomod-vex.json.golden').map((f) => f.id),
  );
  const gone = out.filter((f) => f.suppressed);
  assert.equal(gone.length, 1);
  assert.deepEqual(gone[0]!.suppressed, {
    by: 'vex (openvex.json, OpenVEX)',
    reason: "not_affected: vulnerable_code_not_in_execute_path: The vulnerable code isn't called",
    vex: { status: 'not_affected', justification: 'vulnerable_code_not_in_execute_path' },
  });
});

test("vex: Trivy's document names the vulnerability by @id only, which the official schema refuses and we read (as Trivy does)", () => {
  const doc = JSON.parse(readFileSync(testdata('trivy', 'vex', 'openvex.json'), 'utf8')) as object;
  assert.equal(validateOpenVex(doc), false);
});

for (const name of ['OPENVEX-SPEC.example-1.json', 'OPENVEX-SPEC.example-6.json', 'README.example.json']) {
  test(`vex: the spec's ${name} is valid OpenVEX and reads`, () => {
    const text = readFileSync(schemaPath('openvex', 'examples', name), 'utf8');
    assert.ok(validateOpenVex(JSON.parse(text)), JSON.stringify(validateOpenVex.errors));
    assert.ok(parseVex(text, name).length > 0);
  });
}

const fixed = JSON.parse(
  readFileSync(schemaPath('openvex', 'examples', 'OPENVEX-SPEC.example-1.json'), 'utf8'),
) as { statements: object[] };

const sadCases: { name: string; doc: unknown; want: RegExp }[] = [
  {
    name: 'an unknown status',
    doc: { ...fixed, statements: [{ vulnerability: { name: 'CVE-1' }, products: [], status: 'maybe' }] },
    want: /'statements\[0\]\.status' must be one of not_affected, affected/,
  },
  {
    name: 'statements not an array',
    doc: { ...fixed, statements: {} },
    want: /'statements' must be an array/,
  },
  {
    name: 'a vulnerability without a name',
    doc: { ...fixed, statements: [{ vulnerability: {}, status: 'fixed' }] },
    want: /'statements\[0\]\.vulnerability\.name' must be a string/,
  },
  { name: 'not VEX at all', doc: { hello: 'world' }, want: /not a VEX document/ },
];
for (const c of sadCases) {
  test(`vex, sad path: ${c.name} is refused, and the official schema agrees`, () => {
    assert.throws(() => parseVex(JSON.stringify(c.doc), 'bad.json'), c.want);
    assert.equal(validateOpenVex(c.doc), false);
  });
}

test('vex: CycloneDX VEX not_affected suppresses by bom-ref, in_triage does not', () => {
  const bom = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: [
      {
        'bom-ref': 'opa',
        type: 'library',
        name: 'opa',
        purl: 'pkg:golang/github.com/open-policy-agent/opa@v0.35.0',
      },
    ],
    vulnerabilities: [
      {
        id: 'CVE-2022-23628',
        analysis: { state: 'not_affected', justification: 'code_not_reachable', detail: 'not called' },
        affects: [{ ref: 'urn:cdx:3e671687-395b-41f5-a30f-a58921a69b79/1#opa' }],
      },
      {
        id: 'CVE-2021-38561',
        analysis: { state: 'in_triage' },
        affects: [{ ref: 'pkg:golang/golang.org/x/text@v0.3.6' }],
      },
    ],
  };
  const out = applyVex(trivyFindings('gomod.json.golden'), parseVex(JSON.stringify(bom), 'bom.json'), image);
  assert.deepEqual(
    out.filter((f) => f.suppressed).map((f) => [f.ruleId, f.suppressed!.reason]),
    [['CVE-2022-23628', 'not_affected: code_not_reachable: not called']],
  );
});

test('vex: an image product with no subcomponents covers every package of that image', () => {
  const doc = {
    ...fixed,
    statements: [
      {
        vulnerability: { name: 'GMS-2022-20' },
        products: [{ '@id': 'pkg:oci/app@sha256:abc' }],
        status: 'fixed',
      },
    ],
  };
  const out = applyVex(trivyFindings('gomod.json.golden'), parseVex(JSON.stringify(doc), 'v.json'), image);
  assert.equal(out.filter((f) => f.suppressed).length, 3);
  const other = applyVex(trivyFindings('gomod.json.golden'), parseVex(JSON.stringify(doc), 'v.json'), {
    digests: ['sha256:def'],
    names: ['x/other:1'],
  });
  assert.equal(other.filter((f) => f.suppressed).length, 0);
});
