import { RegistryClient } from '../image/distribution/client.js';
import { parseImageName, type ImageName } from '../image/reference.js';
import type { RegistryOptions } from '../image/source.js';
import type { Logger } from '../logger.js';
import { globMatch } from '../policy/glob.js';
import { imageNames, normaliseImageName } from '../policy/image-names.js';
import type { ProvenancePolicy, SignatureRule } from '../policy/policy.js';
import type { AttestationInfo, Finding, ImageInfo, Provenance, SignatureCheck } from '../types/model.js';
import { checkAttestations } from './attestations.js';
import { baseImageOf, fromLines } from './base-image.js';
import { routeBundles } from './classify.js';
import { provenanceFinding } from './findings.js';
import { fetchAttached, type Attached } from './registry-artifacts.js';
import { checkBundleSignature, checkSimpleSigning, summarise } from './signatures.js';
import { loadTrust, type Trust } from './trust.js';
import { attestationVerdict } from './attestation-policy.js';

/** What the provenance stage needs: the image as opened, the rules, and how to reach registries. */
export interface ProvenanceInput {
  image: ImageInfo;
  policy: ProvenancePolicy;
  dockerfile?: { path: string; text: string };
  registry: RegistryOptions;
  env: Record<string, string | undefined>;
  logger: Logger;
}

/** `registry/repository`, with no tag (formatImageName would add `:latest`). */
function repoName(n: ImageName): string {
  return `${n.registry}/${n.repository}`;
}

function firstRule(rules: readonly SignatureRule[], names: readonly string[]): SignatureRule | undefined {
  return rules.find((r) => !r.registries.length || r.registries.some((g) => globMatch(g, ...names)));
}

interface Ctx {
  input: ProvenanceInput;
  cache: Map<string, Promise<unknown>>;
  attached: Map<string, Promise<Attached>>;
}

function attachedOf(ctx: Ctx, name: ImageName, digest: string): Promise<Attached> {
  const key = `${repoName(name)}@${digest}`;
  let p = ctx.attached.get(key);
  if (!p) {
    const { registry, env, logger } = ctx.input;
    const client = new RegistryClient(name, { registry, env, logger });
    p = fetchAttached(client, digest, logger);
    ctx.attached.set(key, p);
  }
  return p;
}

/** The registry name and digest signatures are looked up under, or why there is none. */
function lookupTarget(
  name: string | undefined,
  digest: string | undefined,
): { name: ImageName; digest: string } | string {
  if (!digest) return 'its manifest digest is unknown, so its signatures cannot be looked up';
  const parsed = name ? parseImageName(name.replace(/^(registry|docker):\/?\/?/, '')) : undefined;
  if (!parsed) return 'it has no registry name to look its signatures up under';
  const { tag: _t, digest: _d, ...repo } = parsed;
  return { name: repo, digest };
}

async function checkRule(
  ctx: Ctx,
  rule: SignatureRule,
  subject: SignatureCheck['subject'],
  target: { name: ImageName; digest: string } | string,
  display: string,
): Promise<SignatureCheck> {
  const base = { subject, rule: rule.rule };
  if (typeof target === 'string')
    return {
      ...base,
      reference: display,
      verified: false,
      reason: `${subject} not verified: ${target}`,
      signatures: [],
    };
  const trust = await loadTrust(rule, rule.rule, ctx.cache);
  const att = await attachedOf(ctx, target.name, target.digest);
  const routed = routeBundles(att.bundles);
  const evidence = [
    ...att.signatures.map((l) => checkSimpleSigning(l, target.digest, trust)),
    ...routed.signatures.map((b) => checkBundleSignature(b, target.digest, att.manifest.bytes, trust)),
  ];
  return summarise({ ...base, reference: `${repoName(target.name)}@${target.digest}` }, evidence);
}

function signatureFinding(check: SignatureCheck, rule: SignatureRule): Finding[] {
  if (check.verified || (!rule.required && !check.signatures.length)) return [];
  const id = check.subject === 'image' ? 'TG-PROV-image-signature' : 'TG-PROV-base-signature';
  return [provenanceFinding(id, check.reference, check.reason, { rule: rule.rule, mode: rule.mode })];
}

