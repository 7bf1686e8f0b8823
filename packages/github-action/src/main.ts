import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import { context } from '@actions/github';
import { EnvVar, formatById, formatErrorChain, isUserError, UserError } from '@tidegate/core';
import { actionsIo, scanArgv, scanFormats, tidegate, writeUntrusted } from './cli.js';
import { getInputs, maskSecrets, type Inputs } from './inputs.js';
import {
  annotate,
  commentKey,
  finish,
  readReport,
  setErrorOutputs,
  setOutputs,
  verdictLine,
  writeSummary,
  type Report,
  type ReportPaths,
} from './outputs.js';

/** Events whose payload names a pull request the Action may comment on. */
const PR_EVENTS = ['pull_request', 'pull_request_target'];

function runnerTemp(): string {
  return process.env.RUNNER_TEMP || tmpdir();
}

/** Registry credentials go to the CLI through its environment, never its command line. */
function resolveImage(inputs: Inputs, env: Record<string, string>): void {
  core.info(`image: ${inputs.image}`);
  const user = inputs['registry-username'];
  const password = inputs['registry-password'];
  if (!user && !password) return;
  if (!user || !password)
    throw new UserError('inputs registry-username and registry-password go together: set both or neither');
  env[EnvVar.REGISTRY_USERNAME] = user;
  env[EnvVar.REGISTRY_PASSWORD] = password;
  core.info(`registry credentials: ${user} (password masked)`);
}

/**
 * The `db` input as given, else the cached OSV download: `tidegate db update` into tidegate's
 * cache directory (kept between runs by an actions/cache step), or a throwaway one without `db-cache`.
 */
async function prepareDb(inputs: Inputs, env: Record<string, string>): Promise<void> {
  if (inputs.db) return core.info(`advisories: ${inputs.db}`);
  if (!inputs['db-cache']) env[EnvVar.CACHE_DIR] = await mkdtemp(join(runnerTemp(), 'tidegate-cache-'));
  await tidegate(['db', 'update'], actionsIo(env));
}

/** Scans and gates through the CLI; returns where the reports are. Exit 2 throws the CLI's line. */
async function scan(inputs: Inputs, env: Record<string, string>): Promise<ReportPaths> {
  const outputDir = resolve(inputs['output-dir'] ?? (await mkdtemp(join(runnerTemp(), 'tidegate-'))));
  const formats = scanFormats(inputs);
  await tidegate(scanArgv(inputs, { outputDir, formats }), actionsIo(env));
  const file = (id: string) => join(outputDir, `tidegate.${formatById(id)!.extension}`);
  writeUntrusted(await readFile(file('table'), 'utf8'));
  const paths: ReportPaths = { json: file('json'), markdown: file('markdown') };
  if (formats.includes('sarif')) paths.sarif = file('sarif');
  if (inputs['sarif-file'] && paths.sarif) {
    const to = resolve(inputs['sarif-file']);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(paths.sarif, to);
    paths.sarif = to;
  }
  return paths;
}

/** The pull request to comment on, from the event payload; undefined on other events. */
function pullRequest(): { number: number; repo: string; fork: boolean } | undefined {
  const pr = context.payload.pull_request;
  if (!PR_EVENTS.includes(context.eventName) || !pr) return undefined;
  const head = (pr.head as { repo?: { full_name?: string } } | undefined)?.repo?.full_name;
  const base = (pr.base as { repo?: { full_name?: string } } | undefined)?.repo?.full_name;
  const { owner, repo } = context.repo;
  return { number: pr.number, repo: `${owner}/${repo}`, fork: !!head && !!base && head !== base };
}

/** The sticky pull-request comment, through `tidegate comment` (the one implementation, STYLE rule 40). */
async function publish(
  inputs: Inputs,
  report: Report,
  paths: ReportPaths,
  env: Record<string, string>,
): Promise<void> {
  if (!inputs.comment) return core.info('comment: off (input comment is false)');
  const pr = pullRequest();
  if (!pr) return core.info(`comment: none on a ${context.eventName || 'non-pull-request'} event`);
  if (pr.fork && context.eventName === 'pull_request')
    return core.notice('comment skipped: a pull request from a fork gets a read-only token');
  if (!inputs['github-token']) return core.notice('comment skipped: no github-token');
  const argv = ['comment', '--report', paths.json, '--body-file', paths.markdown];
  argv.push('--repo', pr.repo, '--pr', String(pr.number), '--api-url', context.apiUrl);
  argv.push('--key', commentKey(report.image));
  if (inputs['comment-mode']) argv.push('--mode', inputs['comment-mode']);
  await tidegate(argv, actionsIo({ ...env, GITHUB_TOKEN: inputs['github-token'] }));
}

/** The Action: one log group per phase; the verdict decides the step's status last. */
export async function main(): Promise<void> {
  maskSecrets();
  const inputs = getInputs();
  const env: Record<string, string> = {};
  await core.group('Resolve image', async () => resolveImage(inputs, env));
  await core.group('Vulnerability DB', () => prepareDb(inputs, env));
  const paths = await core.group('Scan', () => scan(inputs, env));
  const report: Report = await core.group('Gate', async () => {
    const r = await readReport(paths.json);
    core.info(verdictLine(r));
    return r;
  });
  await core.group('Report', async () => {
    setOutputs(report, paths);
    annotate(report);
    await writeSummary(paths);
  });
  await core.group('Publish', () => publish(inputs, report, paths, env));
  finish(report.verdict.status, verdictLine(report));
}

/**
 * Runs the Action, turning any throw into a failed step with one `::error::` line (exit 1).
 * The entry point (`index.ts`) calls it; `@github/local-action` calls it the same way.
 */
export async function run(): Promise<void> {
  try {
    await main();
  } catch (err) {
    setErrorOutputs();
    const chain = formatErrorChain(err);
    // the CLI's own line already says "tidegate: error: …"
    if (isUserError(err))
      core.setFailed(chain.startsWith('tidegate: ') ? chain : `tidegate: error: ${chain}`);
    else core.setFailed(`tidegate: internal error: ${chain}`);
    if (err instanceof Error && err.stack) core.debug(err.stack);
  }
}
