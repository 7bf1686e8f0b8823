import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

/**
 * Runs a job of the packed orb the way CircleCI runs it (issue 14: bats' `run` switches errexit
 * off, so it could not see a script die under `-e`). What it does, as CircleCI documents it:
 * - `<< parameters.x >>` is replaced in every string (a boolean whole-string reference stays a
 *   boolean, for `when` conditions), then `\<<` (orb pack's escape) becomes `<<`;
 * - `when`/`unless` steps and their `and`/`or`/`not`/`equal` conditions are evaluated at compile time;
 * - each `run` step is a script run by `/bin/bash -eo pipefail` with the step's `environment`,
 *   and every bash sources the job's shared `$BASH_ENV` file first;
 * - a failed step fails the job; later `run` and `save_cache` steps run only with
 *   `when: always` (or `on_fail`); `store_artifacts` and `store_test_results` take no `when` and
 *   run after a failed step too (CircleCI's docs pair a `when: always` step that writes test
 *   results with a plain `store_test_results` after it);
 * - `restore_cache`/`save_cache` keys with `{{ arch }}` and `{{ checksum "FILE" }}`, a saved key is
 *   never overwritten, a restore takes the first key that exists, by prefix for the last;
 * - `store_artifacts`/`store_test_results` are recorded with the files they found.
 */

export type Step = string | Record<string, unknown>;

export interface StepResult {
  name: string;
  type: string;
  status: 'success' | 'failed' | 'skipped';
  code?: number;
  output: string;
}

export interface JobRun {
  steps: StepResult[];
  failed: boolean;
  artifacts: { path: string; destination?: string; files: string[] }[];
  testResults: { path: string; files: string[] }[];
  /** Every run step's output, in order. */
  log: string;
}

export interface JobOptions {
  /** The packed orb, parsed. */
  orb: Record<string, unknown>;
  /** Steps to run, as in a user's config: orb commands by name (`install`, `tidegate/install`). */
  steps: Step[];
  workdir: string;
  home: string;
  /** CircleCI's and the project's variables (CIRCLECI, CIRCLE_*, secrets from contexts). */
  env: Record<string, string>;
  /** Where saved caches live between jobs (one per test). */
  cacheStore: string;
  /** What `checkout` copies into the working directory, and what `attach_workspace` attaches. */
  checkoutFrom?: string;
  workspace?: string;
  /** Time limit of one run step. */
  stepTimeoutMs?: number;
}

type Params = Record<string, unknown>;
const PARAM = /<<\s*parameters\.([\w-]+)\s*>>/g;

function render(v: unknown, params: Params): unknown {
  if (typeof v === 'string') {
    const whole = /^<<\s*parameters\.([\w-]+)\s*>>$/.exec(v);
    if (whole && typeof params[whole[1]!] === 'boolean') return params[whole[1]!];
    return v.replace(PARAM, (_m, n: string) => {
      if (!(n in params)) throw new Error(`circleci: << parameters.${n} >> is not declared`);
      return String(params[n] ?? '');
    });
  }
  if (Array.isArray(v)) return v.map((x) => render(x, params));
  if (v && typeof v === 'object')
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, render(x, params)]));
  return v;
}

function unescape(s: string): string {
  return s.replaceAll('\\<<', '<<');
}

function truthy(cond: unknown): boolean {
  if (cond && typeof cond === 'object' && !Array.isArray(cond)) {
    const [op, arg] = Object.entries(cond)[0]!;
    if (op === 'and') return (arg as unknown[]).every(truthy);
    if (op === 'or') return (arg as unknown[]).some(truthy);
    if (op === 'not') return !truthy(arg);
    if (op === 'equal') {
      const [a, ...rest] = arg as unknown[];
      return rest.every((x) => String(x) === String(a));
    }
    throw new Error(`circleci: unknown condition ${op}`);
  }
  return (
    cond !== false && cond !== '' && cond !== 0 && cond !== null && cond !== undefined && cond !== 'false'
  );
}

/** Parameters of a command or job: the defaults, overridden by what the caller gave. */
function paramsOf(def: Record<string, unknown>, given: Params): Params {
  const out: Params = {};
  const specs = (def.parameters ?? {}) as Record<string, { default?: unknown; type?: string }>;
  for (const [name, spec] of Object.entries(specs)) {
    const v = name in given ? given[name] : spec.default;
    if (v === undefined) throw new Error(`circleci: parameter ${name} is required`);
    out[name] = spec.type === 'boolean' ? v === true || v === 'true' : v;
  }
  for (const k of Object.keys(given)) if (!(k in specs)) throw new Error(`circleci: unknown parameter ${k}`);
  return out;
}

/** Expands orb command invocations and `when` steps into a flat list of built-in steps. */
export function expandSteps(
  orb: Record<string, unknown>,
  steps: Step[],
  params: Params = {},
): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const commands = (orb.commands ?? {}) as Record<string, Record<string, unknown>>;
  for (const raw of steps) {
    const step = (typeof raw === 'string' ? { [raw]: {} } : render(raw, params)) as Record<string, unknown>;
    const [type, body] = Object.entries(step)[0]! as [string, unknown];
    const name = type.replace(/^tidegate\//, '');
    if (type === 'when' || type === 'unless') {
      const b = body as { condition: unknown; steps: Step[] };
      if (truthy(b.condition) === (type === 'when')) out.push(...expandSteps(orb, b.steps, {}));
    } else if (commands[name]) {
      const cmd = commands[name];
      out.push(...expandSteps(orb, cmd.steps as Step[], paramsOf(cmd, (body ?? {}) as Params)));
    } else out.push({ [type]: body ?? {} });
  }
  return out;
}

