import { regexRule } from './regex-rule.js';

/**
 * AWS access key ids (`AKIA…` long-term, `ASIA…` temporary): 20 characters of base32. An id
 * alone is not enough to sign requests, but it names a key whose secret is likely nearby, and
 * it identifies the account. CIS Docker Benchmark 4.10 (secrets in images).
 */
export const awsAccessKeyId = regexRule({
  id: 'TG-SECRET-aws-access-key-id',
  title: 'AWS access key id',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Remove the key from the image, deactivate it in IAM, and pass credentials at run time (IAM roles, mounted secrets).',
  keywords: ['AKIA', 'ASIA', 'ABIA', 'ACCA'],
  pattern: /(?<![A-Za-z0-9])(?<secret>(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
});
