import { globMatch } from '../policy/glob.js';
import type { ProvenancePolicy } from '../policy/policy.js';
import type { AttestationInfo } from '../types/model.js';

function allowed(globs: readonly string[], value: string | undefined): boolean {
  return !globs.length || (value !== undefined && globs.some((g) => globMatch(g, value)));
}

/**
 * Why no attestation satisfies the `provenance` rule, or undefined when one does: a verified
 * SLSA provenance naming an allowed builder and an allowed source repository.
 */
export function attestationVerdict(
  found: readonly AttestationInfo[],
  rule: ProvenancePolicy['attestations'],
): string | undefined {
  const slsa = found.filter((a) => a.predicateType.startsWith('https://slsa.dev/provenance/'));
  const verified = slsa.filter((a) => a.verified);
  if (
    verified.some(
      (a) => allowed(rule.builders, a.builder) && allowed(rule.sourceRepositories, a.sourceRepository),
    )
  )
    return undefined;
  if (!slsa.length)
    return found.length
      ? `no SLSA provenance among ${found.length} attestation(s)`
      : 'no SLSA provenance attestation attached';
  if (!verified.length) return `no verified SLSA provenance: ${slsa.map((a) => a.reason).join('; ')}`;
  const a = verified[0]!;
  if (!allowed(rule.builders, a.builder)) return `builder ${a.builder ?? '(none)'} is not an allowed builder`;
  return `source repository ${a.sourceRepository ?? '(none)'} is not an allowed source`;
}
