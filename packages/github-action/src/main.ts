import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as core from '@actions/core';
import { run as runCli } from '@tidegate/cli';
import { EnvVar, formatErrorChain, isUserError } from '@tidegate/core';
import { actionIo, ciArgv, ciEnv, setErrorOutputs } from './cli.js';
import { getInputs, maskSecrets } from './inputs.js';

function runnerTemp(): string {
  return process.env.RUNNER_TEMP || tmpdir();
}

/**
 * The Action: inputs → `tidegate ci` → its exit code, the same code path as the orb and the
 * Jenkins step (STYLE rule 37). The CLI prepares the DB, scans, writes the reports, sets the
 * outputs, the job summary and the annotations, keeps the pull-request comment, and ends with
 * the verdict line; a comment failure is a warning unless comment-required.
 */
export async function main(): Promise<number> {
  maskSecrets();
  const inputs = getInputs();
  const extra: Record<string, string> = {};
  // db-cache false: a throwaway cache, so nothing is left for actions/cache to keep
  if (!inputs['db-cache']) extra[EnvVar.CACHE_DIR] = await mkdtemp(join(runnerTemp(), 'tidegate-cache-'));
  const outputDir = resolve(inputs['output-dir'] ?? (await mkdtemp(join(runnerTemp(), 'tidegate-'))));
  return runCli(ciArgv(inputs, outputDir), actionIo(ciEnv(inputs, extra)));
}

/**
 * Runs the Action and sets the step's exit code: the CLI's (0 pass or warn, 1 fail, 2 could not
 * scan), or a failed step with one `::error::` line when the Action itself could not start.
 */
export async function run(): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (err) {
    setErrorOutputs();
    const chain = formatErrorChain(err);
    if (isUserError(err)) core.setFailed(`tidegate: error: ${chain}`);
    else core.setFailed(`tidegate: internal error: ${chain}`);
    process.exitCode = 2;
    if (err instanceof Error && err.stack) core.debug(err.stack);
  }
}
