import { regexRule } from './regex-rule.js';

/**
 * Slack bot, user, app, refresh and legacy tokens (`xoxb-`, `xoxp-`, `xoxa-`, `xoxr-`,
 * `xoxs-`): a numeric team or user id after the prefix, then more dash-separated parts.
 * CIS Docker Benchmark 4.10.
 */
export const slackToken = regexRule({
  id: 'TG-SECRET-slack-token',
  title: 'Slack token',
  severity: 'high',
  cis: '4.10',
  remediation:
    'Remove the token from the image, revoke it in the Slack app settings, and inject it at run time.',
  keywords: ['xoxb-', 'xoxp-', 'xoxa-', 'xoxr-', 'xoxs-'],
  pattern: /(?<![A-Za-z0-9])(?<secret>xox[baprs]-\d{6,}-[A-Za-z0-9-]{10,})/g,
});
