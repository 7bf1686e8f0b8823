/**
 * @tidegate/core: scan a container image, match its packages to OSV advisories, gate the
 * result on a policy and render reports. Every stage is a plain function over plain data;
 * `scan()` composes them.
 */
export { scan, type ScanOptions } from './scan.js';
export { UserError, formatErrorChain, isUserError, messages, type Where } from './errors.js';
export { silentLogger, memoryLogger, type Logger } from './logger.js';
export { ENV_PREFIX, EnvVar, cacheDir, envNameForFlag } from './env.js';
export { TOOL_VERSION } from './version.js';
export * from './types/model.js';
export type { OsvRecord } from './types/osv/record.js';
export { loadOsvDb, MemoryDb } from './vulndb/memory-db.js';
export type { AdvisoryDb, PackageQuery } from './vulndb/db.js';
export { dbDir } from './vulndb/cache-dir.js';
export { updateDb, DEFAULT_OSV_BASE_URL, type UpdateOptions, type UpdateReport } from './vulndb/update.js';
export { DEFAULT_KEV_URL, DEFAULT_EPSS_URL } from './vulndb/feeds.js';
export { dbStatus, type DbStatus } from './vulndb/status.js';
export { openCachedDb, parseDuration, formatAge, checkAge } from './vulndb/open-cached.js';
export { IndexedDb } from './vulndb/indexed-db.js';
export { OsvApiDb, DEFAULT_OSV_API_URL } from './vulndb/osv-api.js';
export { cachedEnricher, type Enricher } from './vulndb/enrich.js';
export { recordScannedEcosystems, DEFAULT_ECOSYSTEMS, OSV_ECOSYSTEMS } from './vulndb/ecosystem-names.js';
export { readMeta, type DbMeta } from './vulndb/meta.js';
export {
  DEFAULT_POLICY,
  THRESHOLDS,
  type GatePolicy,
  type RuleMode,
  type Threshold,
  type KindGate,
  type PolicyException,
} from './policy/policy.js';
export { evaluate, type EvaluateContext } from './policy/evaluate.js';
export { gate, type GateOptions, type GateResult } from './policy/gate.js';
export { policySchema } from './policy/schema.js';
export { parsePolicy, loadPolicyFile, type LoadedPolicy } from './policy/load.js';
export { applyDocument, type PolicyDocument } from './policy/document.js';
export {
  resolvePolicy,
  SETTING_FLAGS,
  type PolicySettings,
  type ResolvedPolicy,
  type SettingsLayer,
} from './policy/resolve.js';
export { explainPolicy } from './policy/explain.js';
export { STARTER_POLICY } from './policy/starter.js';
export { parseVex, loadVexFile } from './policy/vex/load.js';
export type { VexStatement, VexStatus } from './policy/vex/statement.js';
export {
  loadBaselineReport,
  parseBaselineReport,
  diffBaseline,
  baseLayersFromBaseline,
} from './policy/baseline.js';
export { parseSeverity, atOrAbove, severityRank } from './severity-order.js';
export { buildReportModel, type ReportModel } from './report/model.js';
export { reportFormats, formatById } from './report/registry.js';
export type { ReportFormat, RenderOptions } from './report/format.js';
export { imageSources } from './image/sources/registry.js';
export type { RegistryOptions } from './image/source.js';
export { parseImageName, formatImageName, type ImageName } from './image/reference.js';
export { catalogers } from './catalog/registry.js';
export { configureCatalogers } from './catalog/options.js';
export type { Cataloger, CatalogOptions } from './catalog/cataloger.js';
export { checks, checkById } from './checks/registry.js';
export type { Check, CheckKind, ConfigCheck, ContentCheck, FilesCheck } from './checks/check.js';
export { redact } from './checks/secret-values.js';
export { DEFAULT_CONTENT_MAX_BYTES } from './checks/text-files.js';
export { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LAYER_BYTES } from './image/layer-walk.js';
export { DEFAULT_PLATFORM } from './image/platform.js';
export {
  upsertStickyComment,
  COMMENT_MODES,
  type CommentMode,
  type CommentOutcome,
  type StickyCommentRequest,
} from './publish/sticky-comment.js';
export { commentBody, commentMarker, GITHUB_COMMENT_LIMIT } from './publish/comment-body.js';
export { GitHubApi, GitHubError, type GitHubTarget, type IssueComment } from './publish/github-api.js';
