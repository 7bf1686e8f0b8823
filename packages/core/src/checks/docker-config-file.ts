import { pathCheck } from './path-check.js';

/**
 * Registry credential files: Docker's `config.json` under `.docker/`, Podman's `auth.json`
 * (`~/.config/containers/auth.json`, `/run/user/<uid>/containers/auth.json`, and root's
 * `/run/containers/0/auth.json`).
 */
export function isRegistryAuthFile(path: string): boolean {
  return (
    path.endsWith('.docker/config.json') ||
    path.endsWith('containers/auth.json') ||
    /(?:^|\/)containers\/\d+\/auth\.json$/.test(path)
  );
}

/**
 * A Docker (`.docker/config.json`) or Podman (`containers/auth.json`) client config: the place
 * registry logins are stored. Credentials inside are reported by `TG-SECRET-docker-config-auth`.
 * CIS Docker Benchmark 4.10.
 */
export const dockerConfigFile = pathCheck({
  id: 'TG-FILE-docker-config',
  title: 'Container registry client config in the image',
  severity: 'medium',
  cis: '4.10',
  dockle: ['CIS-DI-0010'],
  remediation: 'Do not copy the Docker/Podman client config into the image; log in where the image runs.',
  matches: (path) => isRegistryAuthFile(path),
  detail: (path) =>
    `${path.endsWith('auth.json') ? 'a Podman auth file' : 'a Docker client config'} is in the image`,
});
