import { resolve } from 'node:path';
import {
  cachedEnricher,
  dbDir,
  DEFAULT_OSV_API_URL,
  EnvVar,
  exitCodeOf,
  verdictLine,
  loadOsvDb,
  messages,
  OsvApiDb,
  openCachedDb,
  parseDuration,
  recordScannedEcosystems,
  type AdvisoryDb,
  type Enricher,
  reportFormats,
  scan,
  UserError,
  type Logger,
  type RegistryOptions,
  type ResolvedPolicy,
  type ScanResult,
} from '@tidegate/core';
import { parseFlags, type FlagSpec, type FlagValues } from '../flags.js';
import type { CliIo } from '../io.js';
import { gateOptions, policyFlags, resolvePolicy } from './policy-chain.js';
import { limits, writeReports } from './scan-output.js';
import { readDockerfile } from '../output.js';

/** Flags of `tidegate scan`. */
export const scanFlags: readonly FlagSpec[] = [
  {
    name: 'db',
    type: 'string',
    value: 'PATH|osv-api',
    description:
      "OSV advisories: a directory or zip of OSV JSON records, or 'osv-api' to query OSV online (default: the cached DB from 'tidegate db update')",
  },
  { name: 'offline', type: 'boolean', description: 'never touch the network (refuses --db osv-api)' },
  {
    name: 'max-db-age',
    type: 'string',
    value: 'DURATION',
    description: 'exit 2 when the cached DB is older than DURATION (36h, 7d, 2w)',
  },
  {
    name: 'format',
    type: 'string',
    value: 'LIST',
    list: true,
    allowed: reportFormats.map((f) => f.id),
    description: 'report format(s), comma-separated',
  },
  {
    name: 'output',
    type: 'string',
    value: 'FILE',
    description: 'write the report to FILE instead of stdout',
  },
  {
    name: 'output-dir',
    type: 'string',
    value: 'DIR',
    description: 'write one tidegate.<ext> per format into DIR',
  },
  {
    name: 'platform',
    type: 'string',
    value: 'OS/ARCH',
    description: 'platform to scan from a multi-platform image (default linux/amd64)',
  },
  {
    name: 'max-layer-size',
    type: 'string',
    value: 'SIZE',
    description: 'refuse layers that expand past SIZE (default 10GiB)',
  },
  {
    name: 'max-file-size',
    type: 'string',
    value: 'SIZE',
    description: 'skip, with a warning, wanted files larger than SIZE (default 256MiB)',
  },
  {
    name: 'sbom',
    type: 'string',
    value: 'FILE',
    description: 'also write an SBOM to FILE (SPDX for *.spdx.json, else CycloneDX)',
  },
  {
    name: 'work-dir',
    type: 'string',
    value: 'DIR',
    description: 'where the scan keeps its temporary files (default: the system temp dir)',
  },
  {
    name: 'distro-ownership',
    type: 'boolean',
    description: 'skip language packages owned by distro packages (default on; --no-distro-ownership)',
  },
  {
    name: 'username',
    type: 'string',
    value: 'USER',
    env: false,
    description: 'registry username (with --password-stdin; else TIDEGATE_REGISTRY_USERNAME or docker login)',
  },
  {
    name: 'password-stdin',
    type: 'boolean',
    env: false,
    description: 'read the registry password or token from stdin (else TIDEGATE_REGISTRY_PASSWORD)',
  },
  {
    name: 'insecure-registry',
    type: 'string',
    value: 'HOSTS',
    list: true,
    description: 'registries to reach over plain HTTP, comma-separated host[:port] (loopback included)',
  },
  {
    name: 'cache',
    type: 'boolean',
    description: 'reuse per-layer results from the cache dir (default on; --no-cache)',
  },
  {
    name: 'dockerfile',
    type: 'string',
    value: 'PATH',
    description:
      'the Dockerfile the image was built from: SARIF results point at its lines, its FROM names the base image, and base-image.pinned checks its FROMs',
  },
  ...policyFlags,
];

export const scanUsage = [
  'tidegate scan [flags] IMAGE',
  '',
  'IMAGE is one of:',
  '  NAME[:TAG|@DIGEST]           the local Docker/Podman daemon if it has it, else the registry',
  '  registry:NAME[:TAG|@DIGEST]  a registry only (docker://NAME works too)',
  '  docker-daemon:NAME[:TAG]     the daemon at DOCKER_HOST only',
  '  docker-archive:PATH          a docker save / podman save tarball',
  '  oci:DIR[:TAG]                an OCI image layout directory',
  '  oci-archive:PATH[:TAG]       a tarball of an OCI image layout',
  '  dir:PATH                     a root filesystem directory',
  '  PATH                         an archive or layout, recognised by its content',
].join('\n');

