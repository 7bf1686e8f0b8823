import { spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot, sharedDir } from '@tidegate/core/testing';
import { parse as parseYaml } from 'yaml';

/** The Action's package folder. */
export function actionDir(...parts: string[]): string {
  return join(repoRoot(), 'packages', 'github-action', ...parts);
}

/** Real webhook payloads in ../shared/schemas/github-webhooks, by file name without `.json`. */
export type Payload = 'pull_request-opened.payload' | 'pull_request-synchronize.payload' | 'push-payload';

/** What one run of the bundled Action left behind. */
export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  /** `GITHUB_OUTPUT`, parsed (`name<<delimiter` blocks and `name=value` lines). */
  outputs: Record<string, string>;
  /** `GITHUB_STEP_SUMMARY` as written. */
  summary: string;
}

interface ActionYml {
  inputs: Record<string, { default?: string }>;
}

/** `action.yml`, parsed. */
export async function actionYml(): Promise<ActionYml> {
  return parseYaml(await readFile(actionDir('action.yml'), 'utf8')) as ActionYml;
}

/** The runner's name for an input's variable: upper case, spaces to `_`, hyphens kept (`INPUT_FAIL-ON`). */
export function inputVar(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses a `GITHUB_OUTPUT` file in both of the runner's forms. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      out[heredoc[1]!] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (lines[i]!.includes('=')) {
      const [k, ...v] = lines[i]!.split('=');
      out[k!] = v.join('=');
    }
  }
  return out;
}

/** Writes a webhook payload (optionally changed) for `GITHUB_EVENT_PATH`; returns its path and repository. */
async function eventFile(
  dir: string,
  payload: Payload,
  edit?: (p: Record<string, unknown>) => void,
): Promise<{ path: string; repository: string }> {
  const p = JSON.parse(
    await readFile(sharedDir('schemas', 'github-webhooks', `${payload}.json`), 'utf8'),
  ) as Record<string, unknown> & { repository: { full_name: string } };
  edit?.(p);
  const path = join(dir, 'event.json');
  await writeFile(path, JSON.stringify(p));
  return { path, repository: p.repository.full_name };
}

/**
 * Runs the committed bundle the way the runner does (STYLE rule 26): `node dist/index.js` from a
 * copy outside the repository (no node_modules to fall back on), a clean environment, `INPUT_*`
 * for each input (given, else action.yml's literal default), a real webhook payload, and
 * `GITHUB_OUTPUT`/`GITHUB_STEP_SUMMARY` files.
 */
export async function runAction(opts: {
  inputs: Record<string, string>;
  payload: Payload;
  eventName: string;
  apiUrl?: string;
  editPayload?: (p: Record<string, unknown>) => void;
  cwd?: string;
  env?: Record<string, string>;
}): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'tidegate-action-'));
  const checkout = join(dir, 'action');
  await mkdir(join(checkout, 'dist'), { recursive: true });
  await copyFile(actionDir('dist', 'index.js'), join(checkout, 'dist', 'index.js'));
  const temp = join(dir, 'runner-temp');
  await mkdir(temp);
  const event = await eventFile(dir, opts.payload, opts.editPayload);
  const files = { GITHUB_OUTPUT: join(dir, 'output'), GITHUB_STEP_SUMMARY: join(dir, 'summary.md') };
  for (const f of Object.values(files)) await writeFile(f, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/root',
    RUNNER_TEMP: temp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: opts.cwd ?? dir,
    GITHUB_EVENT_NAME: opts.eventName,
    GITHUB_EVENT_PATH: event.path,
    GITHUB_REPOSITORY: event.repository,
    GITHUB_API_URL: opts.apiUrl ?? 'http://127.0.0.1:9',
    ...files,
    ...opts.env,
  };
  for (const [name, spec] of Object.entries((await actionYml()).inputs)) {
    const value = opts.inputs[name] ?? (spec.default?.includes('${{') ? undefined : spec.default);
    if (value !== undefined) env[inputVar(name)] = value;
  }
  const r = await spawnNode(join(checkout, 'dist', 'index.js'), opts.cwd ?? dir, env);
  return {
    ...r,
    outputs: parseOutputFile(await readFile(files.GITHUB_OUTPUT, 'utf8')),
    summary: await readFile(files.GITHUB_STEP_SUMMARY, 'utf8'),
  };
}

function spawnNode(
  script: string,
  cwd: string,
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}
