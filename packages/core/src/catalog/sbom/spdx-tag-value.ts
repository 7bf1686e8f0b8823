/**
 * SPDX 2.x tag-value documents (SPDX 2.3 spec, "Tag:value format"; every field name in
 * clauses 6 and 7) turned into the JSON shape spdx.ts reads. A line is `Tag: value`; a value
 * may span lines inside `<text>…</text>`; `#` starts a comment. `PackageName:` opens a package
 * section, which lasts until the next `PackageName:` or a file, snippet or licence section.
 */
type Json = Record<string, unknown>;

/** Package fields and their JSON names (clause 7). Repeated fields become arrays. */
const PACKAGE_FIELDS: Record<string, string> = {
  SPDXID: 'SPDXID',
  PackageVersion: 'versionInfo',
  PackageSourceInfo: 'sourceInfo',
  PackageLicenseConcluded: 'licenseConcluded',
  PackageLicenseDeclared: 'licenseDeclared',
  PrimaryPackagePurpose: 'primaryPackagePurpose',
};
const SECTION_ENDS = new Set(['FileName', 'SnippetSPDXID', 'LicenseID', 'Relationship']);

/** `Tag: value` pairs, with `<text>` values joined across lines. */
function* pairs(text: string): Generator<[string, string]> {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^([A-Za-z][A-Za-z0-9-]*):\s?(.*)$/.exec(lines[i]!);
    if (!m || lines[i]!.startsWith('#')) continue;
    let value = m[2]!.trim();
    if (value.startsWith('<text>')) {
      value = value.slice(6);
      while (!value.includes('</text>') && i + 1 < lines.length) value += `\n${lines[++i]}`;
      value = value.replace(/<\/text>.*$/s, '');
    }
    yield [m[1]!, value.trim()];
  }
}

function addToPackage(p: Json, tag: string, value: string): void {
  if (PACKAGE_FIELDS[tag]) p[PACKAGE_FIELDS[tag]] = value;
  else if (tag === 'PackageAttributionText') (p.attributionTexts as string[]).push(value);
  else if (tag === 'ExternalRef') {
    const [referenceCategory = '', referenceType = '', ...rest] = value.split(/\s+/);
    (p.externalRefs as Json[]).push({ referenceCategory, referenceType, referenceLocator: rest.join(' ') });
  }
}

/** The JSON shape of a tag-value document: `spdxVersion`, `name` and `packages[]`. */
export function spdxTagValueToJson(text: string): Json {
  const doc: Json = { packages: [] };
  let current: Json | undefined;
  for (const [tag, value] of pairs(text)) {
    if (tag === 'PackageName') {
      current = { name: value, externalRefs: [], attributionTexts: [] };
      (doc.packages as Json[]).push(current);
    } else if (SECTION_ENDS.has(tag)) current = undefined;
    else if (current) addToPackage(current, tag, value);
    else if (tag === 'SPDXVersion') doc.spdxVersion = value;
    else if (tag === 'DocumentName') doc.name = value;
  }
  return doc;
}
