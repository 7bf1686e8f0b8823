import type { ConfigCheck } from './check.js';

/**
 * CIS Docker Benchmark 4.6, "Ensure that HEALTHCHECK instructions have been added to container
 * images". OCI image configs cannot carry a healthcheck (only Docker's format has the field), so
 * images built in OCI format always get this finding; orchestrators with their own probes
 * (Kubernetes) may reasonably turn it off in the policy.
 */
export const healthcheck: ConfigCheck = {
  id: 'TG-CIS-4.6',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'No HEALTHCHECK',
  severity: 'low',
  cis: '4.6',
  dockle: ['CIS-DI-0006'],
  remediation: 'Add a HEALTHCHECK instruction (and build in Docker format), or rely on orchestrator probes.',
  run({ config }) {
    const test = config.config?.Healthcheck?.Test;
    if (test && test.length > 0 && test[0] !== 'NONE') return [];
    const detail =
      test?.[0] === 'NONE'
        ? 'HEALTHCHECK NONE disables the health check'
        : 'the image defines no HEALTHCHECK';
    return [{ location: 'config.Healthcheck', detail }];
  },
};
