import { isRegistryAuthFile } from './docker-config-file.js';
import { regexRule } from './regex-rule.js';

/**
 * Registry credentials in a Docker or Podman auth file (`"auth": "<base64 user:password>"`,
 * `"identitytoken"`). A file that only names a credential helper (`credsStore`) holds no
 * secret and is not reported. CIS Docker Benchmark 4.10.
 */
export const dockerConfigAuth = regexRule({
  id: 'TG-SECRET-docker-config-auth',
  title: 'Registry credentials in a Docker config',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Do not copy the Docker config into the image; log in at run time or use a credential helper, and change the password.',
  keywords: ['"auth"', '"identitytoken"', '"registrytoken"'],
  appliesTo: isRegistryAuthFile,
  pattern: /"(?:auth|identitytoken|registrytoken)"\s*:\s*"(?<secret>[A-Za-z0-9+/=._-]{8,})"/g,
});
