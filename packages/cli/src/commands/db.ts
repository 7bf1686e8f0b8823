import { resolve } from 'node:path';
import {
  DEFAULT_EPSS_URL,
  DEFAULT_KEV_URL,
  DEFAULT_OSV_BASE_URL,
  EnvVar,
  checkAge,
  dbDir,
  dbStatus,
  messages,
  parseDuration,
  readMeta,
  updateDb,
  UserError,
  type DbStatus,
  type Logger,
} from '@tidegate/core';
import { parseFlags, type FlagSpec } from '../flags.js';
import type { CliIo } from '../io.js';
import { progressPrinter } from '../progress.js';

/** Flags of `tidegate db update` and `tidegate db status`. */
export const dbFlags: readonly FlagSpec[] = [
  {
    name: 'ecosystems',
    type: 'string',
    value: 'auto|LIST',
    description:
      "OSV ecosystems to fetch, comma-separated (Debian,npm,…), or 'auto' (default): those in the cache and the last scan, else a default list",
  },
  {
    name: 'source',
    type: 'string',
    value: 'URL|DIR|ZIP',
    description: `where OSV archives come from: a base URL (<base>/<ecosystem>/all.zip; default ${DEFAULT_OSV_BASE_URL}), a local mirror folder, or one zip`,
  },
  { name: 'offline', type: 'boolean', description: 'never touch the network (local --source only)' },
  {
    name: 'kev-url',
    type: 'string',
    value: 'URL|PATH',
    description: `CISA KEV catalog JSON (default ${DEFAULT_KEV_URL})`,
  },
  {
    name: 'epss-url',
    type: 'string',
    value: 'URL|PATH',
    description: `FIRST EPSS scores CSV(.gz) (default ${DEFAULT_EPSS_URL})`,
  },
  {
    name: 'enrichment',
    type: 'boolean',
    description:
      'also fetch KEV and EPSS (default on; --no-enrichment; off with --offline unless given as paths)',
  },
  {
    name: 'max-db-age',
    type: 'string',
    value: 'DURATION',
    description: 'db status: exit 2 when the DB is older (36h, 7d, 2w)',
  },
  { name: 'json', type: 'boolean', description: 'db status: print JSON' },
];

export const dbUsage = `tidegate db update [--ecosystems auto|LIST] [--source URL|DIR|ZIP] [--offline]
       tidegate db status [--max-db-age DURATION] [--json]

The DB lives in $TIDEGATE_CACHE_DIR/db (default $XDG_CACHE_HOME/tidegate/db, else ~/.cache/tidegate/db):
cache that folder between CI runs.`;

type Flags = Record<string, string | boolean | undefined>;

function feedSource(flags: Flags, io: CliIo, kind: 'kev' | 'epss'): string | false {
  const given =
    (flags[`${kind}-url`] as string | undefined) ?? io.env[kind === 'kev' ? EnvVar.KEV_URL : EnvVar.EPSS_URL];
  if (flags.enrichment === false) return false;
  if (given) return /^https?:\/\//i.test(given) ? given : resolve(io.cwd, given);
  return flags.offline === true ? false : kind === 'kev' ? DEFAULT_KEV_URL : DEFAULT_EPSS_URL;
}

async function update(flags: Flags, io: CliIo, logger: Logger): Promise<number> {
  const eco = (flags.ecosystems as string | undefined) ?? 'auto';
  const source = (flags.source as string | undefined) ?? io.env[EnvVar.OSV_BASE_URL] ?? DEFAULT_OSV_BASE_URL;
  const progress = progressPrinter(io);
  const report = await updateDb({
    dir: dbDir(io.env),
    ecosystems:
      eco === 'auto'
        ? 'auto'
        : eco
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
    source: /^https?:\/\//i.test(source) ? source : resolve(io.cwd, source),
    offline: flags.offline === true,
    kev: feedSource(flags, io, 'kev'),
    epss: feedSource(flags, io, 'epss'),
    logger,
    ...(progress ? { onProgress: progress } : {}),
  }).finally(() => progress?.('', 0, 0));
  for (const s of report.skipped) logger.warn(`${s.name} skipped: ${s.reason}`);
  for (const f of report.feeds)
    logger.info(`${f.kind}: ${f.entries} entries${f.version ? ` (${f.version})` : ''}`);
  logger.info(
    `db updated in ${dbDir(io.env)}: ${report.imported.length} imported, ${report.unchanged.length} unchanged`,
  );
  return 0;
}

function statusText(s: DbStatus): string {
  if (!s.exists) return `no vulnerability DB in ${s.dir} (run 'tidegate db update')\n`;
  const lines = [
    `DB: ${s.dir}`,
    `age: ${s.age} (checked ${s.checkedAt})`,
    `records: ${s.records}`,
    '',
    'archive            records  imported',
  ];
  for (const a of s.archives)
    lines.push(
      `${a.name.padEnd(18)} ${String(a.records).padStart(7)}  ${a.importedAt}  ${Object.keys(a.ecosystems).length} ecosystem(s)`,
    );
  lines.push(
    '',
    `KEV:  ${s.kev ? `${s.kev.entries} CVEs, catalog ${s.kev.version ?? '?'}` : 'not downloaded'}`,
  );
  lines.push(`EPSS: ${s.epss ? `${s.epss.entries} scores, ${s.epss.version ?? '?'}` : 'not downloaded'}`);
  return `${lines.join('\n')}\n`;
}

async function status(flags: Flags, io: CliIo): Promise<number> {
  const dir = dbDir(io.env);
  const s = await dbStatus(dir);
  io.stdout(flags.json ? `${JSON.stringify(s, null, 2)}\n` : statusText(s));
  const max = flags['max-db-age'] as string | undefined;
  if (max) {
    const ms = parseDuration(max);
    if (ms === undefined) throw new UserError(messages.durationInvalid('--max-db-age', max));
    const meta = await readMeta(dir);
    if (!meta || !s.exists) throw new UserError(messages.dbMissing(dir));
    checkAge(meta, ms, max);
  }
  return s.exists ? 0 : 2;
}

/** `tidegate db update|status`. */
export async function dbCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const { flags, args } = parseFlags(argv, specs, io.env);
  const sub = args[0];
  if (sub === 'update' && args.length === 1) return update(flags, io, logger);
  if (sub === 'status' && args.length === 1) return status(flags, io);
  throw new UserError(
    sub
      ? `unknown db command: ${args.join(' ')} (update, status)`
      : messages.argumentMissing('db update | db status'),
  );
}
