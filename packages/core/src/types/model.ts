/**
 * The domain model every stage passes along (DESIGN.md "Data flow, typed"). Plain data only:
 * no classes, no methods, so results serialise to JSON and cache as they are.
 */

import type { PackageType } from '../ecosystems/table.js';

export type { PackageType } from '../ecosystems/table.js';

/**
 * All severities, from the most to the least severe: the one list every stage, the policy
 * schema and the CLI read. `negligible` is below `low` (Debian's "unimportant").
 */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'negligible', 'unknown'] as const;

/** Normalised severity (one of {@link SEVERITIES}). */
export type Severity = (typeof SEVERITIES)[number];

/** The layer a file, package or finding came from. */
export interface LayerOrigin {
  /** 0-based position among the image's layers (bottom first). */
  index: number;
  /** Digest of the layer as stored (compressed blob digest, or the diffID where it is stored plain). */
  digest: string;
  /** sha256 of the uncompressed layer tar (`rootfs.diff_ids`). */
  diffId: string;
  /** `created_by` of the history entry that produced this layer, when the config has one. */
  createdBy?: string;
  /** 0-based index of that history entry in the config's `history`. */
  historyIndex?: number;
}

/** The operating system the image is built on, from os-release and its fallbacks. */
export interface Distro {
  /** os-release `ID`: `debian`, `ubuntu`, `alpine`, `rhel`, … */
  id: string;
  /** os-release `VERSION_ID`, when present. */
  versionId?: string;
  /** os-release `VERSION_CODENAME`, when present. */
  codename?: string;
  prettyName?: string;
  /** The OSV ecosystem the distro's advisories are published under (`Debian:12`, `Alpine:v3.20`). */
  ecosystem?: string;
  /** The file the distro was read from. */
  source: string;
}

/** One installed package. */
export interface Package {
  /** Stable within one scan: derived from type, name, version and first location. */
  id: string;
  name: string;
  version: string;
  type: PackageType;
  /** OSV ecosystem name (`Debian:12`, `npm`, `PyPI`, …); empty when unknown (e.g. no distro). */
  ecosystem: string;
  purl: string;
  /** For distro packages: the source package, which distro advisories are keyed by. */
  source?: { name: string; version: string };
  arch?: string;
  /** SPDX expressions or, where no mapping exists, the licence text as declared. */
  licenses: string[];
  /** Paths (image-absolute, no leading slash) of the files the package was read from. */
  locations: string[];
  layer: LayerOrigin;
  /** Id of the cataloger that found it. */
  foundBy: string;
  /** Files a distro package installed (from dpkg `.list`, apk `R:`, rpm file lists), for ownership. */
  files?: string[];
  /**
   * How the project depends on it, where a lockfile or build info says: `root` is the project
   * itself (a Go binary's main module, a Cargo.lock's own crate), `direct` a dependency its
   * manifest names, `indirect` one pulled in by another. Absent when the source does not say.
   */
  relationship?: 'root' | 'direct' | 'indirect';
  /** Digests of the artifact itself, lowercase hex (a jar's `sha1`, which Maven Central indexes). */
  digests?: { algorithm: 'sha1' | 'sha256' | 'sha512'; value: string }[];
}

/** A package that matching skipped on purpose, with the reason (rule 6: ignore rules, not drops). */
export interface IgnoreRule {
  packageId: string;
  reason: 'owned-by-distro-package' | string;
  /** Id of the package that caused the rule (e.g. the dpkg package owning the file). */
  by?: string;
  detail: string;
}

/** Something a cataloger or source could not read; the scan goes on but is marked incomplete. */
export interface CatalogIssue {
  /** The cataloger or stage that hit the problem. */
  by: string;
  message: string;
  path?: string;
  layer?: string;
  /** True when an OS package database could not be read (the policy fails on this by default). */
  osDatabase?: boolean;
}

export type FindingKind = 'vulnerability' | 'misconfiguration' | 'secret' | 'license' | 'provenance';

/** Every finding kind, in the order reports count them. */
export const FINDING_KINDS: readonly FindingKind[] = [
  'vulnerability',
  'misconfiguration',
  'secret',
  'license',
  'provenance',
];

/** Whether and how a vulnerability can be fixed. */
export type FixState = 'fixed' | 'not-fixed' | 'wont-fix' | 'unknown';

