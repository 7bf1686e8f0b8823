/**
 * The JSON Schema (draft-07) of the policy file, `.tidegate.yml`. Every object is closed
 * (`additionalProperties: false`) so a misspelt key is an error with its line, never a rule
 * silently not applied. docs/policy.md is generated from the descriptions here (STYLE rule 31).
 *
 * Kept as a TS module rather than a `.json` file so the CLI bundle needs no JSON import
 * attributes; `tidegate policy schema` prints it for editors.
 */
import { THRESHOLDS } from './policy.js';

const mode = {
  description:
    'What a violation does: `fail` fails the image (exit 1), `warn` passes with a warning, `off` skips the rule.',
  enum: ['fail', 'warn', 'off'],
} as const;

const threshold = {
  description:
    'A severity: findings at or above it trigger. `unknown` is the lowest, so it means every finding; `none` turns the threshold off.',
  enum: THRESHOLDS,
} as const;

const globs = {
  type: 'array',
  items: { type: 'string', minLength: 1 },
  description:
    'Globs: `*` matches within one path segment (no `/`), `**` matches anything, `?` one character.',
} as const;

const severityGate = {
  type: 'object',
  additionalProperties: false,
  description: 'Severity thresholds.',
  properties: {
    fail: {
      ...threshold,
      description: `Fail on findings at or above this severity. ${threshold.description}`,
    },
    warn: { ...threshold, description: `Warn on findings at or above this severity (and below \`fail\`).` },
  },
} as const;

const ruleModes = {
  type: 'object',
  description:
    'Mode per rule id (advisory id, alias or check id); overrides the severity thresholds for that rule.',
  additionalProperties: mode,
} as const;

const kindGate = {
  type: 'object',
  additionalProperties: false,
  properties: { severity: severityGate, rules: ruleModes },
} as const;

const scoreRule = (what: string, max: number) =>
  ({
    type: 'object',
    additionalProperties: false,
    description: `${what}. Writing the rule turns it on (mode \`fail\` unless given).`,
    properties: { mode, threshold: { type: 'number', minimum: 0, maximum: max } },
  }) as const;

const vulnerabilities = {
  type: 'object',
  additionalProperties: false,
  description: 'Rules for vulnerability findings.',
  properties: {
    severity: severityGate,
    'ignore-unfixed': {
      type: 'boolean',
      description: 'Only gate on vulnerabilities a fixed version exists for.',
    },
    cvss: scoreRule('Findings with a CVSS base score at or above `threshold` (0–10)', 10),
    epss: scoreRule('Findings with an EPSS probability at or above `threshold` (0–1)', 1),
    kev: {
      type: 'object',
      additionalProperties: false,
      description:
        "Findings in CISA's Known Exploited Vulnerabilities catalog. On (`fail`) by default, whatever their severity, fix state or ecosystem override.",
      properties: { mode },
    },
    rules: ruleModes,
    ecosystems: {
      type: 'object',
      description:
        'Overrides per OSV ecosystem (`npm`, `Debian:12`; globs such as `Debian:*`). The first matching key wins.',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { severity: severityGate, 'ignore-unfixed': { type: 'boolean' } },
      },
    },
  },
} as const;

const listRule = (what: string, allowWhat: string) =>
  ({
    type: 'object',
    additionalProperties: false,
    description: what,
    properties: {
      mode,
      deny: { ...globs, description: `Denied: ${allowWhat}.` },
      allow: { ...globs, description: `Allowed: ${allowWhat}.` },
    },
  }) as const;

const identity = {
  type: 'object',
  additionalProperties: false,
  description:
    "A keyless signer: the Fulcio certificate's OIDC issuer and subject (SAN URI or email), each exact or as an anchored regular expression (`*-regexp`). Every given field must match.",
  properties: {
    issuer: { type: 'string', minLength: 1 },
    'issuer-regexp': { type: 'string', minLength: 1 },
    subject: { type: 'string', minLength: 1 },
    'subject-regexp': { type: 'string', minLength: 1 },
  },
} as const;

const trust = {
  keys: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description:
      'Public keys (ECDSA P-256/P-384 or Ed25519) as PEM text or a file path (relative to the policy file).',
  },
  identities: { type: 'array', items: identity, description: 'Keyless signers accepted.' },
  'trusted-root': {
    type: 'string',
    minLength: 1,
    description:
      "sigstore's `trusted_root.json` (path relative to the policy file): Fulcio CAs, Rekor and CT log keys, TSAs. Needed for keyless signatures; never downloaded at scan time.",
  },
} as const;

const signatureRules = (what: string) =>
  ({
    type: 'array',
    description: `Who must have signed ${what} (cosign \`sha256-<digest>.sig\` tags and OCI 1.1 referrers with sigstore bundles). The first rule whose \`registries\` match the image applies.`,
    items: {
      type: 'object',
      additionalProperties: false,
      properties: {
        registries: {
          ...globs,
          description: 'Image names the rule covers (e.g. `ghcr.io/acme/*`); default all.',
        },
        ...trust,
        required: {
          type: 'boolean',
          description: 'A missing signature is a violation (default true); an invalid one always is.',
        },
        mode: { enum: ['fail', 'warn'], description: 'What a violation does (default `fail`).' },
      },
    },
  }) as const;

