import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  annotation,
  EnvVar,
  checkDbReachable,
  ciContext,
  dbDir,
  errorVerdictLine,
  formatErrorChain,
  isUserError,
  messages,
  parseDuration,
  PreparedDb,
  preparedEnricher,
  DEFAULT_KEV_URL,
  DEFAULT_EPSS_URL,
  UserError,
  verdictLine,
  type CiContext,
  type CiKind,
  type Logger,
  type ScanResult,
} from '@tidegate/core';
import { expandEnv, parseFlags, type FlagSpec, type FlagValues, type Parsed } from '../flags.js';
import type { CliIo } from '../io.js';
import { CI_DEFAULT_FORMATS, CI_DEFAULT_OUTPUT_DIR, CI_REQUIRED_FORMATS } from './ci-flags.js';
import { finishRun, prepareOutputDir, type RunOutcome } from './ci-publish.js';
import { resolvePolicy } from './policy-chain.js';
import { openDb, scanImage, type OpenedDb } from './scan.js';

/** On GitHub, warnings are also annotations, so they show on the run's page, not only in the log. */
function withAnnotations(logger: Logger, io: CliIo): Logger {
  return {
    ...logger,
    warn: (m) => {
      logger.warn(m);
      io.stdout(`${annotation('warning', m)}\n`);
    },
  };
}

/** Whether values are to be expanded: `--expand-env` on the command line or TIDEGATE_EXPAND_ENV. */
function wantsExpansion(argv: readonly string[], env: Record<string, string | undefined>): boolean {
  const flag = [...argv].reverse().find((a) => /^--(no-)?expand-env(=|$)/.test(a));
  if (flag) return !flag.startsWith('--no-') && !/=(0|false|no|off)$/i.test(flag);
  return /^(1|true|yes|on)$/i.test(env.TIDEGATE_EXPAND_ENV ?? '');
}

/** The output directory even when the flags could not be parsed, so the error is still reported there. */
function outputDirOf(parsed: Parsed | undefined, argv: readonly string[], io: CliIo): string {
  let dir = parsed?.flags['output-dir'] as string | undefined;
  if (!parsed) {
    const i = argv.findIndex((a) => a === '--output-dir' || a.startsWith('--output-dir='));
    dir =
      i < 0
        ? io.env.TIDEGATE_OUTPUT_DIR
        : argv[i]!.includes('=')
          ? argv[i]!.split('=').slice(1).join('=')
          : argv[i + 1];
  }
  return resolve(io.cwd, dir || CI_DEFAULT_OUTPUT_DIR);
}

/** The formats to write: the user's (or the defaults) plus those the run itself reads. */
function formatsOf(flags: FlagValues): string[] {
  const given =
    typeof flags.format === 'string' ? flags.format.split(',').map((s) => s.trim()) : CI_DEFAULT_FORMATS;
  return [...new Set([...given, ...CI_REQUIRED_FORMATS, ...(flags['sarif-file'] ? ['sarif'] : [])])];
}

/** Registry credentials from an environment variable (CI secrets), never a command line. */
function registryEnv(flags: FlagValues, io: CliIo): CliIo {
  const username = flags.username as string | undefined;
  if (!username || flags['password-stdin']) return io;
  const passVar = (flags['password-env'] as string | undefined) ?? EnvVar.REGISTRY_PASSWORD;
  const password = io.env[passVar];
  if (!password)
    throw new UserError(`--username is set but the variable ${passVar} (the registry password) is empty`);
  delete flags.username;
  const env = { ...io.env, [EnvVar.REGISTRY_USERNAME]: username, [EnvVar.REGISTRY_PASSWORD]: password };
  return { ...io, env };
}

/** `--cache-dir` (TIDEGATE_CACHE_DIR, expanded like any value), with a leading `~` as the home. */
function cacheDirEnv(flags: FlagValues, io: CliIo): CliIo {
  const given = flags['cache-dir'] as string | undefined;
  if (!given) return io;
  const home = io.env.HOME ?? homedir();
  const dir = resolve(
    io.cwd,
    given === '~' ? home : given.startsWith('~/') ? join(home, given.slice(2)) : given,
  );
  return { ...io, env: { ...io.env, [EnvVar.CACHE_DIR]: dir } };
}

