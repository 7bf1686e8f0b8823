import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

/** Runs a real tool (umoci, skopeo, dpkg-query…) and returns its stdout; throws with stderr on failure. */
export async function tool(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: Record<string, string> } = {},
): Promise<string> {
  try {
    const { stdout } = await exec(cmd, args, {
      maxBuffer: 256 << 20,
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      env: { ...process.env, ...opts.env },
    });
    return stdout;
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')} failed: ${e.stderr || e.message}`);
  }
}

/** Whether a command is on PATH. */
export const has = (cmd: string): Promise<boolean> =>
  tool('sh', ['-c', `command -v ${JSON.stringify(cmd).slice(1, -1)}`]).then(
    () => true,
    () => false,
  );

/**
 * The one place a test may skip for a missing program. On a developer's machine it skips with
 * the Debian package to install; in CI (`CI=true`, as .ci/run runs) a missing program is a
 * failure, because scripts/install-deps.sh installs every program the tests call and a skip
 * there would hide a missing install step (issue 14: a fresh machine skipped 3 tests unseen).
 * Returns true when the test can go on.
 */
export async function requireTool(
  t: { skip(message: string): void },
  cmd: string,
  debianPackage: string,
  why: string,
): Promise<boolean> {
  if (await has(cmd)) return true;
  const message = `needs ${cmd} (Debian package ${debianPackage}, which scripts/install-deps.sh installs) ${why}`;
  if (/^(1|true)$/i.test(process.env.CI ?? '')) throw new Error(`${message}: missing in CI`);
  t.skip(message);
  return false;
}
