import type { Ajv, ErrorObject } from 'ajv';
import { messages } from '../errors.js';
import { policySchema } from './schema.js';

/** One schema violation: where (path to the node; `key` for a key at fault) and what. */
export interface SchemaError {
  path: (string | number)[];
  /** Set when the fault is a key of the object at `path` (unknown or missing key). */
  key?: string;
  message: string;
}

let compiled: ReturnType<Ajv['compile']> | undefined;

/**
 * The compiled schema. ajv is imported here, on the first policy file, not with the package:
 * a scan without a policy never loads it (about 10 MiB of memory).
 */
async function validator(): Promise<ReturnType<Ajv['compile']>> {
  if (!compiled) {
    const { Ajv } = await import('ajv');
    // ajv-formats is CommonJS with `exports.default`; under NodeNext its default import is the module.
    const formatsModule = (await import('ajv-formats')) as unknown as { default: (ajv: Ajv) => Ajv };
    const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
    formatsModule.default(ajv);
    compiled = ajv.compile(policySchema);
  }
  return compiled;
}

function pathOf(instancePath: string): (string | number)[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(e: ErrorObject): { message: string; key?: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties': {
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        key: String(p.additionalProperty),
        message: messages.policyKeyUnknown(String(p.additionalProperty), allowed),
      };
    }
    case 'required':
      return { message: messages.policyKeyMissing(String(p.missingProperty)) };
    case 'enum':
      return {
        message: messages.policyValueInvalid(String(e.data), (p.allowedValues as unknown[]).map(String)),
      };
    case 'const':
      return { message: messages.policyVersionUnsupported(String(e.data)) };
    case 'format':
      return { message: messages.policyDateInvalid(String(e.data)) };
    case 'type':
      return {
        message: messages.policyTypeInvalid(
          `${/^[aeio]/.test(String(p.type)) ? 'an' : 'a'} ${String(p.type)}`,
        ),
      };
    case 'anyOf':
      return { message: messages.policyModeOrMapping() };
    default:
      return { message: e.message ?? 'is not valid' };
  }
}

/**
 * The error to show. For `anyOf` (a mode or a mapping), ajv lists every branch's error first:
 * show the one of the branch the value was meant for (a string: the mode; else the mapping).
 */
function pickError(errors: ErrorObject[]): ErrorObject {
  const anyOf = errors.find((x) => x.keyword === 'anyOf');
  if (!anyOf) return errors[0]!;
  const isString = typeof anyOf.data === 'string';
  const branch = errors.find(
    (x) =>
      x !== anyOf &&
      (isString
        ? x.keyword === 'enum'
        : x.keyword !== 'enum' && !(x.keyword === 'type' && x.instancePath === anyOf.instancePath)),
  );
  return branch ?? anyOf;
}

/** Validates a parsed policy against {@link policySchema}; the first violation, or undefined. */
export async function validatePolicySchema(value: unknown): Promise<SchemaError | undefined> {
  const validate = await validator();
  if (validate(value)) return undefined;
  const e = pickError(validate.errors!);
  const { message, key } = describe(e);
  return { path: pathOf(e.instancePath), ...(key !== undefined ? { key } : {}), message };
}
