import { findingId } from '../finding-id.js';
import type { Finding } from '../types/model.js';

/** The provenance rules, by id: what each says, how bad, and how to fix it. */
export const PROVENANCE_RULES = {
  'TG-PROV-image-signature': {
    title: 'image signature missing or invalid',
    severity: 'high',
    remediation:
      'Sign the image with cosign (key or keyless) as the policy rule asks, and push the signature.',
  },
  'TG-PROV-base-signature': {
    title: 'base image signature missing or invalid',
    severity: 'high',
    remediation: 'Build on a base image signed by a publisher the policy trusts, pinned by digest.',
  },
  'TG-PROV-attestation': {
    title: 'no acceptable SLSA provenance',
    severity: 'high',
    remediation: 'Attach a signed SLSA provenance attestation from an allowed builder and source repository.',
  },
  'TG-PROV-unpinned-base': {
    title: 'FROM without a digest',
    severity: 'medium',
    remediation: 'Pin the base image: FROM name:tag@sha256:<digest> (and let a bot update it).',
  },
  'TG-PROV-unowned-executable': {
    title: 'executable no package manager installed',
    severity: 'medium',
    remediation:
      'Install software through a package manager, or verify the download (checksum, signature) and allow the path.',
  },
} as const;

export type ProvenanceRuleId = keyof typeof PROVENANCE_RULES;

/** A provenance finding: `location` is what it is about, `evidence` the one-line reason. */
export function provenanceFinding(
  ruleId: ProvenanceRuleId,
  location: string,
  evidence: string,
  policy: { rule: string; mode: 'fail' | 'warn' },
  extra: Partial<Finding> = {},
): Finding {
  const r = PROVENANCE_RULES[ruleId];
  return {
    id: findingId({ kind: 'provenance', ruleId, location }),
    kind: 'provenance',
    ruleId,
    aliases: [],
    severity: r.severity,
    severitySource: 'policy',
    title: r.title,
    description: `${evidence}. ${r.remediation}`,
    fixState: 'unknown',
    fixedIn: [],
    location,
    evidence,
    policy,
    ...extra,
  };
}
