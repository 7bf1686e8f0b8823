/**
 * Dockerfile instructions, read the one way every stage shares: the report maps layers to lines,
 * the provenance stage reads the `FROM`s.
 */

/** One Dockerfile instruction: the line it starts on, its keyword, its text on one line. */
export interface Instruction {
  line: number;
  keyword: string;
  text: string;
}

/** Instructions with the line they start on; continuation lines (`\`) joined, comments skipped. */
export function parseInstructions(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    if (/^\s*(#|$)/.test(lines[i]!)) continue;
    const start = i;
    let joined = lines[i]!;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length)
      joined = joined.replace(/\\\s*$/, ' ') + lines[++i]!;
    const norm = joined.trim().replace(/\s+/g, ' ');
    const keyword = norm.split(' ')[0]!.toUpperCase();
    out.push({ line: start + 1, keyword, text: `${keyword}${norm.slice(keyword.length)}` });
  }
  return out;
}
