import { formatErrorChain, isUserError, messages, TOOL_VERSION, UserError } from '@tidegate/core';
import { ciCommand } from './commands/ci.js';
import { ciFlags, ciUsage } from './commands/ci-flags.js';
import { dbCommand, dbFlags, dbUsage } from './commands/db.js';
import { commentCommand, commentFlags, commentUsage } from './commands/comment.js';
import { policyCommand, policyCommandFlags, policyUsage } from './commands/policy.js';
import { sbomCommand, sbomFlags, sbomUsage } from './commands/sbom.js';
import { scanCommand, scanFlags, scanUsage } from './commands/scan.js';
import { flagHelp, globalFlags, parseFlags, type FlagSpec, type FlagValues } from './flags.js';
import type { CliIo } from './io.js';
import { stderrLogger } from './logger.js';

export { globalFlags } from './flags.js';

/** Exit codes, identical in every integration (DESIGN.md). */
export const EXIT = { pass: 0, fail: 1, error: 2 } as const;

interface Command {
  name: string;
  summary: string;
  usage: string;
  flags: readonly FlagSpec[];
  run(
    argv: string[],
    io: CliIo,
    logger: ReturnType<typeof stderrLogger>,
    specs: readonly FlagSpec[],
  ): Promise<number>;
  /** The command reports its own bad flags (`ci` writes them into its reports), so they reach it. */
  reportsBadFlags?: boolean;
}

/** Every command, one line each. */
export const commands: readonly Command[] = [
  {
    name: 'scan',
    summary: 'scan an image, gate it on the policy, print the report',
    usage: scanUsage,
    flags: scanFlags,
    run: scanCommand,
  },
  {
    name: 'ci',
    summary: 'the whole gate in a CI job: DB, scan, every report, outputs, comment, exit code',
    usage: ciUsage,
    flags: ciFlags,
    run: ciCommand,
    reportsBadFlags: true,
  },
  {
    name: 'db',
    summary: 'update the cached vulnerability DB (OSV, KEV, EPSS) or show its status',
    usage: dbUsage,
    flags: dbFlags,
    run: dbCommand,
  },
  {
    name: 'sbom',
    summary: 'write a software bill of materials (CycloneDX or SPDX) of an image',
    usage: sbomUsage,
    flags: sbomFlags,
    run: sbomCommand,
  },
  {
    name: 'comment',
    summary: 'create or update the pull-request comment for a scan',
    usage: commentUsage,
    flags: commentFlags,
    run: commentCommand,
  },
  {
    name: 'policy',
    summary: 'write (init), check (validate) or explain a policy file',
    usage: policyUsage,
    flags: policyCommandFlags,
    run: policyCommand,
  },
];

/** The global flags; a command that reports its own bad flags gets them even when parsing fails. */
function preParse(
  cmd: Command,
  argv: string[],
  specs: readonly FlagSpec[],
  io: CliIo,
): { flags: FlagValues } {
  try {
    return parseFlags(argv, specs, io.env);
  } catch (err) {
    if (!cmd.reportsBadFlags) throw err;
    const has = (name: string) => argv.includes(`--${name}`);
    return { flags: { help: has('help') || argv.includes('-h'), debug: has('debug'), quiet: has('quiet') } };
  }
}

function topHelp(): string {
  const w = Math.max(...commands.map((c) => c.name.length));
  return [
    `tidegate ${TOOL_VERSION}: a security gate for container images`,
    '',
    'Usage: tidegate <command> [flags]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`),
    `  ${'version'.padEnd(w)}  print the version`,
    '',
    'Exit codes: 0 pass (warnings allowed), 1 the policy failed the image, 2 tidegate could not do its job.',
    "Run 'tidegate <command> --help' for a command's flags.",
    '',
  ].join('\n');
}

/**
 * Runs the CLI in-process. The GitHub Action, the orb and the Jenkins step all end up here, so
 * argument parsing and exit codes are the same everywhere (STYLE rule 37).
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug') || /^(1|true)$/i.test(io.env.TIDEGATE_DEBUG ?? '');
  try {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h' || name === 'help') {
      io.stdout(topHelp());
      return name ? EXIT.pass : EXIT.error;
    }
    if (name === 'version' || name === '--version') {
      io.stdout(`tidegate ${TOOL_VERSION}\n`);
      return EXIT.pass;
    }
    const cmd = commands.find((c) => c.name === name);
    if (!cmd) throw new UserError(messages.commandUnknown(name));
    const specs = [...cmd.flags, ...globalFlags];
    const { flags } = preParse(cmd, rest, specs, io);
    if (flags.help) {
      io.stdout(`Usage: ${cmd.usage}\n\nFlags:\n${flagHelp(specs)}\n`);
      return EXIT.pass;
    }
    const logger = stderrLogger(io, { debug: flags.debug === true, quiet: flags.quiet === true });
    return await cmd.run(rest, io, logger, specs);
  } catch (err) {
    if (isUserError(err)) io.stderr(`tidegate: error: ${formatErrorChain(err)}\n`);
    else io.stderr(`tidegate: internal error: ${formatErrorChain(err)} (rerun with --debug)\n`);
    if (debug && err instanceof Error && err.stack) io.stderr(`${err.stack}\n`);
    return EXIT.error;
  }
}
