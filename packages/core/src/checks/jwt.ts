import { regexRule } from './regex-rule.js';

/** True when the first segment decodes to a JSON header with an `alg`: a JWT, not look-alike base64. */
function hasJwtHeader(token: string): boolean {
  try {
    const header = JSON.parse(
      Buffer.from(token.slice(0, token.indexOf('.')), 'base64url').toString('utf8'),
    ) as unknown;
    return (
      typeof header === 'object' && header !== null && typeof (header as { alg?: unknown }).alg === 'string'
    );
  } catch {
    return false;
  }
}

/**
 * Signed JSON Web Tokens (`eyJ….eyJ….…`): bearer credentials until they expire, and
 * long-lived ones are common in service configs. CIS Docker Benchmark 4.10.
 */
export const jwt = regexRule({
  id: 'TG-SECRET-jwt',
  title: 'JSON Web Token',
  severity: 'medium',
  cis: '4.10',
  remediation:
    'Remove the token from the image, revoke it or rotate its signing key, and inject tokens at run time.',
  keywords: ['eyJ'],
  pattern: /(?<![A-Za-z0-9_-])(?<secret>eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{16,})/g,
  allow: (token) => !hasJwtHeader(token),
});
