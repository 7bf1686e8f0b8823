import * as core from '@actions/core';
import type { run as runCli } from '@tidegate/cli';
import type { Inputs } from './inputs.js';

/** The CLI's io interface (`run(argv, io)`'s second parameter). */
export type CliIo = Parameters<typeof runCli>[1];

/** Input → `tidegate ci` flag, for the inputs that are a flag as they are. */
const FLAG_OF: Partial<Record<keyof Inputs, string>> = {
  db: 'db',
  'db-source': 'db-source',
  'max-db-age': 'max-db-age',
  policy: 'policy',
  'fail-on': 'fail-on',
  'ignore-unfixed': 'ignore-unfixed',
  vex: 'vex',
  baseline: 'baseline',
  dockerfile: 'dockerfile',
  formats: 'format',
  'sarif-file': 'sarif-file',
  platform: 'platform',
  'comment-mode': 'comment-mode',
  'comment-key': 'comment-key',
  'comment-required': 'comment-required',
};

/**
 * The `tidegate ci` command line for the inputs: each input that is set becomes its flag (the
 * CLI checks the value), the Action's own choices follow, and the image comes after `--`.
 * Credentials never appear here: they travel in the CLI's environment (see `ciEnv`).
 */
export function ciArgv(inputs: Inputs, outputDir: string): string[] {
  const argv = ['ci', '--ci=github', `--output-dir=${outputDir}`];
  for (const [input, flag] of Object.entries(FLAG_OF) as [keyof Inputs, string][]) {
    const v = inputs[input];
    if (typeof v === 'string') argv.push(`--${flag}=${v}`);
  }
  if (!inputs.comment) argv.push('--no-comment');
  argv.push('--token-env=GITHUB_TOKEN');
  if (inputs['registry-username']) argv.push(`--username=${inputs['registry-username']}`);
  argv.push('--', inputs.image);
  return argv;
}

/**
 * The CLI's environment: the runner's, without `INPUT_*` (they hold the credentials), plus the
 * token for the comment and the registry password, which reach the CLI only here.
 */
export function ciEnv(
  inputs: Inputs,
  extra: Record<string, string> = {},
): Record<string, string | undefined> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('INPUT_')));
  delete env.GITHUB_TOKEN;
  return {
    ...env,
    ...(inputs['github-token'] ? { GITHUB_TOKEN: inputs['github-token'] } : {}),
    ...(inputs['registry-password'] ? { TIDEGATE_REGISTRY_PASSWORD: inputs['registry-password'] } : {}),
    ...extra,
  };
}

/**
 * The in-process CLI writing straight to the step's log: `tidegate ci` itself fences image text
 * against workflow commands and prints its annotations and outputs.
 */
export function actionIo(env: Record<string, string | undefined>): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env,
    cwd: process.cwd(),
    stdoutIsTTY: false,
  };
}

/** Sets `verdict=error` when the Action failed before the CLI could set its outputs. */
export function setErrorOutputs(): void {
  core.setOutput('verdict', 'error');
}
