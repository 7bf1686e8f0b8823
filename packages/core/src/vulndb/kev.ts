import { messages, UserError } from '../errors.js';

/** What a finding carries from CISA's KEV catalog (schema: `kev-schema.json`, `$defs/vulnerability`). */
export interface KevEntry {
  /** `dateAdded`: when CISA added the CVE to the catalog (YYYY-MM-DD). */
  dateAdded: string;
  /** `dueDate`: remediation deadline for US federal agencies (YYYY-MM-DD). */
  dueDate?: string;
  /** `knownRansomwareCampaignUse` is `Known` (true) or `Unknown` (false). */
  knownRansomware?: boolean;
}

/** A parsed KEV catalog. */
export interface KevCatalog {
  /** `catalogVersion`, e.g. `2025.08.25`. */
  version: string;
  entries: Map<string, KevEntry>;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Parses the catalog JSON as CISA publishes it (required: `catalogVersion`, `vulnerabilities[]`
 * with `cveID` and `dateAdded`). Anything else is a UserError: a KEV file that silently parsed
 * to nothing would let a "known exploited" gate pass.
 */
export function parseKev(text: string): KevCatalog {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UserError(messages.kevInvalid(`not JSON: ${(err as Error).message}`));
  }
  if (!isObj(json) || typeof json.catalogVersion !== 'string' || !Array.isArray(json.vulnerabilities))
    throw new UserError(
      messages.kevInvalid("expected an object with 'catalogVersion' and 'vulnerabilities'"),
    );
  const entries = new Map<string, KevEntry>();
  json.vulnerabilities.forEach((v: unknown, i: number) => {
    if (!isObj(v) || typeof v.cveID !== 'string' || typeof v.dateAdded !== 'string')
      throw new UserError(messages.kevInvalid(`vulnerabilities[${i}] has no 'cveID' or 'dateAdded'`));
    const ransomware = v.knownRansomwareCampaignUse;
    entries.set(v.cveID, {
      dateAdded: v.dateAdded,
      ...(typeof v.dueDate === 'string' ? { dueDate: v.dueDate } : {}),
      ...(typeof ransomware === 'string' ? { knownRansomware: ransomware === 'Known' } : {}),
    });
  });
  return { version: json.catalogVersion, entries };
}
