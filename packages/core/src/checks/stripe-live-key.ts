import { regexRule } from './regex-rule.js';

/**
 * Stripe live secret and restricted keys (`sk_live_`, `rk_live_`). Test-mode keys
 * (`sk_test_`) move no money and are not reported. CIS Docker Benchmark 4.10.
 */
export const stripeLiveKey = regexRule({
  id: 'TG-SECRET-stripe-live-key',
  title: 'Stripe live secret key',
  severity: 'critical',
  cis: '4.10',
  remediation: 'Remove the key from the image, roll it in the Stripe dashboard, and inject it at run time.',
  keywords: ['sk_live_', 'rk_live_'],
  pattern: /(?<![A-Za-z0-9_])(?<secret>[sr]k_live_[A-Za-z0-9]{20,128})(?![A-Za-z0-9])/g,
});
