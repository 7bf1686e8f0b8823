import type { ConfigInput } from '../checks/check.js';
import type { OciExecConfig } from '../types/oci/config.js';

/** A config-check input: the exec config, history `created_by` lines and tags; no layers. */
export function configInput(
  exec: OciExecConfig = {},
  history: string[] = [],
  repoTags: string[] = [],
): ConfigInput {
  return {
    config: {
      architecture: 'amd64',
      os: 'linux',
      config: exec,
      rootfs: { type: 'layers', diff_ids: [] },
      history: history.map((created_by) => ({ created_by })),
    },
    repoTags,
    layers: [],
    contentChecks: [],
  };
}
