import type { Finding, Package } from '../types/model.js';
import { globMatch } from './glob.js';
import type { PolicyException } from './policy.js';

/** An exception whose date has passed: it no longer applies, and the verdict says so. */
export interface ExpiredException {
  exception: PolicyException;
  /** Findings it would still suppress. */
  findingIds: string[];
}

/** True on and after the exception's `expires` day (`today` is YYYY-MM-DD, UTC). */
export function isExpired(e: PolicyException, today: string): boolean {
  return e.expires <= today;
}

function imageMatches(e: PolicyException, names: readonly string[]): boolean {
  return e.image === undefined || globMatch(e.image, ...names);
}

/** Every given selector must match: id (finding id, rule id or alias), package (name or purl), image. */
export function exceptionMatchesFinding(e: PolicyException, f: Finding, names: readonly string[]): boolean {
  if (e.id !== undefined && !globMatch(e.id, f.id, f.ruleId, ...f.aliases)) return false;
  if (e.package !== undefined && !globMatch(e.package, f.package?.name, f.package?.purl)) return false;
  return imageMatches(e, names);
}

/** Package and licence rules honour exceptions that name a package and no finding id. */
export function exceptionMatchesPackage(e: PolicyException, p: Package, names: readonly string[]): boolean {
  return (
    e.id === undefined &&
    e.package !== undefined &&
    globMatch(e.package, p.name, p.purl) &&
    imageMatches(e, names)
  );
}

/**
 * Suppresses the findings live exceptions match (the first matching exception wins; findings
 * already suppressed, e.g. by VEX, stay as they are) and lists the exceptions that have expired.
 */
export function applyExceptions(
  findings: readonly Finding[],
  exceptions: readonly PolicyException[],
  names: readonly string[],
  today: string,
): { findings: Finding[]; expired: ExpiredException[] } {
  const live = exceptions.filter((e) => !isExpired(e, today));
  const expired = exceptions
    .filter((e) => isExpired(e, today))
    .map((exception) => ({
      exception,
      findingIds: findings
        .filter((f) => !f.suppressed && exceptionMatchesFinding(exception, f, names))
        .map((f) => f.id),
    }));
  const out = findings.map((f) => {
    if (f.suppressed) return f;
    const e = live.find((x) => exceptionMatchesFinding(x, f, names));
    if (!e) return f;
    return {
      ...f,
      suppressed: { by: `exception (${e.source ?? 'policy'})`, reason: e.reason, expires: e.expires },
    };
  });
  return { findings: out, expired };
}
