import { appendFile, copyFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  annotation,
  annotationLines,
  commentKeyOf,
  defaultCommentKey,
  errorJunit,
  errorMarkdown,
  errorVerdictLine,
  exitCodeOf,
  formatById,
  formatErrorChain,
  isUserError,
  outputFileText,
  protectUntrusted,
  stepOutputs,
  summaryText,
  upsertStickyComment,
  verdictFile,
  VERDICT_FILE,
  type CiContext,
  type CiStatus,
  type CommentMode,
  type CommentRecord,
  type Logger,
  type ScanResult,
} from '@tidegate/core';
import type { FlagValues } from '../flags.js';
import type { CliIo } from '../io.js';
import { writeAtomic } from '../output.js';
import { writeReports } from './scan-output.js';

/** What the scan came to: a verdict with its result, or an error with its one line. */
export interface RunOutcome {
  status: CiStatus;
  line: string;
  reference: string;
  result?: ScanResult;
}

/** Everything `finishRun` needs besides the outcome. */
export interface RunContext {
  flags: FlagValues;
  formats: string[];
  dir: string;
  ctx: CiContext;
  io: CliIo;
  logger: Logger;
}

/**
 * Creates the output directory and removes what an earlier run left there (`tidegate.*`, the
 * verdict file), so an old report can never pass for this run's.
 */
export async function prepareOutputDir(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const f of await readdir(dir))
    if (f.startsWith('tidegate.') || f === VERDICT_FILE)
      await rm(join(dir, f), { force: true, recursive: true });
}

/** Writes the reports of a verdict, or the JUnit and Markdown of an error; returns files by format. */
async function writeAll(o: RunOutcome, run: RunContext): Promise<Record<string, string>> {
  const file = (id: string) => `tidegate.${formatById(id)!.extension}`;
  if (o.result) {
    await writeReports(o.result, run.flags, run.formats, { ...run.io, stdoutIsTTY: false });
    return Object.fromEntries(run.formats.map((id) => [id, file(id)]));
  }
  await writeAtomic(join(run.dir, file('junit')), errorJunit(o.reference || '(no image)', o.line));
  await writeAtomic(join(run.dir, file('markdown')), errorMarkdown(o.reference || '(no image)', o.line));
  return { junit: file('junit'), markdown: file('markdown') };
}

/** Posts or updates the sticky comment when the CI names a pull request; never throws for the API. */
async function comment(o: RunOutcome, run: RunContext, markdown: string): Promise<CommentRecord> {
  const { flags, ctx, io, logger } = run;
  if (flags.comment === false) return { status: 'off' };
  if (!ctx.pr) return { status: 'skipped', reason: ctx.noPr ?? 'not a pull request build' };
  const tokenEnv = (flags['token-env'] as string | undefined) ?? 'GITHUB_TOKEN';
  const token = io.env[tokenEnv];
  if (!token) {
    const reason = ctx.fork
      ? `${tokenEnv} is empty in this fork's build (forks get no secrets)`
      : `no GitHub token: the variable ${tokenEnv} is empty`;
    return { status: ctx.fork ? 'skipped' : 'failed', reason };
  }
  const key =
    (flags['comment-key'] as string | undefined) ??
    (o.result ? commentKeyOf(o.result) : defaultCommentKey(o.reference));
  const out = await upsertStickyComment({
    target: { apiUrl: ctx.pr.apiUrl, repository: ctx.pr.repo, token },
    issue: ctx.pr.number,
    key,
    markdown,
    verdict: o.status,
    mode: ((flags['comment-mode'] as string | undefined) ?? 'always') as CommentMode,
    ...(flags['bot-login'] ? { botLogin: flags['bot-login'] as string } : {}),
    logger,
  });
  switch (out.action) {
    case 'created':
    case 'updated':
      return { status: out.action, ...(out.url ? { url: out.url } : {}) };
    case 'unchanged':
      return { status: 'unchanged' };
    default:
      return { status: out.action, reason: out.reason };
  }
}

