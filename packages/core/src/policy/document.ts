import { isAbsolute, resolve } from 'node:path';
import type {
  GatePolicy,
  IdentityRule,
  KindGate,
  PolicyException,
  ProvenancePolicy,
  RuleMode,
  ScoreRule,
  SignatureRule,
  Threshold,
} from './policy.js';

interface SeverityDoc {
  fail?: Threshold;
  warn?: Threshold;
}
interface KindDoc {
  severity?: SeverityDoc;
  rules?: Record<string, RuleMode>;
}
interface ScoreDoc {
  mode?: RuleMode;
  threshold?: number;
}
interface GlobsDoc {
  mode?: RuleMode;
  deny?: string[];
  allow?: string[];
}

interface IdentityDoc {
  issuer?: string;
  'issuer-regexp'?: string;
  subject?: string;
  'subject-regexp'?: string;
}
interface TrustDoc {
  keys?: string[];
  identities?: IdentityDoc[];
  'trusted-root'?: string;
}
type SignatureRuleDoc = TrustDoc & {
  registries?: string[];
  required?: boolean;
  mode?: 'fail' | 'warn';
};

/** A policy file as written (kebab-case keys, everything optional), after schema validation. */
export interface PolicyDocument {
  version?: 1;
  vulnerabilities?: {
    severity?: SeverityDoc;
    'ignore-unfixed'?: boolean;
    cvss?: ScoreDoc;
    epss?: ScoreDoc;
    kev?: { mode?: RuleMode };
    rules?: Record<string, RuleMode>;
    ecosystems?: Record<string, { severity?: SeverityDoc; 'ignore-unfixed'?: boolean }>;
  };
  findings?: Partial<Record<'misconfiguration' | 'secret' | 'license', KindDoc>>;
  packages?: GlobsDoc;
  licenses?: GlobsDoc & { unknown?: RuleMode };
  image?: {
    registries?: { mode?: RuleMode; allow?: string[] };
    'base-images'?: { mode?: RuleMode; allow?: string[] };
    labels?: { mode?: RuleMode; require?: string[] };
    'max-age'?: { mode?: RuleMode; days?: number };
    signatures?: SignatureRuleDoc[];
  };
  'base-image'?: { signatures?: SignatureRuleDoc[]; pinned?: RuleMode };
  provenance?: TrustDoc & {
    mode?: RuleMode;
    builders?: string[];
    'source-repositories'?: string[];
  };
  'unowned-executables'?: RuleMode | { mode?: RuleMode; allow?: string[] };
  incomplete?: { 'os-database'?: RuleMode; other?: RuleMode };
  'fail-on-new-only'?: boolean;
  exceptions?: { id?: string; package?: string; image?: string; reason: string; expires: string }[];
}

/** Where the document came from, to label exceptions in reports. */
export interface DocumentSource {
  file: string;
  /** 1-based line of each exception, by index. */
  exceptionLines?: number[];
  /** Directory that key and trusted-root paths are relative to (the policy file's). Default: as written. */
  dir?: string;
}

/** A rule written without a mode is on: `fail` (writing a rule means wanting it). */
function modeOf(written: { mode?: RuleMode } | undefined, base: RuleMode): RuleMode {
  if (!written) return base;
  return written.mode ?? 'fail';
}

function kindGate(base: KindGate, doc: KindDoc | undefined): KindGate {
  if (!doc) return base;
  return {
    failOn: doc.severity?.fail ?? base.failOn,
    warnOn: doc.severity?.warn ?? base.warnOn,
    rules: { ...base.rules, ...doc.rules },
  };
}

function score(base: ScoreRule, doc: ScoreDoc | undefined): ScoreRule {
  return doc ? { mode: modeOf(doc, base.mode), threshold: doc.threshold ?? base.threshold } : base;
}

function vulnerabilityRules(
  base: GatePolicy,
  v: NonNullable<PolicyDocument['vulnerabilities']>,
): Partial<GatePolicy> {
  return {
    failOn: v.severity?.fail ?? base.failOn,
    warnOn: v.severity?.warn ?? base.warnOn,
    ignoreUnfixed: v['ignore-unfixed'] ?? base.ignoreUnfixed,
    cvss: score(base.cvss, v.cvss),
    epss: score(base.epss, v.epss),
    kev: modeOf(v.kev, base.kev),
    vulnerabilityRules: { ...base.vulnerabilityRules, ...v.rules },
    ecosystems: Object.entries(v.ecosystems ?? {}).map(([eco, o]) => [
      eco,
      {
        ...(o.severity?.fail ? { failOn: o.severity.fail } : {}),
        ...(o.severity?.warn ? { warnOn: o.severity.warn } : {}),
        ...(o['ignore-unfixed'] !== undefined ? { ignoreUnfixed: o['ignore-unfixed'] } : {}),
      },
    ]),
  };
}

