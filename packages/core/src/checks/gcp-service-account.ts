import type { ContentCheck, SecretMatch } from './check.js';

const TYPE = /"type"\s*:\s*"service_account"/;
const KEY = /"private_key"\s*:\s*"-----BEGIN/;
const KEY_ID = /"private_key_id"\s*:\s*"(?<id>[0-9a-f]{40})"/;

/**
 * Google Cloud service-account key files: JSON with `"type": "service_account"` and an
 * embedded `private_key`. The finding points at the `private_key` line (so the generic
 * private-key rule does not report the same key again) and shows the redacted
 * `private_key_id`, never the key. CIS Docker Benchmark 4.10.
 */
export const gcpServiceAccount: ContentCheck = {
  id: 'TG-SECRET-gcp-service-account',
  version: 1,
  kind: 'content',
  finding: 'secret',
  title: 'Google Cloud service-account key',
  severity: 'critical',
  cis: '4.10',
  remediation:
    'Remove the key file from the image, delete the key in IAM, and use workload identity or a mounted secret instead.',
  keywords: ['service_account'],
  find(text): SecretMatch[] {
    const key = KEY.exec(text);
    if (!key || !TYPE.test(text)) return [];
    return [{ index: key.index, secret: KEY_ID.exec(text)?.groups?.id ?? 'private_key' }];
  },
};
