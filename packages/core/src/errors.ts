/**
 * The two error families (STYLE rule 14) and every user-facing message text (rule 15).
 *
 * A `UserError` means tidegate could not do its job because of its input, configuration, the
 * network or the vulnerability DB: exit 2 with one line. Any other `Error` is a bug: exit 2 with
 * "internal error". A failed policy is never an error; it is a `Verdict` with status `fail`.
 */

/** Coordinates of the thing at fault; each is optional, the more the better. */
export interface Where {
  image?: string;
  layer?: string;
  file?: string;
  field?: string;
  line?: number;
}

/** An error caused by the user's input or environment. Exit code 2, one line, no stack. */
export class UserError extends Error {
  override readonly name = 'UserError';
  readonly where: Where;

  constructor(message: string, where: Where = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.where = where;
  }
}

/** `sha256:0123456789ab…` → `sha256:0123456789ab` (12 hex digits, as docker prints). */
export function shortDigest(digest: string): string {
  const [alg, hex] = digest.includes(':') ? digest.split(':', 2) : ['', digest];
  return alg ? `${alg}:${(hex ?? '').slice(0, 12)}` : digest.slice(0, 12);
}

/** Renders coordinates as `<image>:<layer>:<file>:<line>: field …` in that order. */
export function renderWhere(where: Where): string {
  const parts: string[] = [];
  if (where.image) parts.push(where.image);
  if (where.layer) parts.push(`layer ${shortDigest(where.layer)}`);
  if (where.file) parts.push(where.line !== undefined ? `${where.file}:${where.line}` : where.file);
  let s = parts.join(': ');
  if (where.field) s += `${s ? ': ' : ''}field ${where.field}`;
  return s;
}

/**
 * One line for the user: each error in the cause chain, joined with `: `, coordinates first
 * (STYLE rule 16). Repeated messages in the chain are printed once.
 */
export function formatErrorChain(err: unknown): string {
  const parts: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur !== undefined && cur !== null && depth < 10; depth++) {
    if (cur instanceof UserError) {
      const where = renderWhere(cur.where);
      const text = where ? `${where}: ${cur.message}` : cur.message;
      if (!parts.some((p) => p.includes(text))) parts.push(text);
    } else if (cur instanceof Error) {
      if (!parts.some((p) => p.includes(cur instanceof Error ? cur.message : ''))) parts.push(cur.message);
    } else {
      parts.push(String(cur));
    }
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return parts.join(': ').replace(/\s*\n\s*/g, ' ');
}

