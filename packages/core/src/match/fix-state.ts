import type { FixState } from '../types/model.js';
import type { OsvAffected } from '../types/osv/record.js';

/**
 * Distro statuses that mean "this release will not get a fix". Debian's security tracker
 * (`<ignored>`, `<end-of-life>`), Ubuntu's CVE tracker (`ignored`), Red Hat's VEX/OVAL
 * ("Will not fix", "Out of support scope") and Trivy-style `will_not_fix` / `end_of_life`.
 */
const WONT_FIX = new Set([
  'ignored',
  'will_not_fix',
  'will not fix',
  'wont-fix',
  "won't fix",
  'wont_fix',
  'end-of-life',
  'end_of_life',
  'out of support scope',
]);

const KEYS = ['status', 'state', 'fix_state', 'fixState', 'resolution'] as const;

function statusOf(bag: Record<string, unknown> | undefined): string | undefined {
  for (const k of KEYS) {
    const v = bag?.[k];
    if (typeof v === 'string') return v.trim().toLowerCase();
  }
  return undefined;
}

/**
 * The fix state of a matched, unfixed advisory: `wont-fix` when a matched `affected[]` entry
 * says the distro will not fix it (OSV schema §affected[].ecosystem_specific and
 * §affected[].database_specific are free-form; Debian and Ubuntu put tracker statuses there
 * when they publish them), else `not-fixed`. A fixed finding is always `fixed`.
 */
export function fixStateOf(fixed: boolean, affected: readonly OsvAffected[]): FixState {
  if (fixed) return 'fixed';
  for (const a of affected) {
    const s = statusOf(a.ecosystem_specific) ?? statusOf(a.database_specific);
    if (s && WONT_FIX.has(s)) return 'wont-fix';
  }
  return 'not-fixed';
}
