import { regexRule } from './regex-rule.js';
import { isPlaceholder } from './secret-values.js';

/**
 * Package-index passwords and API tokens in `.pypirc` (`password = pypi-…`).
 * CIS Docker Benchmark 4.10.
 */
export const pypircPassword = regexRule({
  id: 'TG-SECRET-pypirc-password',
  title: 'Package-index password in .pypirc',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Do not copy .pypirc into the image: pass the token as a build secret and revoke the one that leaked.',
  keywords: ['password'],
  appliesTo: (path) => path === '.pypirc' || path.endsWith('/.pypirc'),
  pattern: /^[ \t]*password[ \t]*[:=][ \t]*(?<secret>\S+)/gm,
  allow: isPlaceholder,
});
