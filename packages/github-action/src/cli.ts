import { randomUUID } from 'node:crypto';
import { EOL } from 'node:os';
import * as core from '@actions/core';
import { run as runCli } from '@tidegate/cli';
import { reportFormats, UserError } from '@tidegate/core';
import type { Inputs } from './inputs.js';

/**
 * The formats the scan writes: the table (shown in the log), JSON (read for the outputs),
 * Markdown (summary, comment), SARIF when `sarif-file` asks, plus the user's.
 */
export function scanFormats(inputs: Inputs): string[] {
  const known = new Set(reportFormats.map((f) => f.id));
  for (const f of inputs.formats)
    if (!known.has(f)) throw new UserError(`input formats: '${f}' is not one of ${[...known].join(', ')}`);
  const want = new Set(['table', 'json', 'markdown', ...inputs.formats]);
  if (inputs['sarif-file']) want.add('sarif');
  return [...want];
}

/**
 * The `tidegate scan` command line for the inputs. Only inputs that are set become flags, so
 * tidegate's precedence chain resolves the rest. The image comes after `--`.
 */
export function scanArgv(inputs: Inputs, plan: { outputDir: string; formats: string[] }): string[] {
  const argv = ['scan', '--output-dir', plan.outputDir, '--format', plan.formats.join(',')];
  if (inputs.db) argv.push(`--db=${inputs.db}`);
  if (inputs.policy) argv.push(`--policy=${inputs.policy}`);
  if (inputs['fail-on']) argv.push(`--fail-on=${inputs['fail-on']}`);
  if (inputs['ignore-unfixed'] !== undefined)
    argv.push(`--ignore-unfixed=${String(inputs['ignore-unfixed'])}`);
  if (inputs.baseline) argv.push(`--baseline=${inputs.baseline}`);
  if (inputs.platform) argv.push(`--platform=${inputs.platform}`);
  argv.push('--', inputs.image);
  return argv;
}

/** The CLI's io interface (`run(argv, io)`'s second parameter). */
export type CliIo = Parameters<typeof runCli>[1];

/** A `CliIo` for the Actions log that also keeps the CLI's one-line error for `setFailed`. */
export interface ActionIo extends CliIo {
  /** The CLI's one-line `tidegate: error: …`, once it printed one. */
  errorLine?: string;
}

/**
 * Writes text that may hold image content (package names, paths) to the log. A line starting
 * with `::` would be a workflow command, so such text goes inside a `stop-commands` block.
 */
export function writeUntrusted(
  text: string,
  write: (s: string) => void = (s) => void process.stdout.write(s),
): void {
  if (!/^\s*::/m.test(text)) return write(text);
  const token = randomUUID();
  write(`::stop-commands::${token}${EOL}${text}${text.endsWith('\n') ? '' : EOL}::${token}::${EOL}`);
}

function routeLine(io: ActionIo, line: string): void {
  if (/^tidegate: (?:error|internal error): /.test(line)) io.errorLine = line;
  else if (line.startsWith('warning: ')) core.warning(line.slice(9));
  else if (line.startsWith('error: ')) core.error(line.slice(7));
  else if (line.startsWith('debug: ')) core.debug(line.slice(7));
  else writeUntrusted(`${line}\n`);
}

/**
 * Routes the in-process CLI to the Actions log: reports on stdout as they are, stderr lines to
 * `core.warning`/`core.error`/`core.debug` by their prefix. `INPUT_*` variables are not passed
 * on: the CLI has no use for them, and they hold the credentials.
 */
export function actionsIo(extraEnv: Record<string, string> = {}): ActionIo {
  let partial = '';
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_')));
  const io: ActionIo = {
    stdout: (t) => writeUntrusted(t),
    stderr: (t) => {
      const lines = (partial + t).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) routeLine(io, line);
    },
    env: { ...env, ...extraEnv },
    cwd: process.cwd(),
    stdoutIsTTY: false,
  };
  return io;
}

/** Runs one tidegate command in-process; exit 2 becomes an error carrying the CLI's one line. */
export async function tidegate(argv: string[], io: ActionIo): Promise<0 | 1> {
  const code = await runCli(argv, io);
  if (code === 0 || code === 1) return code;
  throw new UserError(io.errorLine ?? `tidegate ${argv[0]} exited ${code}`);
}
