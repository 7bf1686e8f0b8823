import type { IdentityRule } from '../policy/policy.js';

/** A keyless signer, as its Fulcio certificate names it. */
export interface SignerIdentity {
  /** SAN: a URI (a CI workflow) or an email address. */
  subject?: string;
  /** The OIDC issuer extension (1.3.6.1.4.1.57264.1.8, or the older .1.1). */
  issuer?: string;
}

function matches(value: string | undefined, exact: string | undefined, regexp: string | undefined): boolean {
  if (exact !== undefined && value !== exact) return false;
  // anchored, like cosign's --certificate-identity-regexp is used in practice
  if (regexp !== undefined && (value === undefined || !new RegExp(`^(?:${regexp})$`).test(value)))
    return false;
  return true;
}

/** True when every field the rule gives matches; a rule naming nothing matches nothing. */
export function identityMatches(rule: IdentityRule, who: SignerIdentity): boolean {
  const given = [rule.issuer, rule.issuerRegexp, rule.subject, rule.subjectRegexp].some(
    (x) => x !== undefined,
  );
  return (
    given &&
    matches(who.issuer, rule.issuer, rule.issuerRegexp) &&
    matches(who.subject, rule.subject, rule.subjectRegexp)
  );
}

/** `subject (issuer)`, as reports show a keyless signer. */
export function describeIdentity(who: SignerIdentity): string {
  return `${who.subject ?? '(no subject)'} (${who.issuer ?? 'no issuer'})`;
}
