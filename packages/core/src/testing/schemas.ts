import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import * as AjvDraft04Module from 'ajv-draft-04';
import * as formatsModule from 'ajv-formats';
import { repoRoot, schemaPath } from './index.js';

/** The official schemas each output format is validated against (STYLE rule 24). */
export type SchemaKind = 'sarif-oasis' | 'sarif-github' | 'cyclonedx-1.6' | 'openvex' | 'json-report';

type AnyAjv = { compile(schema: object): ValidateFunction; addSchema(schema: object): unknown };
const addFormats = (formatsModule as unknown as { default: (ajv: unknown) => void }).default;
const AjvDraft04 = (AjvDraft04Module as unknown as { default: new (opts: object) => AnyAjv }).default;

const read = (p: string) => JSON.parse(readFileSync(p, 'utf8')) as object;
const cache = new Map<SchemaKind, ValidateFunction>();

function compile(kind: SchemaKind): ValidateFunction {
  switch (kind) {
    case 'sarif-oasis': {
      const ajv = new AjvDraft04({ strict: false, allErrors: true });
      addFormats(ajv);
      return ajv.compile(read(schemaPath('sarif', 'sarif-schema-2.1.0.json')));
    }
    case 'sarif-github': {
      // validateSchema off: GitHub's copy has `anyOf` inside region.properties, where it is a
      // property name holding an array (see ../shared/schemas/README.md), which meta-validation refuses
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
      addFormats(ajv);
      return ajv.compile(read(schemaPath('sarif', 'github-codeql-action.sarif-schema-2.1.0.json')));
    }
    case 'cyclonedx-1.6': {
      // logger off: bom-1.6 uses `iri-reference`, which ajv-formats lacks (ajv then only warns)
      const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
      addFormats(ajv);
      ajv.addSchema(read(schemaPath('cyclonedx', 'spdx.schema.json')));
      ajv.addSchema(read(schemaPath('cyclonedx', 'jsf-0.82.schema.json')));
      return ajv.compile(read(schemaPath('cyclonedx', 'bom-1.6.schema.json')));
    }
    case 'openvex': {
      const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      return ajv.compile(read(schemaPath('openvex', 'openvex_json_schema.json')));
    }
    case 'json-report': {
      const ajv = new Ajv({ strict: true, allErrors: true });
      addFormats(ajv);
      return ajv.compile(read(join(repoRoot(), 'docs', 'json-report.schema.json')));
    }
  }
}

/** Validates a parsed document; returns the errors (empty when valid). */
export function schemaErrors(kind: SchemaKind, doc: unknown): string[] {
  let v = cache.get(kind);
  if (!v) cache.set(kind, (v = compile(kind)));
  if (v(doc)) return [];
  return (v.errors ?? [])
    .slice(0, 20)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

/**
 * Validates JUnit XML against windyroad JUnit.xsd with `xmllint --schema` (libxml2-utils, which
 * scripts/install-deps.sh installs). Returns xmllint's complaints; throws when xmllint is missing.
 */
export function junitErrors(xml: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'tidegate-junit-'));
  try {
    const file = join(dir, 'report.xml');
    writeFileSync(file, xml);
    execFileSync('xmllint', ['--noout', '--schema', schemaPath('junit', 'JUnit.xsd'), file], {
      stdio: 'pipe',
    });
    return [];
  } catch (err) {
    const e = err as { code?: string; stderr?: Buffer };
    if (e.code === 'ENOENT')
      throw new Error('xmllint not found: run scripts/install-deps.sh (libxml2-utils)');
    return String(e.stderr ?? err)
      .split('\n')
      .filter((l) => l && !l.endsWith('validates'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
