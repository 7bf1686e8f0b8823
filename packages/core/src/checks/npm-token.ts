import { regexRule } from './regex-rule.js';

/** npm access tokens (`npm_` and 36 characters), wherever they appear. CIS Docker Benchmark 4.10. */
export const npmToken = regexRule({
  id: 'TG-SECRET-npm-token',
  title: 'npm access token',
  severity: 'critical',
  cis: '4.10',
  remediation:
    'Remove the token from the image, revoke it (npm token revoke), and use a build secret for installs.',
  keywords: ['npm_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
});