/** True when the error (or anything in its cause chain) is a `UserError`. */
export function isUserError(err: unknown): boolean {
  for (let cur = err, depth = 0; cur instanceof Error && depth < 10; cur = cur.cause, depth++) {
    if (cur instanceof UserError) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Message texts. Tests assert on these; docs/errors.md lists them.
// ---------------------------------------------------------------------------------------------

export const messages = {
  fileNotFound: (path: string) => `no such file or directory: ${path}`,
  notAnImage: () =>
    `not a container image: expected a docker-archive tar (manifest.json), an OCI layout (oci-layout, index.json) or an OCI archive`,
  unknownReference: (ref: string) =>
    `cannot tell what kind of image reference this is: ${ref} (use NAME[:TAG], registry:NAME, docker-daemon:NAME, docker-archive:PATH, oci:DIR, oci-archive:PATH or dir:PATH)`,
  notADirectory: (path: string) => `not a directory: ${path}`,
  unsupportedSource: (kind: string) => `image source '${kind}' is not supported yet`,
  jsonInvalid: (what: string, detail: string) => `${what} is not valid JSON: ${detail}`,
  fieldMissing: (what: string, field: string) => `${what} has no '${field}'`,
  fieldInvalid: (what: string, field: string, expected: string) => `${what}: '${field}' must be ${expected}`,
  blobMissing: (digest: string) => `blob ${digest} is named by the manifest but missing from the image`,
  entryMissing: (name: string) => `archive entry ${name} is named by manifest.json but missing`,
  digestMismatch: (want: string, got: string) =>
    `digest mismatch: expected ${want}, content hashes to ${got}`,
  layerNotTar: (detail: string) => `layer is neither gzip, zstd nor a tar archive (${detail})`,
  layerTooLarge: (limit: number) =>
    `layer expands past the limit of ${limit} bytes (a decompression bomb?); raise --max-layer-size to allow it`,
  layerCountMismatch: (layers: number, diffIds: number) =>
    `manifest lists ${layers} layers but the config has ${diffIds} diff_ids`,
  noMatchingPlatform: (wanted: string, available: string[]) =>
    `no manifest for platform ${wanted} (available: ${available.join(', ') || 'none'})`,
  registryUnauthorized: (ref: string, how: string) =>
    `registry refused ${ref} (401 Unauthorized, ${how}): log in with docker login, or pass --username with --password-stdin, or set TIDEGATE_REGISTRY_USERNAME and TIDEGATE_REGISTRY_PASSWORD`,
  registryForbidden: (ref: string) =>
    `registry denied access to ${ref} (403 Forbidden): the credentials lack pull permission`,
  registryNotFound: (ref: string, what: string) => `${what} not found in the registry (404): ${ref}`,
  registryStatus: (ref: string, status: number, detail: string) =>
    `registry answered ${status} for ${ref}${detail ? `: ${detail}` : ''}`,
  registryUnreachable: (host: string, detail: string) => `cannot reach registry ${host}: ${detail}`,
  registryPlainHttp: (host: string) =>
    `registry ${host} speaks plain HTTP only; pass --insecure-registry ${host} to allow it`,
  registryRetriesExhausted: (what: string, attempts: number, last: string) =>
    `${what} failed after ${attempts} attempts (last: ${last})`,
  registryTokenFailed: (realm: string, detail: string) => `token server ${realm} refused a token: ${detail}`,
  registryRedirectRefused: (detail: string) => `refused redirect: ${detail}`,
  manifestUnsupported: (mediaType: string) =>
    `unsupported manifest media type ${mediaType || '(none)'} (Docker schema 1 is not supported; push the image again with a current client)`,
  blobSizeMismatch: (digest: string, want: number, got: number | string) =>
    `blob ${digest} should be ${want} bytes but ${got} arrived`,
  credentialHelperFailed: (helper: string, detail: string) => `credential helper ${helper} failed: ${detail}`,
  dockerConfigInvalid: (path: string, detail: string) => `cannot read Docker config ${path}: ${detail}`,
  daemonUnreachable: (host: string, detail: string) => `cannot reach the Docker daemon at ${host}: ${detail}`,
  daemonImageNotFound: (name: string, host: string) => `image ${name} is not in the local daemon (${host})`,
  daemonStatus: (name: string, status: number, detail: string) =>
    `the Docker daemon answered ${status} exporting ${name}${detail ? `: ${detail}` : ''}`,
  dockerHostUnsupported: (host: string) =>
    `DOCKER_HOST ${host} is not supported (use unix:///path/to/docker.sock or tcp://127.0.0.1:PORT without TLS)`,
  dbNotFound: (path: string) => `vulnerability DB not found: ${path}`,
  dbRecordInvalid: (detail: string) => `not a valid OSV record: ${detail}`,
  dbEmpty: (path: string) => `vulnerability DB ${path} holds no OSV records`,
  zipInvalid: (detail: string) => `not a valid zip archive: ${detail}`,
  dbMissing: (dir: string) =>
    `no vulnerability DB in ${dir}: run 'tidegate db update' first (or pass --db PATH); a scan without advisories would pass everything`,
  dbUnavailable: (dir: string, source: string, why: string) =>
    `no vulnerability DB in ${dir}, and none could be fetched from ${source} (${why}): set --db to a directory or zip of OSV records, or --db-source to a mirror (a URL or a folder), or keep ${dir} between runs (a CI cache)`,
  dbStale: (age: string, max: string, updatedAt: string) =>
    `vulnerability DB is ${age} old (last updated ${updatedAt}), older than --max-db-age ${max}: run 'tidegate db update'`,
  dbCorrupt: (detail: string) =>
    `vulnerability DB cache is damaged (${detail}): run 'tidegate db update' to rebuild it`,
  dbUpdateFailed: (archive: string, detail: string) =>
    `${archive}: update failed, the previous data is kept: ${detail}`,
  ecosystemUnknown: (name: string) =>
    `unknown OSV ecosystem '${name}' (names are OSV's, case-sensitive: Debian, Alpine, npm, PyPI, Go, Maven, crates.io, …)`,
  ecosystemNotPublished: (name: string, url: string) =>
    `no OSV archive for ecosystem '${name}' at ${url} (HTTP 404)`,
  downloadFailed: (url: string, detail: string) => `cannot download ${url}: ${detail}`,
  sourceUnreachable: (url: string, detail: string) => `cannot reach ${url}: ${detail}`,
  downloadTruncated: (url: string, got: number, want: number) =>
    `download of ${url} is truncated: got ${got} of ${want} bytes`,
  offlineNetwork: (what: string) => `--offline forbids network access, but ${what} needs it`,
  durationInvalid: (flag: string, value: string) =>
    `invalid duration '${value}' for ${flag} (use a number with h, d or w: 36h, 7d, 2w)`,
  kevInvalid: (detail: string) => `not a CISA KEV catalog: ${detail}`,
  epssInvalid: (detail: string) => `not an EPSS scores CSV (cve,epss,percentile): ${detail}`,
  osvApiFailed: (detail: string) => `OSV API query failed: ${detail}`,
  flagUnknown: (flag: string) => `unknown flag: ${flag}`,
  flagValueMissing: (flag: string) => `flag ${flag} needs a value`,
  flagValueInvalid: (flag: string, value: string, allowed: readonly string[]) =>
    `invalid value '${value}' for ${flag} (allowed: ${allowed.join(', ')})`,
  commandUnknown: (cmd: string) => `unknown command: ${cmd} (try 'tidegate --help')`,
  argumentMissing: (what: string) => `missing argument: ${what}`,
  githubUnreachable: (method: string, url: string, detail: string) =>
    `cannot reach GitHub (${method} ${url}): ${detail}`,
  githubFailed: (method: string, path: string, status: number, detail: string) =>
    `GitHub ${method} ${path} failed with HTTP ${status}${detail ? `: ${detail}` : ''}`,
  tmpDirFailed: (parent: string, detail: string) =>
    `cannot create a temporary directory in ${parent}: ${detail}`,
  outputNotWritable: (path: string, detail: string) => `cannot write ${path}: ${detail}`,
  // Cataloger issues (CatalogIssue.message): the scan goes on, the report is marked incomplete.
  catalogTooLarge: (what: string, size: number, limit: number) =>
    `${what} of ${size} bytes is over the ${limit}-byte limit for it; not examined`,
  catalogUnparsable: (what: string, detail: string) => `${what} cannot be parsed: ${detail}`,
  catalogNotText: (what: string) => `${what} is not UTF-8 text (binary or corrupt); not examined`,
  catalogEntrySkipped: (what: string, entry: string, detail: string) =>
    `${what}: entry ${entry} skipped: ${detail}`,
  archiveUnsafePath: (name: string) =>
    `archive entry whose path leaves the archive skipped: ${JSON.stringify(name)}`,
  archiveTooManyEntries: (limit: number) =>
    `archive has more than ${limit} entries; the rest were not examined`,
  archiveTooLarge: (limit: number) =>
    `archive expands past ${limit} bytes (a zip bomb?); the rest of it was not examined`,
  archiveEntryTooLarge: (name: string, size: number, limit: number) =>
    `archive entry ${name} declares ${size} uncompressed bytes, over the limit of ${limit} (a zip bomb?); skipped`,
  archiveTooDeep: (limit: number) =>
    `archives nested more than ${limit} deep; the inner ones were not examined`,
  outputOneFormat: () => '--output takes one format; use --output-dir for several',
  policyNotFound: (path: string) => `policy file not found: ${path}`,
  policyExists: (path: string) => `${path} exists already; pass --force to overwrite it`,
  policyYamlInvalid: (detail: string) => `not valid YAML: ${detail}`,
  policyNotMapping: () => 'a policy must be a YAML mapping (key: value lines)',
  policyKeyUnknown: (key: string, allowed: readonly string[]) =>
    `unknown key '${key}' (allowed: ${allowed.join(', ')})`,
  policyKeyMissing: (key: string) => `missing required key '${key}'`,
  policyTypeInvalid: (expected: string) => `must be ${expected}`,
  policyModeOrMapping: () => 'must be fail, warn or off, or a mapping with mode and allow',
  policyValueInvalid: (got: string, allowed: readonly string[]) =>
    `invalid value '${got}' (allowed: ${allowed.join(', ')})`,
  policyDateInvalid: (got: string) => `invalid date '${got}' (use YYYY-MM-DD)`,
  policyLicenseInvalid: (got: string, detail: string) =>
    `not an SPDX licence id or expression: '${got}' (${detail})`,
  policyVersionUnsupported: (got: string) =>
    `unsupported policy version ${got} (this tidegate reads version 1)`,
  exceptionNeedsSelector: () => "an exception needs at least one of 'id', 'package' or 'image'",
  vexNotFound: (path: string) => `VEX document not found: ${path}`,
  vexUnknownFormat: () =>
    'not a VEX document: expected OpenVEX (@context openvex.dev) or CycloneDX (bomFormat CycloneDX)',
  vexInvalid: (field: string, expected: string) => `'${field}' must be ${expected}`,
  baselineNotFound: (path: string) => `baseline report not found: ${path}`,
  baselineInvalid: (detail: string) => `not a tidegate JSON report: ${detail}`,
  reportInvalid: (detail: string) => `not a tidegate JSON report: ${detail}`,
  newOnlyNeedsBaseline: () =>
    '--fail-on-new-only needs --baseline REPORT.json to tell new findings from old ones',
  baseLayersTooMany: (n: number, layers: number) =>
    `--base-image-layers ${n} is more than the image's ${layers} layers`,
  rpmDbUnreadable: (backend: string, detail: string) => `cannot read the rpm ${backend} database: ${detail}`,
  rpmDbDamaged: (backend: string, detail: string) => `rpm ${backend} database is damaged: ${detail}`,
  /** rpm's own wording (`rpmdbNextIterator`), plus the reason. */
  rpmHeaderDamaged: (key: number, detail: string) =>
    `rpmdb: damaged header #${key} retrieved -- skipping (${detail})`,
  rpmHeaderNoName: (key: number) => `rpmdb: header #${key} has no NAME or VERSION -- skipping`,
  distroNotMatched: (distro: string) =>
    `no OSV ecosystem publishes advisories for ${distro}: its packages are listed but not matched`,
  sbomUnknownFormat: () =>
    `not an SBOM tidegate reads: expected CycloneDX JSON (bomFormat), SPDX 2.x JSON (spdxVersion), SPDX tag-value (SPDXVersion:) or an in-toto attestation of one`,
  sbomUnsupportedVersion: (format: string, version: string) =>
    `${format} ${version} is not supported (CycloneDX 1.x and SPDX 2.x are)`,
  sbomNoPurl: (count: number, names: string[]) =>
    `${count} component${count === 1 ? ' has' : 's have'} no purl, so no ecosystem to match against: ${names.slice(0, 5).join(', ')}${count > 5 ? ', …' : ''}`,
  sbomBadPurl: (purl: string, detail: string) => `cannot read purl ${purl}: ${detail}`,
  sbomUnsupportedPurlType: (type: string, count: number) =>
    `${count} package${count === 1 ? '' : 's'} of purl type '${type}' cannot be matched (no OSV ecosystem for it)`,
  trustFileTooLarge: (limit: number) => `larger than ${limit} bytes: not a key or trusted root`,
  keyInvalid: (label: string, detail: string) => `${label} is not a usable public key: ${detail}`,
  trustedRootInvalid: (detail: string) => `not a sigstore trusted_root.json: ${detail}`,
  identityRegexpInvalid: (re: string, detail: string) => `invalid regular expression ${re}: ${detail}`,
  /** An image check threw (a bug): the scan goes on, marked incomplete. */
  checkFailed: (detail: string) => `check failed: ${detail}`,
} as const;
