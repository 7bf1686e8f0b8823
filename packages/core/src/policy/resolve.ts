import { applyDocument } from './document.js';
import type { LoadedPolicy } from './load.js';
import { DEFAULT_POLICY, type GatePolicy, type Threshold } from './policy.js';

/** The settings a flag or `TIDEGATE_*` variable can also give. */
export interface PolicySettings {
  failOn?: Threshold;
  warnOn?: Threshold;
  ignoreUnfixed?: boolean;
  newOnly?: boolean;
}

/** The flag each setting has (its variable is `TIDEGATE_<FLAG>`). */
export const SETTING_FLAGS: Record<keyof PolicySettings, string> = {
  failOn: 'fail-on',
  warnOn: 'warn-on',
  ignoreUnfixed: 'ignore-unfixed',
  newOnly: 'fail-on-new-only',
};

/** One layer of the precedence chain: its values and, for each, where it came from. */
export interface SettingsLayer {
  values: PolicySettings;
  /** `--fail-on`, `TIDEGATE_FAIL_ON`: per setting. */
  origins: Partial<Record<keyof PolicySettings, string>>;
}

/** The policy the gate runs, and where each flag-settable value came from. */
export interface ResolvedPolicy {
  policy: GatePolicy;
  /** `default`, `policy file <name>`, `TIDEGATE_FAIL_ON` or `--fail-on`, per setting. */
  origins: Record<keyof PolicySettings, string>;
  file?: LoadedPolicy;
}

function fileSets(file: LoadedPolicy): Record<keyof PolicySettings, boolean> {
  const v = file.document.vulnerabilities;
  return {
    failOn: v?.severity?.fail !== undefined,
    warnOn: v?.severity?.warn !== undefined,
    ignoreUnfixed: v?.['ignore-unfixed'] !== undefined,
    newOnly: file.document['fail-on-new-only'] !== undefined,
  };
}

/**
 * The one precedence chain (STYLE rule 34): flag, then `TIDEGATE_*` variable, then the policy
 * file, then the built-in default. Each layer only overrides what it sets, so an unset flag never
 * hides a policy file's value, and `origins` tells which layer won for every setting.
 */
export function resolvePolicy(
  file: LoadedPolicy | undefined,
  layers: readonly SettingsLayer[],
): ResolvedPolicy {
  let policy = file
    ? applyDocument(DEFAULT_POLICY, file.document, {
        file: file.file,
        exceptionLines: file.exceptionLines,
        ...(file.dir ? { dir: file.dir } : {}),
      })
    : DEFAULT_POLICY;
  const origins = { failOn: 'default', warnOn: 'default', ignoreUnfixed: 'default', newOnly: 'default' };
  if (file) {
    const sets = fileSets(file);
    for (const k of Object.keys(origins) as (keyof PolicySettings)[])
      if (sets[k]) origins[k] = `policy file ${file.file}`;
  }
  // lowest precedence first: the environment, then flags
  for (const layer of layers) {
    for (const k of Object.keys(layer.values) as (keyof PolicySettings)[]) {
      if (layer.values[k] === undefined) continue;
      policy = { ...policy, [k]: layer.values[k] };
      origins[k] = layer.origins[k] ?? 'override';
    }
  }
  return { policy, origins, ...(file ? { file } : {}) };
}
