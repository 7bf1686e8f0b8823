import { spawn } from 'node:child_process';
import { messages, UserError } from '../../errors.js';

/** What a credential helper returns for a server (docker-credential-helpers `credentials.Credentials`). */
export interface HelperCredentials {
  Username: string;
  Secret: string;
}

const HELPER_TIMEOUT_MS = 30_000;
const HELPER_NAME = /^[A-Za-z0-9._-]+$/;

/**
 * Asks `docker-credential-<helper> get` for the credentials of `serverUrl`, as the Docker CLI
 * does (docker-credential-helpers protocol: the server URL on stdin, a JSON object with
 * `Username` and `Secret` on stdout). Returns `undefined` when the helper has none for it
 * ("credentials not found", exit 1). The secret is never part of an error message.
 */
export async function runCredentialHelper(
  helper: string,
  serverUrl: string,
  env: Record<string, string | undefined>,
): Promise<HelperCredentials | undefined> {
  const program = `docker-credential-${helper}`;
  if (!HELPER_NAME.test(helper))
    throw new UserError(messages.credentialHelperFailed(program, 'invalid helper name'));
  const { code, stdout, stderr } = await spawnHelper(program, serverUrl, env);
  if (code !== 0) {
    if (/credentials not found/i.test(stdout + stderr)) return undefined;
    const detail = (stderr || stdout).trim().split('\n')[0]?.slice(0, 200) ?? '';
    throw new UserError(
      messages.credentialHelperFailed(program, `exit ${code}${detail ? `: ${detail}` : ''}`),
    );
  }
  try {
    const creds = JSON.parse(stdout) as Partial<HelperCredentials>;
    if (typeof creds.Secret !== 'string' || !creds.Secret) return undefined;
    return { Username: typeof creds.Username === 'string' ? creds.Username : '', Secret: creds.Secret };
  } catch {
    throw new UserError(messages.credentialHelperFailed(program, 'its output is not JSON'));
  }
}

function spawnHelper(
  program: string,
  input: string,
  env: Record<string, string | undefined>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, ['get'], { env: env as NodeJS.ProcessEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), HELPER_TIMEOUT_MS);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const detail = err.code === 'ENOENT' ? 'not found on PATH' : err.message;
      reject(new UserError(messages.credentialHelperFailed(program, detail)));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    child.stdin.on('error', () => {}); // a helper that exits without reading stdin is reported by its exit code
    child.stdin.end(input);
  });
}
