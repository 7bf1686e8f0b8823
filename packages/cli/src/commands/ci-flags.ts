import { CI_KINDS, COMMENT_MODES, DEFAULT_OSV_BASE_URL } from '@tidegate/core';
import type { FlagSpec } from '../flags.js';
import { scanFlags } from './scan.js';

/** Formats `ci` writes unless `--format` says otherwise; json, junit and markdown are always added. */
export const CI_DEFAULT_FORMATS = ['table', 'json', 'junit', 'sarif', 'markdown', 'html'];
export const CI_REQUIRED_FORMATS = ['json', 'junit', 'markdown'];
/** The output directory when `--output-dir` is not given. */
export const CI_DEFAULT_OUTPUT_DIR = 'tidegate-reports';

/**
 * `scan`'s flags that `ci` takes too (not `--output`: a CI run writes every report to a
 * directory). `--username` may come from TIDEGATE_USERNAME here: an integration passes its
 * parameters as variables, and the password never travels that way (see `--password-env`).
 */
const shared = scanFlags
  .filter((f) => f.name !== 'output')
  .map((f) => (f.name === 'username' ? { ...f, env: true } : f));

/** Flags of `tidegate ci`. */
export const ciFlags: readonly FlagSpec[] = [
  {
    name: 'image',
    type: 'string',
    value: 'IMAGE',
    description: 'the image to scan (or give it as the argument)',
  },
  ...shared,
  {
    name: 'db-source',
    type: 'string',
    value: 'URL|DIR|ZIP',
    description: `where the cached DB is updated from when --db is not given: a base URL (<base>/<ecosystem>/all.zip), a mirror folder or one zip (default ${DEFAULT_OSV_BASE_URL})`,
  },
  {
    name: 'enrichment',
    type: 'boolean',
    description:
      'fetch KEV and EPSS with the DB (default on; --no-enrichment); TIDEGATE_KEV_URL and TIDEGATE_EPSS_URL point at mirrors',
  },
  { name: 'sarif-file', type: 'string', value: 'FILE', description: 'also copy the SARIF report to FILE' },
  {
    name: 'comment',
    type: 'boolean',
    description:
      'keep one sticky comment on the pull request when the CI names one (default on; --no-comment)',
  },
  {
    name: 'comment-mode',
    type: 'string',
    value: 'MODE',
    allowed: COMMENT_MODES,
    description: 'when to comment (default always)',
  },
  {
    name: 'comment-key',
    type: 'string',
    value: 'KEY',
    description: 'one comment per key in a pull request (default: the image name without tag or digest)',
  },
  {
    name: 'comment-required',
    type: 'boolean',
    description:
      'a comment that cannot be posted is exit 2; by default it is a warning and the gate alone decides',
  },
  {
    name: 'token-env',
    type: 'string',
    value: 'VAR',
    description: 'environment variable holding the GitHub token for the comment (default GITHUB_TOKEN)',
  },
  {
    name: 'api-url',
    type: 'string',
    value: 'URL',
    description:
      "GitHub's REST API (default: from the CI, else https://api.github.com; Enterprise: https://HOST/api/v3)",
  },
  {
    name: 'bot-login',
    type: 'string',
    value: 'LOGIN',
    description: 'the login our comment is written by (default: the token’s own)',
  },
  {
    name: 'password-env',
    type: 'string',
    value: 'VAR',
    description:
      'with --username: the environment variable holding the registry password (default TIDEGATE_REGISTRY_PASSWORD)',
  },
  {
    name: 'cache-dir',
    type: 'string',
    value: 'DIR',
    description:
      'the cache directory: the DB in db/, layer results in layers/ (default $XDG_CACHE_HOME/tidegate or ~/.cache/tidegate; a leading ~ is the home)',
  },
  {
    name: 'expand-env',
    type: 'boolean',
    description: 'expand $VAR and ${VAR} in every value from the environment, as circleci env subst does',
  },
  {
    name: 'ci',
    type: 'string',
    value: 'NAME',
    allowed: ['auto', ...CI_KINDS],
    description: 'the CI to report to (default auto: detected from its variables)',
  },
];

export const ciUsage = [
  'tidegate ci [flags] IMAGE',
  '',
  'Runs the whole gate in a CI job: prepares the vulnerability DB (the ecosystems the image needs,',
  'cached between runs), scans, writes every report to --output-dir (also when the gate fails or the',
  'scan cannot be done), publishes to the CI (GitHub: outputs, job summary, annotations; every CI: the',
  'sticky pull-request comment), writes tidegate-verdict.json, prints the verdict line last and exits',
  '0 (pass or warn), 1 (the policy failed the image) or 2 (tidegate could not do its job).',
].join('\n');
