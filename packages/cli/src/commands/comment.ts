import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildReportModel,
  commentKeyOf,
  COMMENT_MODES,
  formatById,
  messages,
  readReport,
  upsertStickyComment,
  UserError,
  type CommentMode,
  type Logger,
  type ScanResult,
} from '@tidegate/core';
import { parseFlags, type FlagSpec } from '../flags.js';
import type { CliIo } from '../io.js';

/** Flags of `tidegate comment`. The token is never a flag value: it is read from the variable `--token-env` names. */
export const commentFlags: readonly FlagSpec[] = [
  {
    name: 'report',
    type: 'string',
    value: 'FILE',
    description: 'the JSON report of the scan (tidegate scan --format json)',
  },
  {
    name: 'body-file',
    type: 'string',
    value: 'FILE',
    description: 'Markdown to post (default: rendered from --report)',
  },
  { name: 'repo', type: 'string', value: 'OWNER/NAME', description: 'the GitHub repository' },
  { name: 'pr', type: 'string', value: 'NUMBER', description: 'the pull request number' },
  {
    name: 'token-env',
    type: 'string',
    value: 'VAR',
    description: 'environment variable holding the GitHub token (default GITHUB_TOKEN)',
  },
  {
    name: 'api-url',
    type: 'string',
    value: 'URL',
    description: 'GitHub REST API base URL (default https://api.github.com)',
  },
  {
    name: 'mode',
    type: 'string',
    value: 'MODE',
    allowed: COMMENT_MODES,
    description: 'when to post (default always)',
  },
  {
    name: 'key',
    type: 'string',
    value: 'KEY',
    description: 'one comment per key in a pull request (default: the image name without tag or digest)',
  },
  {
    name: 'bot-login',
    type: 'string',
    value: 'LOGIN',
    description: 'only update comments written by this login',
  },
];

export const commentUsage =
  'tidegate comment --report reports/tidegate.json --repo OWNER/NAME --pr N [flags]\n\nCreates or updates one pull-request comment per image (found by a hidden marker), never duplicated.';

async function bodyFor(result: ScanResult, bodyFile: string | undefined, cwd: string): Promise<string> {
  if (bodyFile)
    return readFile(resolve(cwd, bodyFile), 'utf8').catch(() => {
      throw new UserError(messages.fileNotFound(bodyFile), { file: bodyFile });
    });
  const markdown = formatById('markdown');
  if (!markdown) throw new UserError('this build has no markdown report format: pass --body-file');
  return markdown.render(buildReportModel(result), { color: false });
}

/** `tidegate comment`: posts the sticky pull-request comment. Exit 0 when posted or skipped. */
export async function commentCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const { flags } = parseFlags(argv, specs, io.env);
  const need = (name: string): string => {
    const v = flags[name];
    if (typeof v !== 'string' || !v) throw new UserError(messages.argumentMissing(`--${name}`));
    return v;
  };
  const result = await readReport(resolve(io.cwd, need('report')), need('report'));
  const repo = need('repo');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo))
    throw new UserError(messages.flagValueInvalid('--repo', repo, ['OWNER/NAME']));
  const pr = Number(need('pr'));
  if (!Number.isInteger(pr) || pr <= 0)
    throw new UserError(messages.flagValueInvalid('--pr', String(flags.pr), ['a pull request number']));
  const tokenEnv = (flags['token-env'] as string | undefined) ?? 'GITHUB_TOKEN';
  const token = io.env[tokenEnv];
  if (!token) throw new UserError(`no GitHub token: the variable ${tokenEnv} is empty`);
  const outcome = await upsertStickyComment({
    target: {
      apiUrl: (flags['api-url'] as string | undefined) ?? 'https://api.github.com',
      repository: repo,
      token,
    },
    issue: pr,
    key: (flags.key as string | undefined) ?? commentKeyOf(result),
    markdown: await bodyFor(result, flags['body-file'] as string | undefined, io.cwd),
    verdict: result.verdict.status,
    mode: ((flags.mode as string | undefined) ?? 'always') as CommentMode,
    ...(flags['bot-login'] ? { botLogin: flags['bot-login'] as string } : {}),
    logger,
  });
  // this command's one job is the comment: a failure is exit 2 (`tidegate ci` only warns)
  if (outcome.action === 'failed') throw new UserError(`the pull request comment failed: ${outcome.reason}`);
  logger.info(`comment: ${outcome.action}${'reason' in outcome ? ` (${outcome.reason})` : ''}`);
  return 0;
}
