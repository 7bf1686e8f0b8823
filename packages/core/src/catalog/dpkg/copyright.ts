/**
 * Licences from a Debian `copyright` file. Only machine-readable files (DEP-5,
 * https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/) name licences reliably:
 * their `License:` fields' first lines are short names, which mostly are SPDX ids already
 * (`GPL-2+` is Debian's spelling of `GPL-2.0-or-later`). Free-form files give nothing rather
 * than a guess.
 */
const DEBIAN_TO_SPDX: Record<string, string> = {
  'GPL-1': 'GPL-1.0-only',
  'GPL-1+': 'GPL-1.0-or-later',
  'GPL-2': 'GPL-2.0-only',
  'GPL-2+': 'GPL-2.0-or-later',
  'GPL-3': 'GPL-3.0-only',
  'GPL-3+': 'GPL-3.0-or-later',
  'LGPL-2': 'LGPL-2.0-only',
  'LGPL-2+': 'LGPL-2.0-or-later',
  'LGPL-2.1': 'LGPL-2.1-only',
  'LGPL-2.1+': 'LGPL-2.1-or-later',
  'LGPL-3': 'LGPL-3.0-only',
  'LGPL-3+': 'LGPL-3.0-or-later',
  'AGPL-3': 'AGPL-3.0-only',
  'AGPL-3+': 'AGPL-3.0-or-later',
  'GFDL-1.2+': 'GFDL-1.2-or-later',
  'GFDL-1.3+': 'GFDL-1.3-or-later',
  Expat: 'MIT',
  'BSD-3-clause': 'BSD-3-Clause',
  'BSD-2-clause': 'BSD-2-Clause',
  'BSD-4-clause': 'BSD-4-Clause',
  'Apache-2': 'Apache-2.0',
  'Apache-2.0': 'Apache-2.0',
  'MPL-2.0': 'MPL-2.0',
  Artistic: 'Artistic-1.0-Perl',
  'public-domain': 'LicenseRef-public-domain',
  Zlib: 'Zlib',
  zlib: 'Zlib',
  ISC: 'ISC',
  MIT: 'MIT',
};

/** Distinct licences named by a DEP-5 copyright file, in order of first mention. */
export function copyrightLicenses(text: string): string[] {
  if (!/^Format:\s*\S*copyright-format/m.test(text)) return [];
  const seen = new Set<string>();
  for (const m of text.matchAll(/^License:[ \t]*([^\n]+)$/gm)) {
    for (const part of m[1]!.split(/\s+(?:or|and)\s+|\s*[|,]\s*/i)) {
      const name = part.trim().replace(/\s+with\s+.*$/i, '');
      if (!name) continue;
      seen.add(DEBIAN_TO_SPDX[name] ?? name);
    }
  }
  return [...seen];
}
