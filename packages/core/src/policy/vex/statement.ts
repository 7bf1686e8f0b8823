import { PackageURL } from 'packageurl-js';
import type { Finding } from '../../types/model.js';

/** VEX statuses, OpenVEX's names (CycloneDX analysis states are mapped onto them). */
export type VexStatus = 'not_affected' | 'affected' | 'fixed' | 'under_investigation';

/** One VEX statement, in the form both OpenVEX and CycloneDX VEX are read into. */
export interface VexStatement {
  /** Vulnerability id and aliases (CVE, GHSA, …). */
  ids: string[];
  /** Package purls the statement is about (subcomponents when given, else products). */
  packages: string[];
  /** Image products (`pkg:oci/…`, `pkg:docker/…`) with no subcomponents: every package of the image. */
  images: string[];
  status: VexStatus;
  justification?: string;
  impact?: string;
  /** `vex.json (OpenVEX)`, for reports. */
  source: string;
}

/** Statuses that suppress a finding: the product is not affected, or the fix is in. */
export const SUPPRESSING: readonly VexStatus[] = ['not_affected', 'fixed'];

interface PurlKey {
  key: string;
  version?: string;
}

function purlKey(purl: string): PurlKey | undefined {
  try {
    const p = PackageURL.fromString(purl);
    return {
      key: `${p.type}/${p.namespace ?? ''}/${p.name}`.toLowerCase(),
      ...(p.version ? { version: p.version } : {}),
    };
  } catch {
    return undefined;
  }
}

/** Same type, namespace and name; the version too when the statement gives one. Qualifiers are ignored. */
export function purlMatches(statementPurl: string, packagePurl: string): boolean {
  const s = purlKey(statementPurl);
  const p = purlKey(packagePurl);
  if (!s || !p || s.key !== p.key) return false;
  return s.version === undefined || s.version.replace(/^v/, '') === p.version?.replace(/^v/, '');
}

/** An image product matches by manifest or config digest, or by repository name. */
export function imageProductMatches(product: string, image: { digests: string[]; names: string[] }): boolean {
  try {
    const p = PackageURL.fromString(product);
    if (p.version && image.digests.includes(p.version)) return true;
    return image.names.some(
      (n) =>
        n
          .replace(/[:@].*$/, '')
          .split('/')
          .pop() === p.name,
    );
  } catch {
    return false;
  }
}

function suppression(s: VexStatement): NonNullable<Finding['suppressed']> {
  const detail = [s.justification, s.impact].filter(Boolean).join(': ');
  return {
    by: `vex (${s.source})`,
    reason: detail ? `${s.status}: ${detail}` : s.status,
    vex: { status: s.status, ...(s.justification ? { justification: s.justification } : {}) },
  };
}

/**
 * Suppresses findings that a `not_affected` or `fixed` statement covers: the vulnerability id
 * (or an alias) matches, and the statement names the finding's package or the whole image.
 * The first statement wins; `affected` and `under_investigation` change nothing.
 */
export function applyVex(
  findings: readonly Finding[],
  statements: readonly VexStatement[],
  image: { digests: string[]; names: string[] },
): Finding[] {
  const active = statements.filter((s) => SUPPRESSING.includes(s.status));
  return findings.map((f) => {
    if (f.suppressed) return f;
    const ids = [f.ruleId, ...f.aliases];
    const purl = f.package?.purl;
    const hit = active.find(
      (s) =>
        s.ids.some((id) => ids.includes(id)) &&
        ((purl !== undefined && s.packages.some((sp) => purlMatches(sp, purl))) ||
          s.images.some((ip) => imageProductMatches(ip, image))),
    );
    return hit ? { ...f, suppressed: suppression(hit) } : f;
  });
}
