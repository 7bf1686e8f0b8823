import { SEVERITIES, type FindingKind } from '../types/model.js';

/** What a rule does when it is violated. */
export type RuleMode = 'fail' | 'warn' | 'off';

/** Every threshold: the severities, most severe first, then `none`. */
export const THRESHOLDS = [...SEVERITIES, 'none'] as const;

/** A severity threshold; `none` turns it off, `unknown` (the lowest) catches every finding. */
export type Threshold = (typeof THRESHOLDS)[number];

/** Severity thresholds plus per-rule-id modes, for one kind of finding. */
export interface KindGate {
  failOn: Threshold;
  warnOn: Threshold;
  /** Mode per rule id (advisory id, alias or check id); overrides the thresholds. */
  rules: Record<string, RuleMode>;
}

/** Per-ecosystem overrides of the vulnerability thresholds. */
export interface EcosystemOverride {
  failOn?: Threshold;
  warnOn?: Threshold;
  ignoreUnfixed?: boolean;
}

/** A rule on a number (CVSS score 0–10, EPSS probability 0–1). */
export interface ScoreRule {
  mode: RuleMode;
  threshold: number;
}

/** Deny and allow globs (package names or purls). */
export interface ListRule {
  mode: RuleMode;
  deny: string[];
  allow: string[];
}

/** A keyless signer a signature rule accepts: the Fulcio certificate's OIDC issuer and subject. */
export interface IdentityRule {
  /** OIDC issuer, exact (`https://token.actions.githubusercontent.com`). */
  issuer?: string;
  /** OIDC issuer, as an anchored regular expression. */
  issuerRegexp?: string;
  /** Certificate subject (SAN URI or email), exact. */
  subject?: string;
  /** Certificate subject, as an anchored regular expression. */
  subjectRegexp?: string;
}

/** Who may sign the images a rule covers, and what a missing or bad signature does. */
export interface SignatureRule {
  /** Where it was written (`image.signatures[0]`), for reasons and reports. */
  rule: string;
  /** Image names (globs) the rule covers; empty covers every image. */
  registries: string[];
  /** Public keys (PEM text, or absolute paths after loading). */
  keys: string[];
  identities: IdentityRule[];
  /** sigstore `trusted_root.json` (absolute path): Fulcio, Rekor, CT logs, TSAs. Needed for keyless. */
  trustedRoot?: string;
  /** A required signature that is missing is a violation; an invalid one always is. */
  required: boolean;
  mode: 'fail' | 'warn';
}

/** Rules about where the image came from (issue 17). */
export interface ProvenancePolicy {
  /** First matching rule wins, per image. */
  imageSignatures: SignatureRule[];
  baseImageSignatures: SignatureRule[];
  /** `FROM` without `@sha256:` in `--dockerfile`. */
  baseImagePinned: RuleMode;
  /** SLSA provenance: builders and source repositories (globs) an attestation must name. */
  attestations: {
    mode: RuleMode;
    builders: string[];
    sourceRepositories: string[];
    /** Trust for the attestation signatures; empty keys/identities: the image rule's. */
    keys: string[];
    identities: IdentityRule[];
    trustedRoot?: string;
  };
  /** Executables and shared libraries no package manager installed. */
  unownedExecutables: { mode: RuleMode; allow: string[] };
}

/** One policy exception: suppresses what its selectors match until `expires`. */
export interface PolicyException {
  /** Finding id, advisory id, alias or check id (glob). */
  id?: string;
  /** Package name or purl (glob). */
  package?: string;
  /** Image name (glob). */
  image?: string;
  reason: string;
  /** YYYY-MM-DD: the first day the exception no longer applies. */
  expires: string;
  /** Where it was written (`.tidegate.yml line 40`), for reports. */
  source?: string;
}

/**
 * The gate's rules in resolved form (after flags, `TIDEGATE_*` variables, the policy file and
 * built-in defaults have been applied, in that order of precedence).
 */
