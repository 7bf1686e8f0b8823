/**
 * Reads the Dockerfile step back out of a history `created_by`, as the builders write it:
 * - classic builder and Buildah: `/bin/sh -c #(nop)  ENV A=b`, `/bin/sh -c #(nop) ADD file:… in /x`,
 *   `/bin/sh -c apt-get update`, and `|2 A=1 B=2 /bin/sh -c …` for RUN with build args;
 * - BuildKit: `RUN /bin/sh -c apt-get update # buildkit`, `RUN |1 A=1 /bin/sh -c …`,
 *   `COPY . /app # buildkit`, `ENV A=b`, `ARG A=b`.
 */

const INSTRUCTION =
  /^(RUN|COPY|ADD|ENV|ARG|LABEL|USER|EXPOSE|WORKDIR|CMD|ENTRYPOINT|HEALTHCHECK|VOLUME|STOPSIGNAL|SHELL|ONBUILD|MAINTAINER)\b[ \t]*/i;

/** One history step: its instruction, its text, and for RUN the build args it ran with. */
export interface Step {
  /** Upper-case Dockerfile instruction, or `undefined` when the text says nothing recognisable. */
  instruction?: string;
  /** The instruction's arguments (for RUN: the shell command). */
  text: string;
  /** Build args a RUN step saw (`|2 A=1 B=2`), in order. */
  args: [string, string][];
}

function runStep(s: string): Step {
  const args: [string, string][] = [];
  const m = /^\|(\d+)[ \t]+/.exec(s);
  if (m) {
    let rest = s.slice(m[0].length);
    for (let i = 0; i < Number(m[1]); i++) {
      const tok = /^(\S+)[ \t]*/.exec(rest);
      if (!tok) break;
      const eq = tok[1]!.indexOf('=');
      if (eq > 0) args.push([tok[1]!.slice(0, eq), tok[1]!.slice(eq + 1)]);
      rest = rest.slice(tok[0].length);
    }
    s = rest;
  }
  return { instruction: 'RUN', text: s.replace(/^\/bin\/(?:ba)?sh -c[ \t]+/, ''), args };
}

/** Parses one `created_by` (see the file comment for the shapes understood). */
export function parseStep(createdBy: string): Step {
  let s = createdBy.trim().replace(/[ \t]*# buildkit$/, '');
  const nop = /^\/bin\/(?:ba)?sh -c #\(nop\)[ \t]*/.exec(s);
  if (nop) s = s.slice(nop[0].length);
  const m = INSTRUCTION.exec(s);
  if (m) {
    const instruction = m[1]!.toUpperCase();
    const text = s.slice(m[0].length);
    return instruction === 'RUN' ? runStep(text) : { instruction, text: text.trim(), args: [] };
  }
  if (!nop && (/^\/bin\/(?:ba)?sh -c /.test(s) || /^\|\d+ /.test(s))) return runStep(s);
  return { text: s, args: [] };
}

/**
 * `K=V` pairs of an ENV, ARG or LABEL step, honouring double and single quotes; the legacy
 * `ENV KEY value` form gives one pair.
 */
export function keyValuePairs(text: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/g;
  for (const m of text.matchAll(re)) out.push([m[1]!, m[2]!.replace(/^(["'])([\s\S]*)\1$/, '$2')]);
  if (out.length === 0) {
    const legacy = /^(\S+)[ \t]+(.+)$/.exec(text.trim());
    if (legacy) out.push([legacy[1]!, legacy[2]!]);
  }
  return out;
}

/** The shell commands of a RUN text, split at `&&`, `||`, `;`, `|` and newlines, trimmed. */
export function shellCommands(text: string): string[] {
  return text
    .split(/&&|\|\||[;|\n]/)
    .map((c) => c.replace(/\\$/, '').trim())
    .filter(Boolean);
}
