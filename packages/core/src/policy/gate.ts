import { messages, UserError } from '../errors.js';
import type {
  BaseImageSplit,
  BaselineDiff,
  CatalogIssue,
  Finding,
  ImageInfo,
  Package,
  ScanResult,
  Verdict,
} from '../types/model.js';
import { baseLayersFromBaseline, diffBaseline } from './baseline.js';
import { evaluate } from './evaluate.js';
import { applyExceptions } from './exceptions.js';
import { imageNames } from './image-names.js';
import type { GatePolicy } from './policy.js';
import { applyVex } from './vex/statement.js';
import type { VexStatement } from './vex/statement.js';

/** What the gate is given besides the scan's own output. */
export interface GateOptions {
  policy: GatePolicy;
  vex?: readonly VexStatement[];
  /** An earlier report to diff against, and the name it was given by. */
  baseline?: { report: ScanResult; source: string };
  /** `--base-image-layers`: the bottom N layers are the base image. Wins over the baseline rule. */
  baseImageLayers?: number;
  /** The time exceptions expire and image age are measured at. Default: now. */
  now?: Date;
}

/** The gate's output: findings with suppressions applied, the verdict, and the attributions. */
export interface GateResult {
  findings: Finding[];
  verdict: Verdict;
  baseline?: BaselineDiff;
  baseImage?: BaseImageSplit;
}

function baseImageSplit(image: ImageInfo, opts: GateOptions): BaseImageSplit | undefined {
  if (opts.baseImageLayers !== undefined) {
    if (opts.baseImageLayers > image.layers.length)
      throw new UserError(messages.baseLayersTooMany(opts.baseImageLayers, image.layers.length));
    return { layers: opts.baseImageLayers, how: 'flag' };
  }
  const n = opts.baseline ? baseLayersFromBaseline(image, opts.baseline.report.image) : undefined;
  return n === undefined ? undefined : { layers: n, how: 'baseline' };
}

/**
 * The policy stage, in its fixed order: VEX statements, then policy exceptions (VEX is a
 * statement of fact, an exception a decision, so a VEX reason wins when both match), then the
 * baseline diff, then the rules.
 */
export function gate(
  input: {
    findings: readonly Finding[];
    issues: readonly CatalogIssue[];
    packages: readonly Package[];
    image: ImageInfo;
  },
  opts: GateOptions,
): GateResult {
  const now = opts.now ?? new Date();
  const names = imageNames(input.image);
  const digests = [input.image.digest, input.image.configDigest].filter((d): d is string => !!d);
  const vexed = opts.vex?.length
    ? applyVex(input.findings, opts.vex, { digests, names })
    : [...input.findings];
  const { findings, expired } = applyExceptions(
    vexed,
    opts.policy.exceptions,
    names,
    now.toISOString().slice(0, 10),
  );
  const baseline = opts.baseline
    ? diffBaseline(findings, opts.baseline.report, opts.baseline.source)
    : undefined;
  const verdict = evaluate(findings, input.issues, opts.policy, {
    packages: input.packages,
    image: input.image,
    expired,
    now,
    ...(baseline ? { introduced: new Set(baseline.introduced) } : {}),
  });
  const baseImage = baseImageSplit(input.image, opts);
  return { findings, verdict, ...(baseline ? { baseline } : {}), ...(baseImage ? { baseImage } : {}) };
}
