import { severityRank } from '../severity-order.js';
import {
  FINDING_KINDS,
  SEVERITIES,
  type CatalogIssue,
  type Finding,
  type FindingKind,
  type LayerOrigin,
  type Package,
  type ScanResult,
  type Severity,
} from '../types/model.js';
import { mapDockerfile, type DockerfileMap } from './dockerfile.js';
import { provenanceLines } from './provenance.js';

/** How many problems every format lists before "and N more" (STYLE rule 17). */
export const MAX_LISTED_ISSUES = 10;

/** One distinct rule (advisory or check id) among the findings, with its most severe finding. */
export interface RuleSummary {
  id: string;
  kind: FindingKind;
  /** The most severe finding of the rule: its title, severity and references describe the rule. */
  finding: Finding;
  count: number;
}

/** The grouped, sorted, counted view every format renders (STYLE rule 8). Built once. */
export interface ReportModel {
  result: ScanResult;
  /** The image as users name it: first repo tag, else the reference. */
  imageName: string;
  /** Active (unsuppressed) findings, most severe first. */
  findings: Finding[];
  /** Suppressed findings (exceptions, VEX), most severe first; each carries its reason. */
  suppressed: Finding[];
  /** Active findings per severity and per kind. */
  counts: Record<Severity, number>;
  kinds: Record<FindingKind, number>;
  /** The first issues (at most {@link MAX_LISTED_ISSUES}) and how many more there are. */
  issues: CatalogIssue[];
  moreIssues: number;
  /** Label of each layer for attribution: `layer 3: RUN npm ci`. */
  layerLabels: string[];
  /** Distinct rules of all findings (active and suppressed), most severe first. */
  rules: RuleSummary[];
  findingById: Record<string, Finding>;
  packageById: Record<string, Package>;
  /** What the verdict made of each finding a reason names: `fail` outranks `warn`. */
  statusById: Record<string, 'fail' | 'warn'>;
  /** Baseline classification of the active findings (and what the baseline had that is gone). */
  diff?: { source: string; introduced: Finding[]; unchanged: Finding[]; fixed: Finding[] };
  /** Active findings from the base image's layers and from the image's own layers (config findings: neither). */
  origin?: { baseLayers: number; how: 'flag' | 'baseline'; base: Finding[]; own: Finding[] };
  /** Dockerfile line per layer, when `--dockerfile` was given. */
  dockerfile?: DockerfileMap;
  /** Where the image came from, one line per fact (base image, signatures, attestations). */
  provenance: string[];
}

/** Options for {@link buildReportModel}. */
export interface ModelOptions {
  /** The Dockerfile the image was built from: `path` as reports should show it, and its text. */
  dockerfile?: { path: string; text: string };
}

/** Short, one-line form of a history `created_by` (BuildKit and classic builders). */
export function shortCreatedBy(createdBy: string | undefined): string {
  if (!createdBy) return '';
  return createdBy
    .replace(/^\/bin\/sh -c #\(nop\)\s*/, '')
    .replace(/^\/bin\/sh -c /, 'RUN ')
    .replace(/^RUN \/bin\/sh -c /, 'RUN ')
    .replace(/\s+/g, ' ')
    .replace(/ # buildkit$/, '')
    .trim();
}

/** `layer 2: COPY app /app` (1-based, as `docker history` users count). */
export function layerLabel(l: LayerOrigin): string {
  const step = shortCreatedBy(l.createdBy);
  return step ? `layer ${l.index + 1}: ${step}` : `layer ${l.index + 1}`;
}

/** Most severe first, then highest score, then package name, then rule id: a total, stable order. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    (a.package?.name ?? '').localeCompare(b.package?.name ?? '') ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.id.localeCompare(b.id)
  );
}

function tally<K extends string>(keys: readonly K[], values: readonly K[]): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const v of values) out[v]++;
  return out;
}

function summariseRules(sorted: readonly Finding[]): RuleSummary[] {
  const byId = new Map<string, RuleSummary>();
  for (const f of sorted) {
    const r = byId.get(f.ruleId);
    if (r) r.count++;
    else byId.set(f.ruleId, { id: f.ruleId, kind: f.kind, finding: f, count: 1 });
  }
  return [...byId.values()];
}

function statuses(result: ScanResult): Record<string, 'fail' | 'warn'> {
  const out: Record<string, 'fail' | 'warn'> = {};
  for (const r of result.verdict.reasons)
    for (const id of r.findingIds) if (out[id] !== 'fail') out[id] = r.status;
  return out;
}

function diffOf(result: ScanResult, active: readonly Finding[]): ReportModel['diff'] {
  const b = result.baseline;
  if (!b) return undefined;
  const introduced = new Set(b.introduced);
  return {
    source: b.source,
    introduced: active.filter((f) => introduced.has(f.id)),
    unchanged: active.filter((f) => !introduced.has(f.id)),
    fixed: [...b.fixed].sort(compareFindings),
  };
}

function originOf(result: ScanResult, active: readonly Finding[]): ReportModel['origin'] {
  const s = result.baseImage;
  if (!s) return undefined;
  // findings without a layer (the image config's: root user, no HEALTHCHECK) belong to neither
  const layered = active.filter((f) => f.layer !== undefined);
  const isBase = (f: Finding) => f.layer!.index < s.layers;
  return {
    baseLayers: s.layers,
    how: s.how,
    base: layered.filter(isBase),
    own: layered.filter((f) => !isBase(f)),
  };
}

/** Builds the one view every format renders: sorted, grouped, counted, attributed. */
export function buildReportModel(result: ScanResult, opts: ModelOptions = {}): ReportModel {
  const all = [...result.findings].sort(compareFindings);
  const findings = all.filter((f) => !f.suppressed);
  const diff = diffOf(result, findings);
  const origin = originOf(result, findings);
  const baseLayers = result.baseImage?.layers;
  return {
    result,
    imageName: result.image.repoTags[0] ?? result.image.reference,
    findings,
    suppressed: all.filter((f) => f.suppressed),
    counts: tally(
      SEVERITIES,
      findings.map((f) => f.severity),
    ),
    kinds: tally(
      FINDING_KINDS,
      findings.map((f) => f.kind),
    ),
    issues: result.issues.slice(0, MAX_LISTED_ISSUES),
    moreIssues: Math.max(0, result.issues.length - MAX_LISTED_ISSUES),
    layerLabels: result.image.layers.map(layerLabel),
    rules: summariseRules(all),
    findingById: Object.fromEntries(all.map((f) => [f.id, f])),
    packageById: Object.fromEntries(result.packages.map((p) => [p.id, p])),
    statusById: statuses(result),
    provenance: provenanceLines(result),
    ...(diff ? { diff } : {}),
    ...(origin ? { origin } : {}),
    ...(opts.dockerfile
      ? {
          dockerfile: mapDockerfile(
            opts.dockerfile.path,
            opts.dockerfile.text,
            result.image.layers,
            baseLayers,
          ),
        }
      : {}),
  };
}
