import { BASE_NAME_LABEL } from '../policy/image-rules.js';
import { parseInstructions } from '../dockerfile.js';
import type { BaseImageRef } from '../types/model.js';

/** OCI annotation keys BuildKit also writes as labels (image-spec `annotations.md`). */
export { BASE_NAME_LABEL };
export const BASE_DIGEST_LABEL = 'org.opencontainers.image.base.digest';

const PINNED = /@sha256:[0-9a-f]{64}\b/;

/** One `FROM` of a Dockerfile: the image it names (or an earlier stage), its stage name, its line. */
export interface FromLine {
  line: number;
  image: string;
  stage?: string;
  /** True for `scratch` and for names of earlier stages: nothing to pull, nothing to pin. */
  internal: boolean;
  pinned: boolean;
}

/** Every `FROM`, in order (`FROM [--platform=…] image [AS name]`). */
export function fromLines(dockerfile: string): FromLine[] {
  const stages = new Set<string>();
  const out: FromLine[] = [];
  for (const ins of parseInstructions(dockerfile)) {
    if (ins.keyword !== 'FROM') continue;
    const words = ins.text
      .split(' ')
      .slice(1)
      .filter((w) => !w.startsWith('--'));
    const image = words[0] ?? '';
    const stage = words[1]?.toUpperCase() === 'AS' ? words[2]?.toLowerCase() : undefined;
    const internal = image.toLowerCase() === 'scratch' || stages.has(image.toLowerCase());
    out.push({ line: ins.line, image, ...(stage ? { stage } : {}), internal, pinned: PINNED.test(image) });
    if (stage) stages.add(stage);
  }
  return out;
}

/** The image the final stage is built on, following `FROM <earlier stage>` back to a real image. */
function finalBase(froms: readonly FromLine[]): FromLine | undefined {
  let cur: FromLine | undefined = froms[froms.length - 1];
  for (let hops = 0; cur?.internal && hops < froms.length; hops++) {
    const name = cur.image.toLowerCase();
    cur = froms.find((f) => f.stage === name);
  }
  return cur && !cur.internal ? cur : undefined;
}

/**
 * The base image: the labels a builder recorded win (they name what was really pulled), else the
 * final stage's `FROM` of `--dockerfile`. Undefined when neither says.
 */
export function baseImageOf(labels: Record<string, string>, dockerfile?: string): BaseImageRef | undefined {
  const name = labels[BASE_NAME_LABEL];
  const digest = labels[BASE_DIGEST_LABEL];
  if (name || digest) return { ...(name ? { name } : {}), ...(digest ? { digest } : {}), from: 'label' };
  const from = dockerfile ? finalBase(fromLines(dockerfile)) : undefined;
  if (!from) return undefined;
  const at = from.image.indexOf('@');
  return {
    name: from.image,
    ...(at >= 0 ? { digest: from.image.slice(at + 1) } : {}),
    from: 'dockerfile',
    line: from.line,
  };
}
