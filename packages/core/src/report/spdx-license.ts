// spdx-expression-parse is CommonJS (module.exports = parse): a default import works in Node's
// ESM and lets esbuild bundle it like any other dependency.
import parse from 'spdx-expression-parse';

/** True when `s` is a valid SPDX license expression (SPDX spec 2.3, annex D). */
export function isSpdxExpression(s: string): boolean {
  try {
    parse(s);
    return true;
  } catch {
    return false;
  }
}

/** `LicenseRef-` ids may hold only letters, digits, `.` and `-` (SPDX 2.3 §10.1). */
export function licenseRef(text: string): string {
  return `LicenseRef-${text.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unknown'}`;
}

/**
 * One SPDX expression for a package's declared licences: each valid expression as is, anything
 * else as a `LicenseRef-` (whose text the document must then carry in
 * `hasExtractedLicensingInfos`), joined with AND; `NOASSERTION` when none is declared.
 */
export function declaredExpression(licenses: readonly string[]): {
  expression: string;
  extracted: Map<string, string>;
} {
  const extracted = new Map<string, string>();
  const parts = licenses.map((l) => {
    if (isSpdxExpression(l)) return l;
    const ref = licenseRef(l);
    extracted.set(ref, l);
    return ref;
  });
  if (parts.length === 0) return { expression: 'NOASSERTION', extracted };
  const joined =
    parts.length === 1 ? parts[0]! : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
  return { expression: joined, extracted };
}
