import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  explainPolicy,
  loadPolicyFile,
  messages,
  policySchema,
  STARTER_POLICY,
  UserError,
  type Logger,
} from '@tidegate/core';
import { parseFlags, type FlagSpec } from '../flags.js';
import type { CliIo } from '../io.js';
import { writeAtomic } from '../output.js';
import { DEFAULT_POLICY_FILE, policyFlags, resolvePolicy } from './policy-chain.js';

/** Flags of `tidegate policy`: the policy chain's, plus `--force` for `init`. */
export const policyCommandFlags: readonly FlagSpec[] = [
  ...policyFlags.filter((f) => !['vex', 'baseline', 'base-image-layers'].includes(f.name)),
  { name: 'force', type: 'boolean', description: 'policy init: overwrite an existing file', env: false },
];

export const policyUsage = [
  'tidegate policy <init|validate|explain|schema> [flags]',
  '',
  `  init [FILE]        write a commented starter policy (default ${DEFAULT_POLICY_FILE})`,
  '  validate FILE      check a policy file; exit 2 naming the line and field at fault',
  '  explain            print what the policy will do, and where each setting came from',
  '  schema             print the policy JSON Schema (for editors)',
].join('\n');

async function init(args: string[], force: boolean, io: CliIo, logger: Logger): Promise<number> {
  const name = args[0] ?? DEFAULT_POLICY_FILE;
  const path = resolve(io.cwd, name);
  if (existsSync(path) && !force) throw new UserError(messages.policyExists(name), { file: name });
  await writeAtomic(path, STARTER_POLICY);
  logger.info(`wrote ${name}`);
  return 0;
}

async function validate(args: string[], io: CliIo): Promise<number> {
  const name = args[0];
  if (!name) throw new UserError(messages.argumentMissing('FILE'));
  const loaded = await loadPolicyFile(resolve(io.cwd, name), name);
  const today = new Date().toISOString().slice(0, 10);
  const expired = (loaded.document.exceptions ?? []).filter((e) => e.expires <= today).length;
  io.stdout(`${name}: valid${expired ? ` (${expired} expired exception${expired === 1 ? '' : 's'})` : ''}\n`);
  return 0;
}

/** `tidegate policy …`: write, check, explain or print the schema of a policy. Exit 0, or 2 on bad input. */
export async function policyCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const { flags, args, origin } = parseFlags(argv, specs, io.env);
  const [sub, ...rest] = args;
  switch (sub) {
    case 'init':
      return init(rest, flags.force === true, io, logger);
    case 'validate':
      return validate(rest, io);
    case 'explain': {
      const resolved = await resolvePolicy(flags, origin, io);
      io.stdout(explainPolicy(resolved, new Date().toISOString().slice(0, 10)));
      return 0;
    }
    case 'schema':
      io.stdout(`${JSON.stringify(policySchema, null, 2)}\n`);
      return 0;
    default:
      throw new UserError(
        sub
          ? messages.commandUnknown(`policy ${sub}`)
          : messages.argumentMissing('init, validate, explain or schema'),
      );
  }
}
