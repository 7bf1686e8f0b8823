import type { ConfigCheck } from './check.js';

/** True when a config `User` runs the container as root: unset, `root`, `0`, `root:…`, `0:…`. */
export function isRootUser(user: string | undefined): boolean {
  const name = (user ?? '').trim().split(':')[0]!;
  return name === '' || name === 'root' || name === '0';
}

/**
 * CIS Docker Benchmark 4.1, "Ensure that a user for the container has been created": the
 * image's last `USER` must not be root, so a process breaking out of the application does not
 * hold root's privileges inside the container (and on the host, without user namespaces).
 */
export const rootUser: ConfigCheck = {
  id: 'TG-CIS-4.1',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'Image runs as root',
  severity: 'high',
  cis: '4.1',
  dockle: ['CIS-DI-0001'],
  remediation: 'Create an unprivileged user and end the Dockerfile with USER <name or uid>.',
  run({ config }) {
    const user = config.config?.User;
    if (!isRootUser(user)) return [];
    const detail = user?.trim()
      ? `the image's USER is ${JSON.stringify(user)}`
      : 'the image sets no USER, so it runs as root';
    return [{ location: 'config.User', detail, evidence: `User=${user ?? ''}` }];
  },
};
