import { createHash } from 'node:crypto';
import { messages } from '../../errors.js';
import type { CatalogOutput, FileInput, PackageDraft } from '../cataloger.js';
import { fileIssue, LIMITS, overLimit } from '../input.js';
import { spdxLicenses } from '../license.js';
import { languagePurl } from '../purl.js';
import { nameFromFile, parseManifest, parseProperties } from './manifest.js';
import { newBudget, walkZip, type ZipBudget, type ZipLimits } from './zip-walk.js';
import { languageEcosystem } from '../../ecosystems/index.js';

const ARCHIVE = /\.(jar|war|ear|jpi|hpi)$/i;
const POM = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const NATIVE_IMAGE = /^META-INF\/native-image\/([^/]+)\/([^/]+)\/native-image\.properties$/;
/** Metadata files (pom.properties, MANIFEST.MF) are a few KB; 1 MiB is generous. */
const SMALL = 1024 ** 2;

/** True for the archive kinds Java runtimes load: jar, war, ear, and Jenkins' jpi/hpi plugins. */
export function isJavaArchive(path: string): boolean {
  return ARCHIVE.test(path);
}

/** What one archive says about itself. */
interface Facts {
  poms: Record<string, string>[];
  manifest?: Record<string, string>;
  /** groupId/artifactId from GraalVM's `META-INF/native-image/<groupId>/<artifactId>/` convention. */
  nativeImage?: { groupId: string; artifactId: string };
}

interface Ctx {
  outer: string;
  budget: ZipBudget;
  packages: PackageDraft[];
}

/**
 * Reads one archive and, depth first, every archive inside it. `chain` is the location of this
 * archive (`app.war!/WEB-INF/lib/x.jar`); `depth` counts the top-level archive as 1.
 */
async function readArchive(bytes: Buffer, chain: string, depth: number, ctx: Ctx): Promise<void> {
  const facts: Facts = { poms: [] };
  const nested: PackageDraft[] = [];
  const mark = ctx.packages.length;
  await walkZip(
    bytes,
    ctx.budget,
    (name, size) => choose(name, size, depth, ctx, facts),
    async (name, data) => {
      if (POM.test(name)) facts.poms.push(parseProperties(data.toString('utf8')));
      else if (name === 'META-INF/MANIFEST.MF') facts.manifest = parseManifest(data.toString('utf8'));
      else {
        const inner = { ...ctx, packages: nested };
        try {
          await readArchive(data, `${chain}!/${name}`, depth + 1, inner);
        } catch (err) {
          ctx.budget.problems.push(
            `${chain}!/${name}: ${messages.catalogUnparsable('archive', (err as Error).message)}`,
          );
        }
      }
    },
  );
  ctx.packages.splice(mark, 0, ...ownPackages(bytes, chain, facts, ctx.outer));
  ctx.packages.push(...nested);
}

function choose(name: string, size: number, depth: number, ctx: Ctx, facts: Facts): 'read' | 'skip' {
  const ni = NATIVE_IMAGE.exec(name);
  if (ni && !facts.nativeImage) facts.nativeImage = { groupId: ni[1]!, artifactId: ni[2]! };
  if (POM.test(name) || name === 'META-INF/MANIFEST.MF') {
    if (size <= SMALL) return 'read';
    ctx.budget.problems.push(messages.archiveEntryTooLarge(name, size, SMALL));
    return 'skip';
  }
  if (!ARCHIVE.test(name)) return 'skip';
  if (depth + 1 > ctx.budget.limits.maxDepth) {
    ctx.budget.problems.push(`${name}: ${messages.archiveTooDeep(ctx.budget.limits.maxDepth)}`);
    return 'skip';
  }
  return 'read';
}

/**
 * The archive's own packages. Every `pom.properties` is one (shaded dependencies bring
 * theirs); the archive's SHA-1 goes to the one matching its file name, or to the only one.
 * Without any, the manifest is the fallback: GraalVM native-image coordinates or
 * `Implementation-Vendor-Id` for the groupId, the file name or `Implementation-Title` for the
 * artifactId, `Implementation-Version`/`Bundle-Version`/file name for the version.
 */
function ownPackages(bytes: Buffer, chain: string, facts: Facts, outer: string): PackageDraft[] {
  const sha1 = createHash('sha1').update(bytes).digest('hex');
  const file = nameFromFile(chain.slice(chain.lastIndexOf('/') + 1));
  const licenses = spdxLicenses([facts.manifest?.['Bundle-License']?.split(',')[0]]);
  const locations = chain === outer ? [outer] : [outer, chain];
  const coords = facts.poms
    .filter((p) => p.groupId && p.artifactId && p.version)
    .map((p) => ({ groupId: p.groupId!, artifactId: p.artifactId!, version: p.version! }));
  if (coords.length === 0) {
    const m = facts.manifest ?? {};
    const artifactId =
      facts.nativeImage?.artifactId ??
      (file.version ? file.artifactId : (m['Implementation-Title'] ?? file.artifactId));
    const groupId = facts.nativeImage?.groupId ?? m['Implementation-Vendor-Id'];
    const version = m['Implementation-Version'] ?? m['Bundle-Version'] ?? file.version;
    if (!artifactId || !version) return [];
    coords.push({ groupId: groupId ?? '', artifactId, version });
  }
  const own =
    coords.find((c) => c.artifactId === file.artifactId) ?? (coords.length === 1 ? coords[0] : undefined);
  return coords.map((c) => {
    const name = c.groupId ? `${c.groupId}:${c.artifactId}` : c.artifactId;
    return {
      name,
      version: c.version,
      type: 'maven',
      ecosystem: languageEcosystem('maven'),
      purl: languagePurl('maven', name, c.version),
      licenses: c === own ? licenses : [],
      locations,
      ...(c === own ? { digests: [{ algorithm: 'sha1' as const, value: sha1 }] } : {}),
    };
  });
}

/** The file cataloger's body, with the zip guards of `limits`. */
export async function catalogJavaArchive(input: FileInput, limits?: ZipLimits): Promise<CatalogOutput> {
  const { path, bytes } = input;
  const big = overLimit('java-archive', path, bytes.length, LIMITS.archive);
  if (big) return { packages: [], issues: [big] };
  const ctx: Ctx = { outer: path, budget: newBudget(limits), packages: [] };
  const out: CatalogOutput = { packages: ctx.packages, issues: [] };
  try {
    await readArchive(bytes, path, 1, ctx);
  } catch (err) {
    out.issues.push(
      fileIssue('java-archive', path, messages.catalogUnparsable('archive', (err as Error).message)),
    );
  }
  for (const p of ctx.budget.problems) out.issues.push(fileIssue('java-archive', path, p));
  return out;
}
