import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatErrorChain, UserError } from '../errors.js';
import { DEFAULT_POLICY } from './policy.js';
import { applyDocument } from './document.js';
import { parsePolicy } from './load.js';
import { STARTER_POLICY } from './starter.js';

const sadCases: { name: string; yaml: string; line: number; field?: string; want: RegExp }[] = [
  {
    name: 'unknown top-level key',
    yaml: 'version: 1\nvulnerabilites:\n  severity: {fail: high}\n',
    line: 2,
    field: 'vulnerabilites',
    want: /unknown key 'vulnerabilites' \(allowed: version, vulnerabilities, findings/,
  },
  {
    name: 'unknown nested key',
    yaml: 'vulnerabilities:\n  severity:\n    fail: high\n    critical: x\n',
    line: 4,
    field: 'vulnerabilities.severity.critical',
    want: /unknown key 'critical' \(allowed: fail, warn\)/,
  },
  {
    name: 'unknown severity',
    yaml: 'vulnerabilities:\n  severity:\n    fail: severe\n',
    line: 3,
    field: 'vulnerabilities.severity.fail',
    want: /invalid value 'severe' \(allowed: critical, high/,
  },
  {
    name: 'wrong type',
    yaml: 'vulnerabilities:\n  ignore-unfixed: "yes"\n',
    line: 2,
    field: 'vulnerabilities.ignore-unfixed',
    want: /must be a boolean/,
  },
  {
    name: 'bad date',
    yaml: 'exceptions:\n  - id: CVE-1\n    reason: r\n    expires: 2025-02-30\n',
    line: 4,
    field: 'exceptions[0].expires',
    want: /invalid date '2025-02-30' \(use YYYY-MM-DD\)/,
  },
  {
    name: 'missing reason',
    yaml: 'exceptions:\n  - id: CVE-1\n    expires: 2025-02-01\n',
    line: 2,
    field: 'exceptions[0]',
    want: /missing required key 'reason'/,
  },
  {
    name: 'unowned-executables: neither a mode nor a mapping',
    yaml: 'unowned-executables: block\n',
    line: 1,
    field: 'unowned-executables',
    want: /invalid value 'block' \(allowed: fail, warn, off\)/,
  },
  {
    name: 'unowned-executables: unknown key in the mapping',
    yaml: 'unowned-executables:\n  allow: []\n  deny: []\n',
    line: 3,
    field: 'unowned-executables.deny',
    want: /unknown key 'deny' \(allowed: mode, allow\)/,
  },
  {
    name: 'signature rule: unknown key',
    yaml: 'image:\n  signatures:\n    - key: cosign.pub\n',
    line: 3,
    field: 'image.signatures[0].key',
    want: /unknown key 'key' \(allowed: registries, keys, identities, trusted-root, required, mode\)/,
  },
  {
    name: 'unknown mode',
    yaml: 'image:\n  labels:\n    mode: block\n',
    line: 3,
    field: 'image.labels.mode',
    want: /invalid value 'block' \(allowed: fail, warn, off\)/,
  },
  {
    name: 'out-of-range threshold',
    yaml: 'vulnerabilities:\n  epss:\n    threshold: 2\n',
    line: 3,
    field: 'vulnerabilities.epss.threshold',
    want: /must be <= 1/,
  },
  {
    name: 'unknown version',
    yaml: 'version: 2\n',
    line: 1,
    field: 'version',
    want: /unsupported policy version 2/,
  },
  {
    name: 'bad licence',
    yaml: 'licenses:\n  deny:\n    - MIT\n    - GPL v2\n',
    line: 4,
    field: 'licenses.deny[1]',
    want: /not an SPDX licence id or expression: 'GPL v2'/,
  },
  { name: 'broken YAML', yaml: 'vulnerabilities:\n  severity: [high\n', line: 3, want: /not valid YAML/ },
  {
    name: 'duplicate key',
    yaml: 'version: 1\nversion: 1\n',
    line: 2,
    want: /not valid YAML: Map keys must be unique/,
  },
  { name: 'not a mapping', yaml: '- a\n- b\n', line: 1, want: /must be a YAML mapping/ },
];

for (const c of sadCases) {
  test(`policy load, sad path: ${c.name} names file, line and field`, async () => {
    await assert.rejects(
      () => parsePolicy(c.yaml, '.tidegate.yml'),
      (err: unknown) => {
        assert.ok(err instanceof UserError);
        assert.equal(err.where.file, '.tidegate.yml');
        assert.equal(err.where.line, c.line, formatErrorChain(err));
        assert.equal(err.where.field, c.field);
        assert.match(err.message, c.want);
        return true;
      },
    );
  });
}

test('policy load: the one-line error reads file:line: field name: what is wrong', async () => {
  try {
    await parsePolicy('vulnerabilities:\n  severity:\n    fail: severe\n', 'ci/policy.yml');
    assert.fail('no error');
  } catch (err) {
    assert.match(
      formatErrorChain(err),
      /^ci\/policy\.yml:3: field vulnerabilities\.severity\.fail: invalid value 'severe'/,
    );
  }
});

test('policy load: the starter policy validates and equals the built-in defaults', async () => {
  const loaded = await parsePolicy(STARTER_POLICY, 'starter.yml');
  assert.deepEqual(applyDocument(DEFAULT_POLICY, loaded.document, { file: 'starter.yml' }), DEFAULT_POLICY);
});

test('policy load: dates stay strings and exceptions keep their lines', async () => {
  const loaded = await parsePolicy(
    'version: 1\nexceptions:\n  - id: CVE-1\n    reason: r\n    expires: 2030-01-31\n  - package: lodash\n    reason: s\n    expires: 2031-01-01\n',
    'p.yml',
  );
  assert.deepEqual(loaded.exceptionLines, [3, 6]);
  const policy = applyDocument(DEFAULT_POLICY, loaded.document, {
    file: 'p.yml',
    exceptionLines: loaded.exceptionLines,
  });
  assert.deepEqual(policy.exceptions[1], {
    package: 'lodash',
    reason: 's',
    expires: '2031-01-01',
    source: 'p.yml line 6',
  });
});

const applyCases = [
  {
    name: 'a rule written without a mode is on',
    yaml: 'vulnerabilities:\n  cvss:\n    threshold: 7\n',
    get: (p: typeof DEFAULT_POLICY) => p.cvss,
    want: { mode: 'fail', threshold: 7 },
  },
  {
    name: 'an absent rule keeps its default',
    yaml: 'version: 1\n',
    get: (p: typeof DEFAULT_POLICY) => p.cvss,
    want: DEFAULT_POLICY.cvss,
  },
  {
    name: 'ecosystem overrides keep file order',
    yaml: 'vulnerabilities:\n  ecosystems:\n    "Debian:*": {ignore-unfixed: true}\n    npm: {severity: {fail: critical}}\n',
    get: (p: typeof DEFAULT_POLICY) => p.ecosystems,
    want: [
      ['Debian:*', { ignoreUnfixed: true }],
      ['npm', { failOn: 'critical' }],
    ],
  },
  {
    name: 'labels listed turn the rule on',
    yaml: 'image:\n  labels:\n    require: [a.b]\n',
    get: (p: typeof DEFAULT_POLICY) => p.image.labels,
    want: { mode: 'fail', require: ['a.b'] },
  },
  {
    name: 'signature rules: key paths relative to the policy file, PEM kept, required by default',
    yaml: [
      'image:',
      '  signatures:',
      '    - registries: ["ghcr.io/acme/*"]',
      '      keys: [keys/cosign.pub, "-----BEGIN PUBLIC KEY-----\\nAAA\\n-----END PUBLIC KEY-----"]',
      '      identities: [{issuer: "https://token.actions.githubusercontent.com", subject-regexp: "https://github.com/acme/.*"}]',
      '      trusted-root: /etc/sigstore/trusted_root.json',
      '',
    ].join('\n'),
    get: (p: typeof DEFAULT_POLICY) => p.provenance.imageSignatures,
    want: [
      {
        rule: 'image.signatures[0]',
        registries: ['ghcr.io/acme/*'],
        keys: ['/policies/keys/cosign.pub', '-----BEGIN PUBLIC KEY-----\nAAA\n-----END PUBLIC KEY-----'],
        identities: [
          {
            issuer: 'https://token.actions.githubusercontent.com',
            subjectRegexp: 'https://github.com/acme/.*',
          },
        ],
        trustedRoot: '/etc/sigstore/trusted_root.json',
        required: true,
        mode: 'fail',
      },
    ],
  },
  {
    name: 'base-image.pinned and unowned-executables as a bare mode',
    yaml: 'base-image:\n  pinned: warn\nunowned-executables: fail\n',
    get: (p: typeof DEFAULT_POLICY) => [p.provenance.baseImagePinned, p.provenance.unownedExecutables],
    want: ['warn', { mode: 'fail', allow: [] }],
  },
  {
    name: 'unowned-executables as a mapping with allow globs',
    yaml: 'unowned-executables:\n  allow: ["opt/vendor/**"]\n',
    get: (p: typeof DEFAULT_POLICY) => p.provenance.unownedExecutables,
    want: { mode: 'fail', allow: ['opt/vendor/**'] },
  },
  {
    name: 'provenance: builders and source repositories',
    yaml: 'provenance:\n  mode: warn\n  builders: ["https://github.com/*"]\n  source-repositories: ["https://github.com/acme/*"]\n',
    get: (p: typeof DEFAULT_POLICY) => p.provenance.attestations,
    want: {
      mode: 'warn',
      builders: ['https://github.com/*'],
      sourceRepositories: ['https://github.com/acme/*'],
      keys: [],
      identities: [],
    },
  },
];
for (const c of applyCases) {
  test(`policy apply: ${c.name}`, async () => {
    const doc = (await parsePolicy(c.yaml, 'p.yml')).document;
    assert.deepEqual(c.get(applyDocument(DEFAULT_POLICY, doc, { file: 'p.yml', dir: '/policies' })), c.want);
  });
}
