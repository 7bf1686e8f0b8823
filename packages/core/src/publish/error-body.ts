import { clip, escapeMarkdown } from '../report/escape.js';

/**
 * The Markdown of a scan that could not be done (exit 2), for the pull-request comment and the
 * job summary: the reference and the CLI's one line, escaped, so the pull request says why the
 * check is red instead of keeping a stale verdict.
 */
export function errorMarkdown(reference: string, line: string): string {
  return [
    `### ❗ tidegate: ERROR for ${escapeMarkdown(clip(reference, 200))}`,
    '',
    'tidegate could not scan the image, so there is no verdict:',
    '',
    `> ${escapeMarkdown(clip(line, 2000))}`,
    '',
  ].join('\n');
}
