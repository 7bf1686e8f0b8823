import { pathCheck } from './path-check.js';

/**
 * The AWS CLI's shared credentials file (`~/.aws/credentials`). Its keys are also reported by
 * the secret rules; this check catches the file whatever form its content takes. CIS Docker
 * Benchmark 4.10.
 */
export const awsCredentialsFile = pathCheck({
  id: 'TG-FILE-aws-credentials',
  title: 'AWS credentials file in the image',
  severity: 'high',
  cis: '4.10',
  dockle: ['CIS-DI-0010'],
  remediation:
    'Remove ~/.aws/credentials from the image and rotate its keys; use IAM roles or mounted secrets.',
  matches: (path) => path === '.aws/credentials' || path.endsWith('/.aws/credentials'),
  detail: () => 'the AWS shared credentials file is in the image',
});
