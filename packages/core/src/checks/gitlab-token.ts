import { regexRule } from './regex-rule.js';

/** GitLab personal, project and group access tokens (`glpat-`). CIS Docker Benchmark 4.10. */
export const gitlabToken = regexRule({
  id: 'TG-SECRET-gitlab-token',
  title: 'GitLab access token',
  severity: 'critical',
  cis: '4.10',
  remediation: 'Remove the token from the image, revoke it in GitLab, and use a build secret instead.',
  keywords: ['glpat-'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>glpat-[A-Za-z0-9_-]{20,64})(?![A-Za-z0-9_-])/g,
});
