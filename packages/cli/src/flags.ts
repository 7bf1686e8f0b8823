import { envNameForFlag, messages, UserError } from '@tidegate/core';

/** One flag of one command. Every flag can also come from `TIDEGATE_<FLAG>` (flag wins). */
export interface FlagSpec {
  name: string;
  type: 'string' | 'boolean';
  description: string;
  /** Allowed values; for comma-separated lists, each item must be one of them. */
  allowed?: readonly string[];
  list?: boolean;
  /** The flag may be given more than once; the values join into one comma-separated list. */
  repeat?: boolean;
  /** Placeholder shown in help (`PATH`, `SEVERITY`). */
  value?: string;
  /** False for flags that must not be read from the environment (e.g. secrets piped on stdin). */
  env?: boolean;
}

export type FlagValues = Record<string, string | boolean | undefined>;

/** Parsed command line: flag values (from argv, else environment) and positional arguments. */
export interface Parsed {
  flags: FlagValues;
  args: string[];
  /** Where each flag value came from, for `--debug`. */
  origin: Record<string, 'flag' | 'env'>;
}

function parseBool(name: string, v: string): boolean {
  if (/^(1|true|yes|on)$/i.test(v)) return true;
  if (/^(0|false|no|off)$/i.test(v)) return false;
  throw new UserError(messages.flagValueInvalid(`--${name}`, v, ['true', 'false']));
}

function check(spec: FlagSpec, v: string, from: string): void {
  if (!spec.allowed) return;
  const items = spec.list ? v.split(',').map((s) => s.trim()) : [v];
  for (const item of items)
    if (!spec.allowed.includes(item))
      throw new UserError(messages.flagValueInvalid(from, item, spec.allowed));
}

/** `$VAR` and `${VAR}`, the forms `circleci env subst` (envsubst) replaces. */
const ENV_REF = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Replaces `$VAR` and `${VAR}` with their values, unset ones with nothing, as `circleci env
 * subst` does; nothing else is interpreted (no commands, no defaults), so a value can never run
 * anything. For orb parameters, which CircleCI passes through unexpanded (STYLE rule 38).
 */
export function expandEnv(value: string, env: Record<string, string | undefined>): string {
  return value.replace(
    ENV_REF,
    (_m, braced: string | undefined, bare: string | undefined) => env[braced ?? bare!] ?? '',
  );
}

/** How to read values: `transform` applies to every string value, from argv or the environment, before it is checked. */
export interface ParseOptions {
  transform?: (value: string) => string;
}

/**
 * Parses `--flag value`, `--flag=value`, `--bool`, `--no-bool` and `--` (end of flags).
 * Flags not on the command line are read from `TIDEGATE_<FLAG>`.
 */
export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  env: Record<string, string | undefined>,
  opts: ParseOptions = {},
): Parsed {
  const tx = opts.transform ?? ((v: string) => v);
  const flags: FlagValues = {};
  const origin: Record<string, 'flag' | 'env'> = {};
  const args: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      args.push(...argv.slice(i + 1).map(tx));
      break;
    }
    if (!a.startsWith('--') || a === '-') {
      if (a.startsWith('-') && a !== '-' && a !== '-h') throw new UserError(messages.flagUnknown(a));
      if (a === '-h') flags.help = true;
      else args.push(tx(a));
      continue;
    }
    const eq = a.indexOf('=');
    let name = a.slice(2, eq < 0 ? undefined : eq);
    let spec = byName.get(name);
    let negated = false;
    if (!spec && name.startsWith('no-') && byName.get(name.slice(3))?.type === 'boolean') {
      name = name.slice(3);
      spec = byName.get(name);
      negated = true;
    }
    if (!spec) throw new UserError(messages.flagUnknown(a.slice(0, eq < 0 ? undefined : eq)));
    if (spec.type === 'boolean') {
      flags[name] = eq < 0 ? !negated : parseBool(name, a.slice(eq + 1));
    } else {
      const raw = eq < 0 ? argv[++i] : a.slice(eq + 1);
      if (raw === undefined || (eq < 0 && raw.startsWith('--')))
        throw new UserError(messages.flagValueMissing(`--${name}`));
      const v = tx(raw);
      check(spec, v, `--${name}`);
      const prev = flags[name];
      flags[name] = spec.repeat && typeof prev === 'string' ? `${prev},${v}` : v;
    }
    origin[name] = 'flag';
  }
  for (const spec of specs) {
    if (flags[spec.name] !== undefined || spec.env === false) continue;
    const envName = envNameForFlag(spec.name);
    const raw = env[envName];
    if (raw === undefined || raw === '') continue;
    if (spec.type === 'boolean') flags[spec.name] = parseBool(spec.name, raw);
    else {
      const v = tx(raw);
      if (v === '') continue;
      check(spec, v, envName);
      flags[spec.name] = v;
    }
    origin[spec.name] = 'env';
  }
  return { flags, args, origin };
}

/** Help text for a command's flags, one line each, with the environment variable. */
export function flagHelp(specs: readonly FlagSpec[]): string {
  const rows = specs.map((s) => {
    const left = `--${s.name}${s.type === 'string' ? ` ${s.value ?? 'VALUE'}` : ''}`;
    const allowed = s.allowed ? ` (${s.allowed.join('|')})` : '';
    const env = s.env === false ? '' : ` [${envNameForFlag(s.name)}]`;
    return [left, `${s.description}${allowed}${env}`] as const;
  });
  const w = Math.max(...rows.map(([l]) => l.length));
  return rows.map(([l, r]) => `  ${l.padEnd(w)}  ${r}`).join('\n');
}

/** Flags every command takes. */
export const globalFlags: readonly FlagSpec[] = [
  { name: 'debug', type: 'boolean', description: 'log every step and show stack traces' },
  { name: 'quiet', type: 'boolean', description: 'print only the report and errors' },
  { name: 'help', type: 'boolean', description: 'show help', env: false },
];
