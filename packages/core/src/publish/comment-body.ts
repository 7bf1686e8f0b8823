/** GitHub's limit on an issue comment body, in characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

/** The hidden marker that identifies tidegate's comment for one image (STYLE rule 40). */
export function commentMarker(key: string): string {
  return `<!-- tidegate:${key.replace(/--+/g, '-').replace(/[<>\s]/g, '_')} -->`;
}

const TRUNCATED =
  '\n\n_… truncated to fit GitHub’s comment size limit; see the full report in the job’s artifacts._\n';

/**
 * The full comment: marker first, then the Markdown report. Reports keep the verdict at the
 * top, so cutting at the limit drops detail tables, never the verdict. The cut lands on a line
 * boundary, and an open `<details>` block is closed so the rest of the page renders.
 */
export function commentBody(key: string, markdown: string, limit = GITHUB_COMMENT_LIMIT): string {
  const head = `${commentMarker(key)}\n`;
  const full = head + markdown;
  if (full.length <= limit) return full;
  const room = limit - head.length - TRUNCATED.length - '\n</details>'.repeat(4).length;
  let cut = markdown.slice(0, room);
  cut = cut.slice(0, Math.max(0, cut.lastIndexOf('\n')));
  const open = (cut.match(/<details>/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  return head + cut + '\n</details>'.repeat(Math.max(0, Math.min(open, 4))) + TRUNCATED;
}
