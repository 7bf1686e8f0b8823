import { addInsteadOfCopy } from './add-instead-of-copy.js';
import { addRemoteUrl } from './add-remote-url.js';
import { awsAccessKeyId } from './aws-access-key-id.js';
import { awsCredentialsFile } from './aws-credentials-file.js';
import { awsSecretAccessKey } from './aws-secret-access-key.js';
import type { Check } from './check.js';
import { configPassword } from './config-password.js';
import { configSecrets } from './config-secrets.js';
import { dockerConfigAuth } from './docker-config-auth.js';
import { dockerConfigFile } from './docker-config-file.js';
import { dotenvFile } from './dotenv-file.js';
import { gcpServiceAccount } from './gcp-service-account.js';
import { gitDir } from './git-dir.js';
import { githubToken } from './github-token.js';
import { gitlabToken } from './gitlab-token.js';
import { healthcheck } from './healthcheck.js';
import { jwt } from './jwt.js';
import { latestTag } from './latest-tag.js';
import { npmToken } from './npm-token.js';
import { npmrcAuth } from './npmrc-auth.js';
import { packageCache } from './package-cache.js';
import { pipeToShell } from './pipe-to-shell.js';
import { privateKey } from './private-key.js';
import { pypircPassword } from './pypirc-password.js';
import { rootUser } from './root-user.js';
import { setuidFiles } from './setuid-files.js';
import { shellHistory } from './shell-history.js';
import { slackToken } from './slack-token.js';
import { sshPort } from './ssh-port.js';
import { sshPrivateKeyFile } from './ssh-private-key-file.js';
import { stripeLiveKey } from './stripe-live-key.js';
import { sudoInHistory } from './sudo-in-history.js';
import { updateAlone } from './update-alone.js';
import { worldWritable } from './world-writable.js';

/**
 * Every check, one line each (STYLE rule 4), in the order findings are reported. Content rules
 * run in this order too and the first to match a line wins, so specific rules come before
 * generic ones (`gcp-service-account` before `private-key`, everything before `config-password`).
 */
export const checks: readonly Check[] = [
  rootUser,
  healthcheck,
  updateAlone,
  addInsteadOfCopy,
  addRemoteUrl,
  configSecrets,
  sudoInHistory,
  pipeToShell,
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
  awsAccessKeyId,
  awsSecretAccessKey,
  gcpServiceAccount,
  githubToken,
  gitlabToken,
  slackToken,
  stripeLiveKey,
  npmToken,
  npmrcAuth,
  pypircPassword,
  dockerConfigAuth,
  privateKey,
  jwt,
  configPassword,
];

/** The check with this id (for reports that show a rule's title and remediation). */
export function checkById(id: string): Check | undefined {
  return checks.find((c) => c.id === id);
}