function pinnedFindings(input: ProvenanceInput): Finding[] {
  const mode = input.policy.baseImagePinned;
  if (mode === 'off' || !input.dockerfile) return [];
  const path = input.dockerfile.path;
  return fromLines(input.dockerfile.text)
    .filter((f) => !f.internal && !f.pinned)
    .map((f) =>
      provenanceFinding(
        'TG-PROV-unpinned-base',
        `${path}:${f.line}`,
        `FROM ${f.image} (line ${f.line}) names no digest`,
        { rule: 'base-image.pinned', mode },
        { location: path, line: f.line },
      ),
    );
}

async function attestationsOf(
  ctx: Ctx,
  imageRule: SignatureRule | undefined,
  digest: string,
  name: ImageName,
): Promise<AttestationInfo[]> {
  const a = ctx.input.policy.attestations;
  const own = a.keys.length > 0 || a.identities.length > 0;
  const trust: Trust | undefined = own
    ? await loadTrust(a, 'provenance', ctx.cache)
    : imageRule
      ? await loadTrust(imageRule, imageRule.rule, ctx.cache)
      : undefined;
  const att = await attachedOf(ctx, name, digest);
  return checkAttestations(att.attestations, routeBundles(att.bundles).attestations, digest, trust);
}

/**
 * The provenance stage (issue 17): the base image, signatures of the image and of its base
 * (cosign tags and OCI 1.1 referrers, verified offline with `@sigstore/verify`), SLSA provenance
 * attestations, and unpinned `FROM`s. Registries are asked only when a rule needs them.
 *
 * @throws UserError when a key or trusted root cannot be read, or a registry cannot be reached.
 */
export async function checkProvenance(
  input: ProvenanceInput,
): Promise<{ provenance?: Provenance; findings: Finding[] }> {
  const ctx: Ctx = { input, cache: new Map(), attached: new Map() };
  const { image, policy } = input;
  const baseImage = baseImageOf(image.labels, input.dockerfile?.text);
  const findings = pinnedFindings(input);
  const signatures: SignatureCheck[] = [];
  const names = imageNames(image);
  const fromRegistry = image.source === 'registry';
  const imageTarget = fromRegistry
    ? lookupTarget(image.repoTags[0] ?? image.reference, image.digest)
    : 'it was not read from a registry (scan it as registry:NAME@DIGEST to check signatures)';
  const imageRule = firstRule(policy.imageSignatures, names);
  if (imageRule) {
    const c = await checkRule(ctx, imageRule, 'image', imageTarget, names[0] ?? image.reference);
    signatures.push(c);
    findings.push(...signatureFinding(c, imageRule));
  }
  const baseNames = baseImage?.name ? [baseImage.name, normaliseImageName(baseImage.name)] : [];
  const baseRule =
    baseImage || policy.baseImageSignatures.length
      ? firstRule(policy.baseImageSignatures, baseNames)
      : undefined;
  if (baseRule) {
    const target = baseImage
      ? lookupTarget(baseImage.name, baseImage.digest)
      : 'the base image is unknown (no base-image labels, no --dockerfile)';
    const c = await checkRule(ctx, baseRule, 'base-image', target, baseImage?.name ?? '(unknown base image)');
    signatures.push(c);
    findings.push(...signatureFinding(c, baseRule));
  }
  let attestations: AttestationInfo[] = [];
  if (policy.attestations.mode !== 'off') {
    if (typeof imageTarget === 'string') {
      findings.push(attestationFinding(`no attestations read: ${imageTarget}`, policy, image.reference));
    } else {
      attestations = await attestationsOf(ctx, imageRule, imageTarget.digest, imageTarget.name);
      const why = attestationVerdict(attestations, policy.attestations);
      if (why)
        findings.push(attestationFinding(why, policy, `${repoName(imageTarget.name)}@${imageTarget.digest}`));
    }
  }
  const any = baseImage || signatures.length || attestations.length;
  return {
    ...(any ? { provenance: { ...(baseImage ? { baseImage } : {}), signatures, attestations } } : {}),
    findings,
  };
}

function attestationFinding(why: string, policy: ProvenancePolicy, location: string): Finding {
  const mode = policy.attestations.mode === 'warn' ? 'warn' : 'fail';
  return provenanceFinding('TG-PROV-attestation', location, why, { rule: 'provenance', mode });
}