/** A job of the orb as steps: its own, with its parameters. */
export function jobSteps(orb: Record<string, unknown>, job: string, given: Params): Step[] {
  const def = ((orb.jobs ?? {}) as Record<string, Record<string, unknown>>)[job]!;
  return expandSteps(orb, def.steps as Step[], paramsOf(def, given));
}

async function listFiles(path: string, only?: RegExp): Promise<string[]> {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  for (const e of await readdir(path, { withFileTypes: true, recursive: true }))
    if (e.isFile() && (!only || only.test(e.name))) out.push(join(e.parentPath, e.name));
  return out.sort();
}

function runScript(
  command: string,
  env: Record<string, string>,
  cwd: string,
  timeoutMs: number,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/bash', ['-eo', 'pipefail', '-c', command], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 137, output });
    });
  });
}

/** Runs steps (already expanded or not) as one CircleCI job. */
export async function runJob(o: JobOptions): Promise<JobRun> {
  const steps = expandSteps(o.orb, o.steps);
  const bashEnv = join(o.home, '.circleci-bash-env');
  await mkdir(o.workdir, { recursive: true });
  await mkdir(o.home, { recursive: true });
  await writeFile(bashEnv, '');
  const path = (p: string) =>
    p === '~' || p.startsWith('~/') ? join(o.home, p.slice(1)) : isAbsolute(p) ? p : join(o.workdir, p);
  // every job has the same home and working directory on CircleCI: a cache keeps paths relative to them
  const stored = (p: string) => {
    const rel = relative(o.home, p);
    if (!rel.startsWith('..')) return join('home', rel);
    if (!relative(o.workdir, p).startsWith('..')) return join('project', relative(o.workdir, p));
    throw new Error(`circleci: the harness caches paths under the home or the project only: ${p}`);
  };
  const key = async (k: string) => {
    let out = k.replace(/\{\{\s*arch\s*\}\}/g, 'arch1-linux-amd64');
    for (const m of out.matchAll(/\{\{\s*checksum\s+"([^"]+)"\s*\}\}/g)) {
      const sum = createHash('sha256')
        .update(await readFile(path(m[1]!)))
        .digest('hex');
      out = out.replace(m[0], sum);
    }
    return out.replace(/[^\w.-]/g, '_');
  };
  const run: JobRun = { steps: [], failed: false, artifacts: [], testResults: [], log: '' };
  for (const step of steps) {
    const [type, raw] = Object.entries(step)[0]! as [string, Record<string, unknown> | string];
    const body = (typeof raw === 'string' ? { command: raw } : raw) as Record<string, unknown>;
    const name = String(body.name ?? type);
    const when = String(body.when ?? (type.startsWith('store_') ? 'always' : 'on_success'));
    const go = when === 'always' || (when === 'on_fail' ? run.failed : !run.failed);
    if (!go) {
      run.steps.push({ name, type, status: 'skipped', output: '' });
      continue;
    }
    let result: StepResult = { name, type, status: 'success', output: '' };
    if (type === 'run') {
      const env: Record<string, string> = { ...o.env, HOME: o.home, BASH_ENV: bashEnv };
      for (const [k, v] of Object.entries((body.environment ?? {}) as Record<string, unknown>))
        env[k] = String(v ?? '');
      const r = await runScript(unescape(String(body.command)), env, o.workdir, o.stepTimeoutMs ?? 300_000);
      result = { name, type, status: r.code === 0 ? 'success' : 'failed', code: r.code, output: r.output };
      run.log += `==== ${name}\n${r.output}`;
    } else if (type === 'checkout') {
      if (o.checkoutFrom) await cp(o.checkoutFrom, o.workdir, { recursive: true });
    } else if (type === 'attach_workspace') {
      if (o.workspace) await cp(o.workspace, path(String(body.at ?? '.')), { recursive: true });
    } else if (type === 'save_cache') {
      const dir = join(o.cacheStore, await key(String(body.key)));
      if (!existsSync(dir))
        for (const p of body.paths as string[])
          if (existsSync(path(p))) await cp(path(p), join(dir, stored(path(p))), { recursive: true });
    } else if (type === 'restore_cache') {
      const keys = await Promise.all(((body.keys as string[]) ?? [body.key as string]).map(key));
      const saved = existsSync(o.cacheStore) ? (await readdir(o.cacheStore)).sort().reverse() : [];
      const hit = keys
        .map((k) => saved.find((s) => s === k) ?? saved.find((s) => s.startsWith(k)))
        .find(Boolean);
      if (hit)
        for (const part of await readdir(join(o.cacheStore, hit)))
          await cp(join(o.cacheStore, hit, part), part === 'home' ? o.home : o.workdir, { recursive: true });
      result.output = hit ? `restored ${hit}` : 'no cache found';
    } else if (type === 'store_artifacts') {
      const p = path(String(body.path));
      run.artifacts.push({
        path: p,
        ...(body.destination ? { destination: String(body.destination) } : {}),
        files: (await listFiles(p)).map((f) => relative(p, f) || f),
      });
    } else if (type === 'store_test_results') {
      const p = path(String(body.path));
      run.testResults.push({ path: p, files: await listFiles(p, /\.xml$/) });
    } else throw new Error(`circleci: the harness does not know the step ${type}`);
    if (result.status === 'failed') run.failed = true;
    run.steps.push(result);
  }
  return run;
}