/** One advisory, check or rule hit. */
export interface Finding {
  /** Stable: hash of kind, rule id, ecosystem, package name and location (never version or layer). */
  id: string;
  kind: FindingKind;
  /** Advisory id (CVE preferred) or check id. */
  ruleId: string;
  /** Other ids the same issue is known by (GHSA, DSA, …). */
  aliases: string[];
  severity: Severity;
  /** Where the severity came from (`cvss-v3`, `ghsa`, `debian`, `check`…). */
  severitySource?: string;
  /** CVSS base score, 0–10, when a vector was available. */
  score?: number;
  cvssVector?: string;
  title?: string;
  description?: string;
  fixState: FixState;
  /** Versions that fix it (for vulnerabilities). */
  fixedIn: string[];
  package?: { id: string; name: string; version: string; ecosystem: string; purl: string };
  /** For distro packages: matched via the binary or the source package name. */
  matchedBy?: 'name' | 'source';
  /** The advisory records the finding merges (all aliases of one issue). */
  advisories?: { id: string; url?: string; modified?: string }[];
  references?: string[];
  /** Path in the image the finding points at. */
  location?: string;
  /** 1-based line in `location` (secrets found in file contents). */
  line?: number;
  layer?: LayerOrigin;
  /** Free-form evidence (redacted for secrets). */
  evidence?: string;
  /** Set when a policy exception, VEX statement or ignore rule suppressed it. */
  suppressed?: Suppression;
  /**
   * Set when the CVE (the rule id or an alias) is in CISA's Known Exploited Vulnerabilities
   * catalog: `dateAdded`, the federal `dueDate`, and `knownRansomware` (`knownRansomwareCampaignUse`
   * is `Known`). Absent when it is not, or when no KEV catalog was downloaded.
   */
  kev?: { dateAdded: string; dueDate?: string; knownRansomware?: boolean };
  /** FIRST EPSS: probability of exploitation in the next 30 days (`score`, 0–1) and its `percentile` (0–1). */
  epss?: { score: number; percentile: number };
  /**
   * For findings a policy rule asked for (kind `provenance`: a signature, an attestation, a pinned
   * base, unowned software): the rule, as its path in the policy file, and what a violation does.
   */
  policy?: { rule: string; mode: 'fail' | 'warn' };
}

