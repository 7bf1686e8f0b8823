import { regexRule } from './regex-rule.js';

/**
 * GitHub tokens in their documented formats: classic personal (`ghp_`), OAuth (`gho_`),
 * user-to-server (`ghu_`), server-to-server (`ghs_`) and refresh (`ghr_`) tokens, each with
 * 36 characters after the prefix, and fine-grained personal tokens (`github_pat_`).
 * CIS Docker Benchmark 4.10.
 */
export const githubToken = regexRule({
  id: 'TG-SECRET-github-token',
  title: 'GitHub token',
  severity: 'critical',
  cis: '4.10',
  remediation:
    'Remove the token from the image, revoke it on GitHub, and use a build secret (RUN --mount=type=secret) instead.',
  keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  pattern:
    /(?<![A-Za-z0-9_])(?<secret>gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
});
