import { baseName, pathCheck } from './path-check.js';

const KEY_NAMES = /^id_(?:rsa|dsa|ecdsa|ed25519)(?:_sk)?$|^ssh_host_\w+_key$/;

/**
 * SSH private keys by name: users' `id_rsa`, `id_ed25519`, … (their `.pub` halves are fine)
 * and server host keys `ssh_host_*_key`, which every container from the image would share.
 * The secret rule `TG-SECRET-private-key` reports the key material itself. CIS Docker
 * Benchmark 4.10.
 */
export const sshPrivateKeyFile = pathCheck({
  id: 'TG-FILE-ssh-private-key',
  title: 'SSH private key file in the image',
  severity: 'high',
  cis: '4.10',
  dockle: ['CIS-DI-0010'],
  remediation:
    'Remove the key, replace the key pair, and use build secrets or SSH agent forwarding (RUN --mount=type=ssh) instead.',
  matches: (path) => KEY_NAMES.test(baseName(path)),
  detail: (path) => `${baseName(path)} is an SSH private key file`,
});