/** GitHub Actions: step outputs, the job summary and the annotations. */
async function publishGitHub(
  o: RunOutcome,
  exitCode: number,
  run: RunContext,
  markdown: string,
  files: Record<string, string>,
  record: CommentRecord,
): Promise<void> {
  const { ctx, io, dir, flags } = run;
  const sarif =
    (flags['sarif-file'] as string | undefined) ?? (files.sarif ? join(dir, files.sarif) : undefined);
  const outputs = stepOutputs(
    o.status,
    o.result,
    {
      dir,
      ...(files.json ? { json: join(dir, files.json) } : {}),
      ...(sarif ? { sarif: resolve(io.cwd, sarif) } : {}),
      verdictFile: join(dir, VERDICT_FILE),
    },
    record,
  );
  if (ctx.outputFile) await appendFile(ctx.outputFile, outputFileText(outputs));
  if (ctx.summaryFile)
    await appendFile(ctx.summaryFile, summaryText(markdown, join(dir, files.json ?? 'tidegate.json')));
  // a required comment that failed ends the run as an error whatever the gate said
  const lines = annotationLines(exitCode === 2 ? 'error' : o.status, o.line, o.result);
  if (record.status === 'skipped' && ctx.fork)
    lines.push(annotation('notice', `comment skipped: ${record.reason}`));
  if (lines.length) io.stdout(`${lines.join('\n')}\n`);
}

/**
 * The end of every `tidegate ci` run, whatever the outcome: reports (or the error JUnit and
 * Markdown), the table on stdout, the SARIF copy, the comment, the CI's outputs, the verdict file,
 * then the verdict line last. A comment never changes the verdict unless `--comment-required`.
 */
export async function finishRun(outcome: RunOutcome, run: RunContext): Promise<number> {
  let o = outcome;
  const { io, logger, dir, flags } = run;
  let files: Record<string, string>;
  try {
    files = await writeAll(o, run);
  } catch (err) {
    if (!isUserError(err)) throw err;
    o = { status: 'error', line: errorVerdictLine(formatErrorChain(err)), reference: o.reference };
    files = await writeAll(o, run).catch(() => ({}));
  }
  if (files.table) {
    const table = await readFile(join(dir, files.table), 'utf8');
    io.stdout(run.ctx.kind === 'github' ? protectUntrusted(table) : table);
  }
  const sarifCopy = flags['sarif-file'] as string | undefined;
  if (sarifCopy && files.sarif) {
    const to = resolve(io.cwd, sarifCopy);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(dir, files.sarif), to);
  }
  const markdown = files.markdown
    ? await readFile(join(dir, files.markdown), 'utf8')
    : errorMarkdown(o.reference, o.line);
  const record = await comment(o, run, markdown);
  let exitCode = exitCodeOf(o.status);
  let line = o.line;
  if (record.status === 'failed') {
    const why = `the pull request comment failed: ${record.reason}`;
    if (flags['comment-required'] === true) {
      exitCode = 2;
      line = errorVerdictLine(`${why} (comment-required)`);
    } else logger.warn(`${why}; the gate's result stands (set comment-required to make this fail the run)`);
  } else if (record.status !== 'off')
    logger.info(`comment: ${record.status}${record.reason ? ` (${record.reason})` : ''}`);
  if (run.ctx.kind === 'github') await publishGitHub({ ...o, line }, exitCode, run, markdown, files, record);
  const reports = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, basename(v)]));
  const vf = verdictFile({
    status: o.status,
    line,
    reference: o.reference,
    ...(o.result ? { result: o.result } : {}),
    reports,
    comment: record,
    ci: run.ctx.kind,
    exitCode,
  });
  await writeFile(join(dir, VERDICT_FILE), `${JSON.stringify(vf, null, 2)}\n`);
  logger.info(`reports in ${dir}`);
  io.stderr(`${line}\n`);
  return exitCode;
}