export interface GatePolicy {
  /** Unsuppressed vulnerabilities at or above this severity fail the image; `none` disables. */
  failOn: Threshold;
  /** Unsuppressed vulnerabilities at or above this severity (and below `failOn`) warn. */
  warnOn: Threshold;
  /** Ignore vulnerabilities no fixed version exists for. */
  ignoreUnfixed: boolean;
  /** Mode per vulnerability id or alias; overrides the thresholds. */
  vulnerabilityRules: Record<string, RuleMode>;
  /** CVSS base score rule (0–10). */
  cvss: ScoreRule;
  /** EPSS probability rule (0–1). */
  epss: ScoreRule;
  /** Known exploited (CISA KEV): applies whatever the severity, fix state or ecosystem override. */
  kev: RuleMode;
  /** Overrides keyed by OSV ecosystem glob, in file order (the first match wins). */
  ecosystems: [string, EcosystemOverride][];
  /** Thresholds for the other finding kinds (image checks). */
  kinds: Record<Exclude<FindingKind, 'vulnerability' | 'provenance'>, KindGate>;
  packages: ListRule;
  /** SPDX ids or expressions; `unknown` is the mode for licences that are not SPDX. */
  licenses: ListRule & { unknown: RuleMode };
  image: {
    registries: { mode: RuleMode; allow: string[] };
    baseImages: { mode: RuleMode; allow: string[] };
    labels: { mode: RuleMode; require: string[] };
    maxAge: { mode: RuleMode; days: number };
  };
  provenance: ProvenancePolicy;
  /** What an incomplete scan does (STYLE rule 17). */
  incomplete: {
    /** An OS package database (dpkg, apk, rpm) could not be read: a hostile image could hide packages so. */
    osDatabase: RuleMode;
    /** Anything else could not be read (one language manifest, one oversized file). */
    other: RuleMode;
  };
  /** Finding rules only count findings a baseline diff calls introduced. */
  newOnly: boolean;
  exceptions: PolicyException[];
}

/**
 * Built-in defaults: fail on high and critical vulnerabilities (GitHub code scanning's default for
 * failing a pull-request check) and on anything known exploited; fail on every secret (a leaked
 * credential is compromised once the image is pushed); warn on high misconfigurations (most images
 * run as root, and a gate that fails nearly everything on day one gets switched off); fail when an
 * OS package database is unreadable, warn on other gaps.
 * Rules that need a list (packages, licences, registries, labels) are off until given one.
 */
export const DEFAULT_POLICY: GatePolicy = {
  failOn: 'high',
  warnOn: 'none',
  ignoreUnfixed: false,
  vulnerabilityRules: {},
  cvss: { mode: 'off', threshold: 9 },
  epss: { mode: 'off', threshold: 0.5 },
  kev: 'fail',
  ecosystems: [],
  kinds: {
    misconfiguration: { failOn: 'critical', warnOn: 'high', rules: {} },
    secret: { failOn: 'unknown', warnOn: 'none', rules: {} },
    license: { failOn: 'high', warnOn: 'none', rules: {} },
  },
  packages: { mode: 'off', deny: [], allow: [] },
  licenses: { mode: 'off', deny: [], allow: [], unknown: 'off' },
  image: {
    registries: { mode: 'off', allow: [] },
    baseImages: { mode: 'off', allow: [] },
    labels: { mode: 'off', require: [] },
    maxAge: { mode: 'off', days: 90 },
  },
  provenance: {
    imageSignatures: [],
    baseImageSignatures: [],
    baseImagePinned: 'off',
    attestations: { mode: 'off', builders: [], sourceRepositories: [], keys: [], identities: [] },
    unownedExecutables: { mode: 'off', allow: [] },
  },
  incomplete: { osDatabase: 'fail', other: 'warn' },
  newOnly: false,
  exceptions: [],
};