function feed(flags: FlagValues, io: CliIo, kind: 'kev' | 'epss'): string | false {
  if (flags.enrichment === false) return false;
  const given = io.env[kind === 'kev' ? EnvVar.KEV_URL : EnvVar.EPSS_URL];
  if (given) return /^https?:\/\//i.test(given) ? given : resolve(io.cwd, given);
  return flags.offline === true ? false : kind === 'kev' ? DEFAULT_KEV_URL : DEFAULT_EPSS_URL;
}

/** `--db` as `scan` takes it, else the cached DB prepared for this image (checked reachable first). */
async function openCiDb(flags: FlagValues, io: CliIo, logger: Logger): Promise<OpenedDb> {
  if (flags.db) return openDb(flags, io, logger);
  const maxText = flags['max-db-age'] as string | undefined;
  const maxMs = maxText === undefined ? undefined : parseDuration(maxText);
  if (maxText !== undefined && maxMs === undefined)
    throw new UserError(messages.durationInvalid('--max-db-age', maxText));
  const source = (flags['db-source'] as string | undefined) ?? io.env[EnvVar.OSV_BASE_URL];
  const o = {
    dir: dbDir(io.env),
    ...(source ? { source: /^https?:\/\//i.test(source) ? source : resolve(io.cwd, source) } : {}),
    offline: flags.offline === true,
    ...(maxMs !== undefined ? { maxAge: { ms: maxMs, text: maxText! } } : {}),
    kev: feed(flags, io, 'kev'),
    epss: feed(flags, io, 'epss'),
    logger,
  };
  await checkDbReachable(o);
  const db = new PreparedDb(o);
  return { db, enricher: preparedEnricher(db), cacheDir: o.dir };
}

/** Parse, prepare, scan: the verdict, or the error line. Never throws a UserError. */
async function scanForCi(
  parsed: Parsed,
  io: CliIo,
  logger: Logger,
): Promise<{ result?: ScanResult; reference: string }> {
  const { flags, args, origin } = parsed;
  if (args.length > 1) throw new UserError(`ci takes one image, got ${args.length}`);
  const reference = args[0] ?? (flags.image as string | undefined);
  if (!reference) throw new UserError('missing argument: IMAGE (or --image)');
  const scanIo = cacheDirEnv(flags, registryEnv(flags, io));
  const resolved = await resolvePolicy(flags, origin, scanIo);
  const opened = await openCiDb(flags, scanIo, logger);
  return { reference, result: await scanImage(flags, resolved, reference, opened, scanIo, logger) };
}

/**
 * `tidegate ci`: the gate as one CI step. Whatever happens (a failing gate, an unreadable image,
 * a bad flag), every report it can write is in the output directory, the CI gets its outputs and
 * comment, `tidegate-verdict.json` says what happened, and the verdict line is the last line.
 */
export async function ciCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const expand = wantsExpansion(argv, io.env);
  const transform = expand ? (v: string) => expandEnv(v, io.env) : undefined;
  let parsed: Parsed | undefined;
  let outcome: RunOutcome | undefined;
  try {
    parsed = parseFlags(argv, specs, io.env, transform ? { transform } : {});
  } catch (err) {
    if (!isUserError(err)) throw err;
    parsed = undefined;
    outcome = {
      status: 'error',
      line: errorVerdictLine(formatErrorChain(err)),
      reference: argv.at(-1) ?? '',
    };
  }
  const dir = outputDirOf(parsed, argv, io);
  await prepareOutputDir(dir);
  const flags = parsed?.flags ?? {};
  const kind = (flags.ci as CiKind | 'auto' | undefined) ?? 'auto';
  const ctx: CiContext = ciContext(io.env, kind, flags['api-url'] as string | undefined);
  if (ctx.kind === 'github') logger = withAnnotations(logger, io);
  if (parsed) {
    try {
      const { result, reference } = await scanForCi(parsed, io, logger);
      outcome = { status: result!.verdict.status, line: verdictLine(result!), reference, result: result! };
    } catch (err) {
      const internal = !isUserError(err);
      const text = formatErrorChain(err);
      const line = internal
        ? `tidegate: internal error: ${text} (rerun with --debug)`
        : errorVerdictLine(text);
      if (internal && err instanceof Error && err.stack) logger.debug(err.stack);
      const ref = parsed.args[0] ?? (parsed.flags.image as string | undefined) ?? '';
      outcome = { status: 'error', line, reference: ref };
    }
  }
  const run = { flags: { ...flags, 'output-dir': dir }, formats: formatsOf(flags), dir, ctx, io, logger };
  return finishRun(outcome!, run);
}