function imageRules(base: GatePolicy['image'], doc: PolicyDocument['image']): GatePolicy['image'] {
  if (!doc) return base;
  const reg = doc.registries;
  const bases = doc['base-images'];
  const age = doc['max-age'];
  return {
    registries: reg ? { mode: modeOf(reg, 'fail'), allow: reg.allow ?? [] } : base.registries,
    baseImages: bases ? { mode: modeOf(bases, 'fail'), allow: bases.allow ?? [] } : base.baseImages,
    labels: doc.labels
      ? { mode: modeOf(doc.labels, 'fail'), require: doc.labels.require ?? [] }
      : base.labels,
    maxAge: age ? { mode: modeOf(age, 'fail'), days: age.days ?? base.maxAge.days } : base.maxAge,
  };
}

/** PEM text stays as it is; a path is made absolute against the policy file's directory. */
function keyOrPath(value: string, dir: string | undefined): string {
  if (value.trimStart().startsWith('-----BEGIN') || !dir || isAbsolute(value)) return value;
  return resolve(dir, value);
}

function identities(docs: IdentityDoc[] | undefined): IdentityRule[] {
  return (docs ?? []).map((d) => ({
    ...(d.issuer ? { issuer: d.issuer } : {}),
    ...(d['issuer-regexp'] ? { issuerRegexp: d['issuer-regexp'] } : {}),
    ...(d.subject ? { subject: d.subject } : {}),
    ...(d['subject-regexp'] ? { subjectRegexp: d['subject-regexp'] } : {}),
  }));
}

function trust(doc: TrustDoc, dir: string | undefined) {
  const root = doc['trusted-root'];
  return {
    keys: (doc.keys ?? []).map((k) => keyOrPath(k, dir)),
    identities: identities(doc.identities),
    ...(root ? { trustedRoot: keyOrPath(root, dir) } : {}),
  };
}

function signatureRules(docs: SignatureRuleDoc[], key: string, dir: string | undefined): SignatureRule[] {
  return docs.map((d, i) => ({
    rule: `${key}[${i}]`,
    registries: d.registries ?? [],
    ...trust(d, dir),
    required: d.required ?? true,
    mode: d.mode ?? 'fail',
  }));
}

function provenanceRules(
  base: ProvenancePolicy,
  doc: PolicyDocument,
  dir: string | undefined,
): ProvenancePolicy {
  const p = doc.provenance;
  const u = doc['unowned-executables'];
  const b = doc['base-image'];
  return {
    imageSignatures: doc.image?.signatures
      ? signatureRules(doc.image.signatures, 'image.signatures', dir)
      : base.imageSignatures,
    baseImageSignatures: b?.signatures
      ? signatureRules(b.signatures, 'base-image.signatures', dir)
      : base.baseImageSignatures,
    baseImagePinned: b?.pinned ?? base.baseImagePinned,
    attestations: p
      ? {
          mode: modeOf(p, 'fail'),
          builders: p.builders ?? [],
          sourceRepositories: p['source-repositories'] ?? [],
          ...trust(p, dir),
        }
      : base.attestations,
    unownedExecutables:
      u === undefined
        ? base.unownedExecutables
        : typeof u === 'string'
          ? { mode: u, allow: [] }
          : { mode: modeOf(u, 'fail'), allow: u.allow ?? [] },
  };
}

function exceptions(doc: PolicyDocument, src: DocumentSource): PolicyException[] {
  return (doc.exceptions ?? []).map((e, i) => {
    const line = src.exceptionLines?.[i];
    return { ...e, source: line ? `${src.file} line ${line}` : `${src.file} exception ${i + 1}` };
  });
}

/**
 * Applies a policy document over `base` (defaults, or an earlier layer). Only what the document
 * writes changes: an absent key keeps the base value, so "unset" never reads as "default".
 */
export function applyDocument(base: GatePolicy, doc: PolicyDocument, src: DocumentSource): GatePolicy {
  const f = doc.findings ?? {};
  const lic = doc.licenses;
  return {
    ...base,
    ...(doc.vulnerabilities ? vulnerabilityRules(base, doc.vulnerabilities) : {}),
    kinds: {
      misconfiguration: kindGate(base.kinds.misconfiguration, f.misconfiguration),
      secret: kindGate(base.kinds.secret, f.secret),
      license: kindGate(base.kinds.license, f.license),
    },
    packages: doc.packages
      ? { mode: modeOf(doc.packages, 'fail'), deny: doc.packages.deny ?? [], allow: doc.packages.allow ?? [] }
      : base.packages,
    licenses: lic
      ? {
          mode: modeOf(lic, 'fail'),
          deny: lic.deny ?? [],
          allow: lic.allow ?? [],
          unknown: lic.unknown ?? base.licenses.unknown,
        }
      : base.licenses,
    image: imageRules(base.image, doc.image),
    provenance: provenanceRules(base.provenance, doc, src.dir),
    incomplete: {
      osDatabase: doc.incomplete?.['os-database'] ?? base.incomplete.osDatabase,
      other: doc.incomplete?.other ?? base.incomplete.other,
    },
    newOnly: doc['fail-on-new-only'] ?? base.newOnly,
    exceptions: [...base.exceptions, ...exceptions(doc, src)],
  };
}
