import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  envNameForFlag,
  loadBaselineReport,
  loadPolicyFile,
  loadVexFile,
  messages,
  resolvePolicy as resolveChain,
  SETTING_FLAGS,
  THRESHOLDS,
  UserError,
  type GateOptions,
  type PolicySettings,
  type ResolvedPolicy,
  type ScanResult,
  type SettingsLayer,
  type Threshold,
} from '@tidegate/core';
import type { FlagSpec, FlagValues } from '../flags.js';
import type { CliIo } from '../io.js';

/** The policy file read when `--policy` is not given and the file exists in the working directory. */
export const DEFAULT_POLICY_FILE = '.tidegate.yml';

/** Flags that feed the policy, shared by `scan` and `policy explain`. */
export const policyFlags: readonly FlagSpec[] = [
  {
    name: 'policy',
    type: 'string',
    value: 'FILE',
    description: `policy file (default ${DEFAULT_POLICY_FILE} when present)`,
  },
  {
    name: 'fail-on',
    type: 'string',
    value: 'SEVERITY',
    allowed: THRESHOLDS,
    description: 'fail on vulnerabilities at or above this severity (default high)',
  },
  {
    name: 'warn-on',
    type: 'string',
    value: 'SEVERITY',
    allowed: THRESHOLDS,
    description: 'warn on vulnerabilities at or above this severity (default none)',
  },
  {
    name: 'ignore-unfixed',
    type: 'boolean',
    description: 'do not gate on vulnerabilities without a fixed version',
  },
  {
    name: 'fail-on-new-only',
    type: 'boolean',
    description: 'gate only on findings the --baseline report does not have',
  },
  {
    name: 'vex',
    type: 'string',
    value: 'FILES',
    list: true,
    repeat: true,
    description: 'OpenVEX or CycloneDX VEX documents (repeatable, or a comma-separated list)',
  },
  {
    name: 'baseline',
    type: 'string',
    value: 'REPORT|IMAGE',
    description:
      'an earlier tidegate JSON report, or an image to scan (docker-archive:…, oci:…): findings are introduced, fixed or unchanged',
  },
  {
    name: 'base-image-layers',
    type: 'string',
    value: 'N',
    description:
      'the bottom N layers are the base image (default: from --baseline when its layers are a prefix)',
  },
];

function settingsFrom(flags: FlagValues): PolicySettings {
  const t = (v: unknown) => (typeof v === 'string' ? (v as Threshold) : undefined);
  const b = (v: unknown) => (typeof v === 'boolean' ? v : undefined);
  return {
    failOn: t(flags['fail-on']),
    warnOn: t(flags['warn-on']),
    ignoreUnfixed: b(flags['ignore-unfixed']),
    newOnly: b(flags['fail-on-new-only']),
  };
}

/** Splits flag values into the environment layer and the command-line layer, by where each came from. */
function layers(flags: FlagValues, origin: Record<string, 'flag' | 'env'>): SettingsLayer[] {
  const all = settingsFrom(flags);
  const env: SettingsLayer = { values: {}, origins: {} };
  const cli: SettingsLayer = { values: {}, origins: {} };
  for (const [key, flag] of Object.entries(SETTING_FLAGS) as [keyof PolicySettings, string][]) {
    if (all[key] === undefined) continue;
    const layer = origin[flag] === 'env' ? env : cli;
    (layer.values as Record<string, unknown>)[key] = all[key];
    layer.origins[key] = origin[flag] === 'env' ? envNameForFlag(flag) : `--${flag}`;
  }
  return [env, cli];
}

/**
 * The precedence chain (STYLE rule 34): flag > `TIDEGATE_*` > policy file > built-in default.
 * Reads `--policy`, else `.tidegate.yml` in the working directory when it exists.
 */
export async function resolvePolicy(
  flags: FlagValues,
  origin: Record<string, 'flag' | 'env'>,
  io: CliIo,
): Promise<ResolvedPolicy> {
  const given = flags.policy as string | undefined;
  const path = given ?? (existsSync(resolve(io.cwd, DEFAULT_POLICY_FILE)) ? DEFAULT_POLICY_FILE : undefined);
  const file = path ? await loadPolicyFile(resolve(io.cwd, path), path) : undefined;
  return resolveChain(file, layers(flags, origin));
}

function baseLayers(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  if (!/^\d+$/.test(v))
    throw new UserError(messages.flagValueInvalid('--base-image-layers', v, ['a number of layers']));
  return Number(v);
}

/** `--baseline` names an image (to scan) rather than a report: a source prefix, or a tarball. */
export function isImageReference(v: string): boolean {
  return /^(docker-archive|oci|oci-archive|dir|registry):/.test(v) || /\.tar$/.test(v);
}

/** Scans the baseline image when `--baseline` names one (same DB and limits as the main scan). */
export type BaselineScanner = (reference: string) => Promise<ScanResult>;

async function loadBaseline(path: string, io: CliIo, scanBaseline?: BaselineScanner): Promise<ScanResult> {
  if (isImageReference(path) && scanBaseline) return scanBaseline(path);
  return loadBaselineReport(resolve(io.cwd, path), path);
}

/**
 * VEX documents, the baseline (a JSON report, or an image scanned with `scanBaseline`) and the
 * base-image split, read from their flags.
 */
export async function gateOptions(
  flags: FlagValues,
  resolved: ResolvedPolicy,
  io: CliIo,
  scanBaseline?: BaselineScanner,
): Promise<Omit<GateOptions, 'policy'>> {
  const vexFiles =
    typeof flags.vex === 'string'
      ? flags.vex
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : [];
  const vex = (await Promise.all(vexFiles.map((f) => loadVexFile(resolve(io.cwd, f), f)))).flat();
  const baselinePath = flags.baseline as string | undefined;
  if (resolved.policy.newOnly && !baselinePath) throw new UserError(messages.newOnlyNeedsBaseline());
  const baseline = baselinePath
    ? { report: await loadBaseline(baselinePath, io, scanBaseline), source: baselinePath }
    : undefined;
  const n = baseLayers(flags['base-image-layers']);
  return {
    ...(vex.length ? { vex } : {}),
    ...(baseline ? { baseline } : {}),
    ...(n !== undefined ? { baseImageLayers: n } : {}),
  };
}