async function registryOptions(
  flags: Record<string, string | boolean | undefined>,
  io: CliIo,
): Promise<RegistryOptions> {
  const insecure =
    typeof flags['insecure-registry'] === 'string'
      ? flags['insecure-registry']
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const username = (flags.username as string | undefined) ?? io.env[EnvVar.REGISTRY_USERNAME];
  if (!flags['password-stdin']) {
    if (flags.username)
      throw new UserError(
        '--username needs --password-stdin (the password is never taken from the command line)',
      );
    return { insecure };
  }
  if (!username) throw new UserError('--password-stdin needs --username (or TIDEGATE_REGISTRY_USERNAME)');
  if (!io.readStdin) throw new UserError('--password-stdin: no standard input to read');
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  if (!password) throw new UserError('--password-stdin: standard input was empty');
  return { insecure, username, password };
}

/** The advisories a scan matches against, and what comes with them. */
export interface OpenedDb {
  db: AdvisoryDb;
  enricher?: Enricher;
  /** Set when the cached DB is used: the scan's ecosystems are remembered there for `db update --ecosystems auto`. */
  cacheDir?: string;
}

/**
 * The advisories a scan matches against: `--db PATH` (loaded in memory), `--db osv-api`, or by
 * default the cached DB, which must exist (exit 2 otherwise: no DB must never look like a pass)
 * and be younger than `--max-db-age`.
 */
export async function openDb(
  flags: Record<string, string | boolean | undefined>,
  io: CliIo,
  logger: Logger,
): Promise<OpenedDb> {
  const db = flags.db as string | undefined;
  const maxText = flags['max-db-age'] as string | undefined;
  const maxMs = maxText === undefined ? undefined : parseDuration(maxText);
  if (maxText !== undefined && maxMs === undefined)
    throw new UserError(messages.durationInvalid('--max-db-age', maxText));
  if (db === 'osv-api') {
    if (flags.offline === true) throw new UserError(messages.offlineNetwork('--db osv-api'));
    return { db: new OsvApiDb(io.env[EnvVar.OSV_API_URL] ?? DEFAULT_OSV_API_URL) };
  }
  if (db) {
    if (maxText) logger.warn('--max-db-age applies to the cached DB only; --db PATH is used as given');
    return { db: await loadOsvDb(resolve(io.cwd, db)) };
  }
  const dir = dbDir(io.env);
  const { db: cached, meta } = await openCachedDb(
    dir,
    maxMs !== undefined ? { ms: maxMs, text: maxText! } : undefined,
  );
  logger.info(`using the vulnerability DB in ${dir}`);
  return { db: cached, enricher: cachedEnricher(dir, meta), cacheDir: dir };
}

/** What the scan and a baseline image scan share: DB, enrichment, platform, limits, registry, cache. */
async function commonOptions(flags: FlagValues, opened: OpenedDb, io: CliIo, logger: Logger) {
  return {
    db: opened.db,
    ...(opened.enricher ? { enricher: opened.enricher } : {}),
    logger,
    ...(flags.platform ? { platform: flags.platform as string } : {}),
    limits: limits(flags),
    ...(flags['distro-ownership'] === false ? { distroOwnership: false } : {}),
    ...(flags['work-dir'] ? { workDir: resolve(io.cwd, flags['work-dir'] as string) } : {}),
    registry: await registryOptions(flags, io),
    env: io.env,
    ...(flags.cache === false ? { cache: false } : {}),
  };
}

/**
 * Scans and gates one image with an opened DB (closed afterwards): the part `scan` and `ci`
 * share. The policy chain is resolved by the caller, first, so a bad policy is reported before
 * anything is fetched.
 */
export async function scanImage(
  flags: FlagValues,
  resolved: ResolvedPolicy,
  reference: string,
  opened: OpenedDb,
  io: CliIo,
  logger: Logger,
): Promise<ScanResult> {
  try {
    const common = await commonOptions(flags, opened, io, logger);
    const scanBaseline = (ref: string) => {
      logger.info(`scanning the baseline image ${ref}`);
      return scan({ ...common, reference: ref });
    };
    const gate = await gateOptions(flags, resolved, io, scanBaseline);
    const dockerfile = await readDockerfile(flags.dockerfile as string | undefined, io);
    const result = await scan({
      ...common,
      reference,
      policy: resolved.policy,
      gate,
      ...(dockerfile ? { dockerfile } : {}),
    });
    if (opened.cacheDir)
      await recordScannedEcosystems(
        opened.cacheDir,
        result.packages.map((p) => p.ecosystem),
      );
    return result;
  } finally {
    await opened.db.close?.();
  }
}

/** `tidegate scan`: scan, gate, report. Returns the exit code (0 pass/warn, 1 fail). */
export async function scanCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const { flags, args, origin } = parseFlags(argv, specs, io.env);
  if (args.length !== 1)
    throw new UserError(args.length ? `scan takes one image, got ${args.length}` : 'missing argument: IMAGE');
  const resolved = await resolvePolicy(flags, origin, io);
  const opened = await openDb(flags, io, logger);
  const formats = ((flags.format as string | undefined) ?? 'table').split(',').map((s) => s.trim());
  const result = await scanImage(flags, resolved, args[0]!, opened, io, logger);
  const written = await writeReports(result, flags, formats, io);
  for (const w of written) logger.info(`wrote ${w}`);
  if (written.length || !formats.includes('table')) logger.info(verdictLine(result));
  return exitCodeOf(result.verdict.status);
}