/** Why a finding does not count: a policy exception or a VEX statement. */
export interface Suppression {
  /** What suppressed it: `exception (.tidegate.yml line 40)`, `vex (vex.json, OpenVEX)`. */
  by: string;
  /** The exception's reason, or the VEX status with its justification and impact statement. */
  reason: string;
  /** Date (YYYY-MM-DD) the exception stops applying; absent for VEX. */
  expires?: string;
  /** For VEX: the statement's status and justification (OpenVEX terms), for VEX-style outputs. */
  vex?: { status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation'; justification?: string };
}

export type VerdictStatus = 'pass' | 'warn' | 'fail';

/** Why the verdict is what it is: one entry per violated rule and finding. */
export interface Reason {
  /** The policy rule, as its path in the policy file (`vulnerabilities.severity`, `image.labels`). */
  rule: string;
  status: 'warn' | 'fail';
  message: string;
  /** The findings that violate the rule (empty for image and scan-level rules). */
  findingIds: string[];
  /** The packages that violate the rule (package and licence rules). */
  packageIds?: string[];
}

/** The gate's decision. Nothing after it may change it. */
export interface Verdict {
  status: VerdictStatus;
  reasons: Reason[];
  /** Unsuppressed findings per severity, every kind together. */
  counts: Record<Severity, number>;
  /**
   * The same findings split by kind, so "critical" can mean critical vulnerabilities (the
   * Action's outputs) without misconfigurations or secrets mixed in. Absent in reports written
   * before it existed; {@link countsOfKind} falls back to the findings.
   */
  countsByKind?: Record<FindingKind, Record<Severity, number>>;
  incomplete: boolean;
}

/** What the source knew about the image. */
export interface ImageInfo {
  /** The reference as the user gave it. */
  reference: string;
  /** Source kind that read it (`docker-archive`, `oci`, …). */
  source: string;
  /** Manifest digest, when known. */
  digest?: string;
  configDigest: string;
  repoTags: string[];
  os: string;
  architecture: string;
  created?: string;
  labels: Record<string, string>;
  layers: LayerOrigin[];
}

/** Everything one scan produced: the input of every report format. */
export interface ScanResult {
  /** Version of this JSON shape; bumped on breaking changes (docs/json-report.md). */
  schemaVersion: 1;
  tool: { name: 'tidegate'; version: string };
  /** RFC 3339 time the scan finished. */
  createdAt: string;
  image: ImageInfo;
  distro?: Distro;
  packages: Package[];
  findings: Finding[];
  /** Packages matching skipped on purpose, with the reason. */
  ignored: IgnoreRule[];
  /** What could not be read; non-empty means the scan is incomplete. */
  issues: CatalogIssue[];
  /** Advisory DB the findings come from. */
  db?: { location: string; records: number };
  /** Comparison with a baseline report, when one was given (`--baseline`). */
  baseline?: BaselineDiff;
  /** How many of the bottom layers are the base image, when known (`--base-image-layers`, or a baseline). */
  baseImage?: BaseImageSplit;
  /** Where the image came from: its base image, signatures and attestations (issue 17). */
  provenance?: Provenance;
  /**
   * Executables, scripts and shared libraries no package manager installed; absent when there
   * are none or the scan walked no layers (an SBOM).
   */
  unowned?: UnownedFile[];
  verdict: Verdict;
}

/** The image's base image, as far as the labels or the Dockerfile tell. */
export interface BaseImageRef {
  /** `docker.io/library/debian:12`, as written. */
  name?: string;
  /** `sha256:…` when pinned or labelled. */
  digest?: string;
  /** `label`: `org.opencontainers.image.base.*`; `dockerfile`: the final stage's `FROM`. */
  from: 'label' | 'dockerfile';
  /** 1-based line of the `FROM`, when read from a Dockerfile. */
  line?: number;
}

/** One signature that was looked at, verified or not. */
export interface SignatureEvidence {
  /** `cosign-simple-signing` (`sha256-<hex>.sig` tag) or `sigstore-bundle` (OCI 1.1 referrer). */
  format: 'cosign-simple-signing' | 'sigstore-bundle';
  /** Where it was found: `tag sha256-….sig`, `referrers API`, `referrers tag sha256-…`. */
  via: string;
  verified: boolean;
  /** Who signed it, when verified: `key cosign.pub`, or `subject (issuer)` for keyless. */
  signer?: string;
  /** Why it did not verify (or, when verified, what was checked). */
  reason: string;
}

/** The signature check of one image (the scanned one or its base) against one policy rule. */
export interface SignatureCheck {
  subject: 'image' | 'base-image';
  /** `registry/repo@sha256:…`, the exact manifest checked. */
  reference: string;
  /** The policy rule applied: `image.signatures[0]`. */
  rule: string;
  /** True when at least one signature verified under the rule. */
  verified: boolean;
  /** One line: who signed it, or why nothing verified. */
  reason: string;
  signatures: SignatureEvidence[];
}

/** One in-toto attestation attached to the image. */
export interface AttestationInfo {
  predicateType: string;
  format: 'cosign-dsse' | 'sigstore-bundle';
  via: string;
  verified: boolean;
  signer?: string;
  /** SLSA builder id (`runDetails.builder.id`, v0.2 `builder.id`). */
  builder?: string;
  /** The source repository the build came from, as a URI without `git+` and ref. */
  sourceRepository?: string;
  reason: string;
}

/** An executable file in the image that no package manager installed. */
export interface UnownedFile {
  /** Image path, no leading slash. */
  path: string;
  kind: 'executable' | 'shared-library' | 'script';
  size: number;
  /** Lowercase hex. */
  sha256: string;
  /** The layer that holds it, with the history step that added it. */
  layer: LayerOrigin;
  /** What the binary's own build info says it is: `Go github.com/acme/tool v1.2.3`. */
  identity?: string;
}

/** Where the image came from (issue 17). */
export interface Provenance {
  baseImage?: BaseImageRef;
  signatures: SignatureCheck[];
  attestations: AttestationInfo[];
}

/** The findings of this scan against those of an earlier report, by stable finding id. */
export interface BaselineDiff {
  /** The baseline as the user named it (report path). */
  source: string;
  /** Ids of findings of this scan that the baseline does not have. */
  introduced: string[];
  /** Ids of findings of this scan that the baseline has too. */
  unchanged: string[];
  /** Findings of the baseline that this scan no longer has, as the baseline reported them. */
  fixed: Finding[];
}

/**
 * The bottom `layers` layers came from the base image; findings in them are "from the base
 * image", the rest "added by your layers".
 */
export interface BaseImageSplit {
  layers: number;
  /** `flag`: `--base-image-layers`; `baseline`: the baseline image's diffIDs are a prefix of this one's. */
  how: 'flag' | 'baseline';
}
