/** in-toto statements (in-toto attestation spec v1, `Statement`) and SLSA provenance predicates. */

export const IN_TOTO_PAYLOAD_TYPE = 'application/vnd.in-toto+json';
/** The predicate cosign's new bundle format uses for a plain image signature. */
export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1';
const SLSA_PREFIX = 'https://slsa.dev/provenance/';

/** The parts of a statement tidegate reads. */
export interface Statement {
  predicateType: string;
  subjects: { name?: string; digest: Record<string, string> }[];
  predicate: unknown;
}

/** Parses a DSSE payload as an in-toto statement (v0.1 or v1); a string is why it is not one. */
export function parseStatement(payload: Buffer, payloadType: string | undefined): Statement | string {
  if (payloadType !== undefined && payloadType !== IN_TOTO_PAYLOAD_TYPE)
    return `DSSE payload type ${payloadType} is not an in-toto statement`;
  let j: Record<string, unknown>;
  try {
    j = JSON.parse(payload.toString('utf8')) as Record<string, unknown>;
  } catch {
    return 'the in-toto statement is not JSON';
  }
  if (typeof j.predicateType !== 'string' || !Array.isArray(j.subject))
    return 'the in-toto statement has no predicateType or subject';
  const subjects = (j.subject as unknown[]).flatMap((s) => {
    const d = (s as { digest?: unknown; name?: unknown }).digest;
    if (!d || typeof d !== 'object') return [];
    const name = (s as { name?: unknown }).name;
    return [{ ...(typeof name === 'string' ? { name } : {}), digest: d as Record<string, string> }];
  });
  return { predicateType: j.predicateType, subjects, predicate: j.predicate };
}

/** True when a subject of the statement is the manifest `sha256:<hex>` (or `sha512:`). */
export function namesDigest(st: Statement, digest: string): boolean {
  const [alg, hex] = digest.split(':');
  return st.subjects.some((s) => s.digest[alg!]?.toLowerCase() === hex);
}

/** `git+https://github.com/acme/app@refs/heads/main` → `https://github.com/acme/app`. */
export function normaliseRepo(uri: string): string {
  const s = uri.replace(/^git\+/, '');
  // the ref follows the first `@` after the host: `…/acme/app@refs/heads/main` (refs have slashes)
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]+\/[^@]*)@/i.exec(s);
  return (m ? m[1]! : s).replace(/\.git$/, '');
}

function get(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const k of path)
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v ? v : undefined;
}

/** Builder and source repository of a SLSA provenance predicate (v0.1, v0.2, v1); undefined if not SLSA. */
export function slsaSummary(st: Statement): { builder?: string; sourceRepository?: string } | undefined {
  if (!st.predicateType.startsWith(SLSA_PREFIX)) return undefined;
  const p = st.predicate;
  const v1 = /\/v1$/.test(st.predicateType);
  const builder = v1 ? str(get(p, 'runDetails', 'builder', 'id')) : str(get(p, 'builder', 'id'));
  const deps = get(p, v1 ? 'buildDefinition' : 'materials', ...(v1 ? ['resolvedDependencies'] : []));
  const firstDep = Array.isArray(deps) ? str(get(deps[0], 'uri')) : undefined;
  const source = v1
    ? (str(get(p, 'buildDefinition', 'externalParameters', 'workflow', 'repository')) ??
      str(get(p, 'buildDefinition', 'externalParameters', 'source', 'uri')) ??
      firstDep)
    : (str(get(p, 'invocation', 'configSource', 'uri')) ?? firstDep);
  return {
    ...(builder ? { builder } : {}),
    ...(source ? { sourceRepository: normaliseRepo(source) } : {}),
  };
}
