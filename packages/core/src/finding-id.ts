import { createHash } from 'node:crypto';
import type { FindingKind } from './types/model.js';

/**
 * The stable id of a finding (DESIGN.md): a hash of kind, rule id, ecosystem, package name and
 * location. Never the version or the layer digest: both change on every rebuild, and SARIF
 * fingerprints and baseline diffs must not (cf. grype's ruleID = vuln-package).
 */
export function findingId(parts: {
  kind: FindingKind;
  ruleId: string;
  ecosystem?: string;
  packageName?: string;
  location?: string;
}): string {
  const key = [
    parts.kind,
    parts.ruleId,
    parts.ecosystem ?? '',
    parts.packageName ?? '',
    parts.location ?? '',
  ].join('\0');
  return createHash('sha256').update(key).digest('hex').slice(0, 24);
}
