import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '@tidegate/core/testing';

/** What one run of the `tidegate` executable produced. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The bundled CLI as users run it (`packages/cli/dist/tidegate.js` through its bin shim). */
export function cliPath(): string {
  return join(repoRoot(), 'packages', 'cli', 'bin', 'tidegate.js');
}

/**
 * Runs the built `tidegate` in a child process with a clean environment (only PATH, HOME and
 * what the test passes), so no developer's TIDEGATE_* variables leak in.
 */
export function runCli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; timeoutMs?: number; input?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath(), ...args], {
      cwd: opts.cwd ?? repoRoot(),
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: process.env.HOME ?? '/root',
        NO_COLOR: '1',
        ...opts.env,
      },
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
