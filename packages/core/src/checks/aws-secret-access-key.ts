import { regexRule } from './regex-rule.js';

/**
 * AWS secret access keys: 40 characters of base64 that only their key name gives away
 * (`aws_secret_access_key = …` in `~/.aws/credentials`, `AWS_SECRET_ACCESS_KEY=…`,
 * `"SecretAccessKey": "…"`). With the key id they sign any request the key may make.
 * CIS Docker Benchmark 4.10.
 */
export const awsSecretAccessKey = regexRule({
  id: 'TG-SECRET-aws-secret-access-key',
  title: 'AWS secret access key',
  severity: 'critical',
  cis: '4.10',
  remediation:
    'Remove the key from the image, rotate it in IAM now, and pass credentials at run time (IAM roles, mounted secrets).',
  keywords: [
    'secret_access_key',
    'SECRET_ACCESS_KEY',
    'SecretAccessKey',
    'secretAccessKey',
    'aws_secret',
    'AWS_SECRET',
  ],
  pattern:
    /(?:aws_?secret_?(?:access_?)?key|secret_?access_?key)["']?[ \t]{0,4}[:=][ \t]{0,4}["']?(?<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
});
