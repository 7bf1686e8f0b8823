import { addInsteadOfCopy } from './add-instead-of-copy.js';
import { addRemoteUrl } from './add-remote-url.js';
import { awsCredentialsFile } from './aws-credentials-file.js';
import type { Check } from './check.js';
import { dockerConfigFile } from './docker-config-file.js';
import { dotenvFile } from './dotenv-file.js';
import { gitDir } from './git-dir.js';
import { healthcheck } from './healthcheck.js';
import { latestTag } from './latest-tag.js';
import { packageCache } from './package-cache.js';
import { rootUser } from './root-user.js';
import { setuidFiles } from './setuid-files.js';
import { shellHistory } from './shell-history.js';
import { sshPort } from './ssh-port.js';
import { sshPrivateKeyFile } from './ssh-private-key-file.js';
import { sudoInHistory } from './sudo-in-history.js';
import { updateAlone } from './update-alone.js';
import { worldWritable } from './world-writable.js';

/**
 * Every check, one line each (STYLE rule 4), in the order findings are reported.
 */
export const checks: readonly Check[] = [
  rootUser,
  healthcheck,
  updateAlone,
  addInsteadOfCopy,
  addRemoteUrl,
  sudoInHistory,
  sshPort,
  latestTag,
  setuidFiles,
  worldWritable,
  packageCache,
  gitDir,
  dotenvFile,
  sshPrivateKeyFile,
  awsCredentialsFile,
  dockerConfigFile,
  shellHistory,
];

/** The check with this id (for reports that show a rule's title and remediation). */
export function checkById(id: string): Check | undefined {
  return checks.find((c) => c.id === id);
}
