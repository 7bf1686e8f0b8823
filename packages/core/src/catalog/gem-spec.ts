import { messages } from '../errors.js';
import type { CatalogOutput, FileCataloger, FileInput } from './cataloger.js';
import { fileIssue, LIMITS, overLimit, utf8Text } from './input.js';
import { gemDraft } from './ruby.js';

/** A Ruby string literal as RubyGems writes it: `"x"`, `'x'`, `%q<x>`, optionally `.freeze`. */
const STR = String.raw`(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|%q[<{(\[]([^>})\]]*)[>})\]])(?:\.freeze)?`;
const field = (name: string) => new RegExp(String.raw`^\s*\w+\.${name}\s*=\s*${STR}`, 'm');
const LICENSES = /^\s*\w+\.licenses?\s*=\s*(\[[^\]]*\]|"[^"]*"(?:\.freeze)?|'[^']*')/m;
const STUB = /^# stub: (\S+) (\S+) /m;

const firstGroup = (m: RegExpExecArray | null): string | undefined =>
  m ? (m[1] ?? m[2] ?? m[3]) : undefined;

/**
 * name, version and licences of an installed gem's specification: the Ruby that RubyGems
 * writes with `Gem::Specification#to_ruby` (`s.name = "rack".freeze`, `s.version = "2.2.22"`,
 * `s.licenses = ["MIT".freeze]`), read with regexes and never evaluated. The `# stub:` line
 * RubyGems puts first is the fallback for name and version.
 */
export function parseGemspec(text: string): { name?: string; version?: string; licenses: string[] } {
  const stub = STUB.exec(text);
  const name = firstGroup(field('name').exec(text)) ?? stub?.[1];
  const version = firstGroup(field('version').exec(text)) ?? stub?.[2];
  const lic = LICENSES.exec(text)?.[1] ?? '';
  const licenses = [...lic.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'/g)]
    .map((m) => m[1] ?? m[2] ?? '')
    .filter(Boolean);
  return { ...(name ? { name } : {}), ...(version ? { version } : {}), licenses };
}

/** `.../specifications/<name>-<version>.gemspec` (and `specifications/default/` for default gems). */
export function isInstalledGemspec(path: string): boolean {
  return path.endsWith('.gemspec') && /(^|\/)specifications\/(default\/)?[^/]+$/.test(path);
}

function catalog({ path, bytes }: FileInput): CatalogOutput {
  const big = overLimit('gem-spec', path, bytes.length, LIMITS.manifest);
  if (big) return { packages: [], issues: [big] };
  const text = utf8Text(bytes);
  if (text === undefined)
    return { packages: [], issues: [fileIssue('gem-spec', path, messages.catalogNotText('gemspec'))] };
  const spec = parseGemspec(text);
  if (!spec.name || !spec.version) {
    return {
      packages: [],
      issues: [fileIssue('gem-spec', path, messages.catalogUnparsable('gemspec', 'no name or version'))],
    };
  }
  return { packages: [gemDraft(path, spec.name, spec.version, spec.licenses)], issues: [] };
}

/** Installed gems, from the specifications RubyGems keeps for them. */
export const gemSpecCataloger: FileCataloger = {
  id: 'gem-spec',
  version: 1,
  kind: 'file',
  wants: isInstalledGemspec,
  catalog,
};
