/**
 * Core metadata headers (PEP 241/314/345/566/643, packaging.python.org "Core metadata
 * specifications"): RFC 822 style `Name: value` lines, continuation lines start with
 * whitespace, repeatable fields (`Classifier`) collect, and the first blank line ends the
 * headers (the description body follows). Returns every value of every field, in order.
 */
export function parseCoreMetadata(text: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let last: string[] | undefined;
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (line === '') break;
    if (/^[ \t]/.test(line)) {
      if (last) last[last.length - 1] += `\n${line.trim()}`;
      continue;
    }
    const i = line.indexOf(':');
    if (i <= 0) continue;
    const key = line.slice(0, i).trim().toLowerCase();
    const values = out.get(key) ?? [];
    values.push(line.slice(i + 1).trim());
    out.set(key, values);
    last = values;
  }
  return out;
}

/**
 * The licences core metadata declares, most precise first: `License-Expression` (PEP 639,
 * metadata 2.4: an SPDX expression), else the `License` field when it is a short name and not a
 * pasted licence text, else each `Classifier: License :: …` (PEP 301 trove classifiers).
 */
export function declaredLicenses(meta: Map<string, string[]>): string[] {
  const expr = meta.get('license-expression')?.[0];
  if (expr) return [expr];
  const license = meta.get('license')?.[0];
  if (license && !license.includes('\n') && license.length <= 100 && !/^unknown$/i.test(license))
    return [license];
  const classifiers = meta.get('classifier') ?? [];
  return classifiers.filter((c) => c.startsWith('License :: ') && c !== 'License :: OSI Approved');
}

/** PEP 503 normalised name: lowercase, runs of `-`, `_`, `.` become one `-` (how indexes and OSV compare names). */
export function pep503(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
