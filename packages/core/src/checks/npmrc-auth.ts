import { regexRule } from './regex-rule.js';
import { isPlaceholder } from './secret-values.js';

/**
 * Registry credentials in `.npmrc` (`//registry/:_authToken=…`, `_auth=…`, `_password=…`).
 * An `.npmrc` that reads its token from the environment (`${NPM_TOKEN}`) is fine and is not
 * reported. CIS Docker Benchmark 4.10.
 */
export const npmrcAuth = regexRule({
  id: 'TG-SECRET-npmrc-auth',
  title: 'Registry credentials in .npmrc',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Do not copy .npmrc into the image: use a build secret (RUN --mount=type=secret,id=npmrc) and revoke the token.',
  keywords: ['_auth', '_password'],
  appliesTo: (path) => path === '.npmrc' || path.endsWith('/.npmrc') || path.endsWith('/npmrc'),
  pattern: /(?:_authToken|_auth|_password)[ \t]*=[ \t]*["']?(?<secret>[^\s"']+)/g,
  allow: isPlaceholder,
});
