import { messages } from '../../errors.js';
import type { CatalogOutput, FileInput, PackageDraft } from '../cataloger.js';
import { emptyOutput } from '../cataloger.js';
import { ExecutableError } from '../exe/executable.js';
import { openExecutable } from '../exe/open.js';
import { fileIssue, LIMITS, overLimit } from '../input.js';
import { languagePurl } from '../purl.js';
import { readBuildInfo } from './buildinfo.js';
import { parseModInfo, stdlibVersion, type GoModule } from './modinfo.js';
import { languageEcosystem } from '../../ecosystems/index.js';

function goPackage(
  path: string,
  name: string,
  version: string,
  relationship: PackageDraft['relationship'],
): PackageDraft {
  return {
    name,
    version,
    type: 'golang',
    ecosystem: languageEcosystem('golang'),
    purl: languagePurl('golang', name, version),
    licenses: [],
    locations: [path],
    ...(relationship ? { relationship } : {}),
  };
}

/**
 * Packages of one Go binary, as `go version -m` lists them: the main module (its version is
 * `(devel)` unless the toolchain stamped one), every `dep` (after `=>` replacements: the
 * replacement is what was compiled in), and the standard library as package `stdlib`, which is
 * how OSV's Go ecosystem names advisories against the toolchain.
 */
export function goPackages(path: string, goVersion: string, modinfo: string): PackageDraft[] {
  const info = parseModInfo(modinfo);
  const out: PackageDraft[] = [];
  if (info.main?.path) out.push(goPackage(path, info.main.path, info.main.version, 'root'));
  for (const d of info.deps) {
    const m = effective(d);
    out.push(goPackage(path, m.path, m.version, undefined));
  }
  const std = stdlibVersion(goVersion);
  if (std) out.push(goPackage(path, 'stdlib', std, undefined));
  return out;
}

/**
 * The module to report for a dep line. A module replacement (`=> github.com/fork/lib v1.0.1`)
 * is what was compiled in, so it is reported. A directory replacement (`=> ../lib`, no
 * version) has no identity of its own: the replaced module and version are the only evidence
 * advisories can be matched against, so they are reported (a gate prefers a possible false
 * positive on a patched local copy to missing an unpatched one).
 */
function effective(m: GoModule): { path: string; version: string } {
  const local = /^(\.{1,2}\/|\/)/.test(m.path) || m.path === '.' || m.path === '..';
  return local && m.replaces ? m.replaces : { path: m.path, version: m.version };
}

/** The file cataloger's body: non-executables and non-Go executables yield nothing, silently. */
export function catalogGoBinary({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('go-binary', path, bytes.length, LIMITS.executable);
  if (big) return { packages: [], issues: [big] };
  try {
    const exe = openExecutable(bytes);
    const raw = exe && readBuildInfo(exe);
    if (!raw) return emptyOutput();
    return { packages: goPackages(path, raw.goVersion, raw.modinfo), issues: [] };
  } catch (err) {
    if (!(err instanceof ExecutableError)) throw err;
    return {
      packages: [],
      issues: [fileIssue('go-binary', path, messages.catalogUnparsable('executable', err.message))],
    };
  }
}