const image = {
  type: 'object',
  additionalProperties: false,
  description: 'Rules about the image itself.',
  properties: {
    registries: {
      type: 'object',
      additionalProperties: false,
      description:
        'The image name (repo tags, else the reference) must match one of `allow` (e.g. `ghcr.io/acme/*`).',
      properties: { mode, allow: globs },
    },
    'base-images': {
      type: 'object',
      additionalProperties: false,
      description: 'The base image (label `org.opencontainers.image.base.name`) must match one of `allow`.',
      properties: { mode, allow: globs },
    },
    labels: {
      type: 'object',
      additionalProperties: false,
      description: 'Labels the image config must carry (e.g. `org.opencontainers.image.source`).',
      properties: { mode, require: { type: 'array', items: { type: 'string', minLength: 1 } } },
    },
    'max-age': {
      type: 'object',
      additionalProperties: false,
      description: 'The image config `created` time must be at most `days` old.',
      properties: { mode, days: { type: 'integer', minimum: 0 } },
    },
    signatures: signatureRules('the scanned image'),
  },
} as const;

const baseImage = {
  type: 'object',
  additionalProperties: false,
  description:
    'Rules about the base image (from the `org.opencontainers.image.base.*` labels or the `--dockerfile` final `FROM`).',
  properties: {
    signatures: signatureRules('the base image (its digest must be known)'),
    pinned: {
      ...mode,
      description: 'Every `FROM` in `--dockerfile` must name a digest (`@sha256:…`). ' + mode.description,
    },
  },
} as const;

const provenance = {
  type: 'object',
  additionalProperties: false,
  description:
    'SLSA provenance attestations (in-toto, cosign `.att` tags and referrers): a verified one must name an allowed builder and source repository. Writing the rule turns it on.',
  properties: {
    mode,
    builders: { ...globs, description: 'Allowed SLSA builder ids (globs).' },
    'source-repositories': {
      ...globs,
      description: 'Allowed source repositories (globs over the URI without `git+` and ref).',
    },
    ...trust,
  },
} as const;

const unownedExecutables = {
  description:
    'Executables and shared libraries (ELF) no package manager installed: `off`, `warn`, `fail`, or `{ mode, allow }` with path globs that are fine.',
  anyOf: [
    mode,
    {
      type: 'object',
      additionalProperties: false,
      properties: { mode, allow: { ...globs, description: 'Image paths (no leading slash) allowed.' } },
    },
  ],
} as const;

const exception = {
  type: 'object',
  additionalProperties: false,
  required: ['reason', 'expires'],
  description: 'Suppresses matching findings until `expires`; every given selector must match.',
  properties: {
    id: { type: 'string', minLength: 1, description: 'Finding id, advisory id, alias or check id (glob).' },
    package: { type: 'string', minLength: 1, description: 'Package name or purl (glob).' },
    image: { type: 'string', minLength: 1, description: 'Image name (glob), as for `image.registries`.' },
    reason: {
      type: 'string',
      minLength: 1,
      description: 'Why the exception is acceptable; shown in every report.',
    },
    expires: {
      type: 'string',
      format: 'date',
      description: 'YYYY-MM-DD; from this day on the exception stops applying.',
    },
  },
} as const;

/** The policy file's JSON Schema. */
export const policySchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tidegate.dev/schema/policy-v1.json',
  title: 'tidegate policy',
  type: 'object',
  additionalProperties: false,
  properties: {
    version: { const: 1, description: 'Policy format version; always 1.' },
    vulnerabilities,
    findings: {
      type: 'object',
      additionalProperties: false,
      description: 'Rules for the other finding kinds, from the image checks.',
      properties: { misconfiguration: kindGate, secret: kindGate, license: kindGate },
    },
    packages: listRule(
      'Packages by name or purl. A package violates the rule when it matches `deny` and not `allow`.',
      'package names or purls',
    ),
    licenses: {
      type: 'object',
      additionalProperties: false,
      description:
        'Licences of packages, as SPDX ids or expressions. A package violates `deny` when every way of satisfying its expression uses a denied licence, and `allow` when its expression cannot be satisfied by the allowed licences alone.',
      properties: {
        mode,
        deny: { type: 'array', items: { type: 'string', minLength: 1 } },
        allow: { type: 'array', items: { type: 'string', minLength: 1 } },
        unknown: {
          ...mode,
          description: 'What a licence that is not SPDX (or none at all) does; `off` by default.',
        },
      },
    },
    image,
    'base-image': baseImage,
    provenance,
    'unowned-executables': unownedExecutables,
    incomplete: {
      type: 'object',
      additionalProperties: false,
      description: 'What an incomplete scan does.',
      properties: { 'os-database': mode, other: mode },
    },
    'fail-on-new-only': {
      type: 'boolean',
      description: 'Gate findings only when a baseline report says they are new (needs `--baseline`).',
    },
    exceptions: { type: 'array', items: exception },
  },
} as const;
