import type { ConfigCheck } from './check.js';

/**
 * Port 22 exposed: an SSH server in a container is a second way in that bypasses the
 * orchestrator's access control and audit (`docker exec`, `kubectl exec` do the job).
 */
export const sshPort: ConfigCheck = {
  id: 'TG-CFG-ssh-port',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'SSH port 22 exposed',
  severity: 'medium',
  remediation: 'Remove EXPOSE 22 and the SSH server; use docker exec / kubectl exec for access.',
  run({ config }) {
    const ports = Object.keys(config.config?.ExposedPorts ?? {});
    return ports
      .filter((p) => p === '22' || p.startsWith('22/'))
      .map((p) => ({
        location: `config.ExposedPorts.${p}`,
        detail: `the image exposes ${p}`,
        evidence: `EXPOSE ${p}`,
      }));
  },
};
