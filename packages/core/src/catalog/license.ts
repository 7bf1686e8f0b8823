/**
 * Declared licence strings → SPDX identifiers (https://spdx.org/licenses/) where the mapping is
 * unambiguous (bare `BSD`, `GPL` or `Apache` name no single licence, so they stay as written); anything else is kept as declared (`Package.licenses` allows both). Covers the
 * forms package metadata really uses: SPDX ids and expressions, common long names, and PyPI
 * trove classifiers (`License :: OSI Approved :: MIT License`, PEP 301).
 */

/** Lowercased, punctuation-squashed name → SPDX id. */
const BY_NAME: Record<string, string> = {
  mit: 'MIT',
  'mit license': 'MIT',
  expat: 'MIT',
  'the mit license': 'MIT',
  'mit/x11': 'MIT',
  isc: 'ISC',
  'isc license': 'ISC',
  'isc license iscl': 'ISC',
  'apache 2': 'Apache-2.0',
  'apache 2.0': 'Apache-2.0',
  apache2: 'Apache-2.0',
  'apache license 2.0': 'Apache-2.0',
  'apache license version 2.0': 'Apache-2.0',
  'apache software license': 'Apache-2.0',
  'apache license, version 2.0': 'Apache-2.0',
  'apache-2': 'Apache-2.0',
  'asl 2.0': 'Apache-2.0',
  'the apache software license, version 2.0': 'Apache-2.0',
  'the apache license, version 2.0': 'Apache-2.0',
  'new bsd license': 'BSD-3-Clause',
  'bsd-3': 'BSD-3-Clause',
  'modified bsd license': 'BSD-3-Clause',
  'simplified bsd': 'BSD-2-Clause',
  'bsd-2': 'BSD-2-Clause',
  gplv2: 'GPL-2.0-only',
  'gplv2+': 'GPL-2.0-or-later',
  gplv3: 'GPL-3.0-only',
  'gplv3+': 'GPL-3.0-or-later',
  'gnu general public license v2 gplv2': 'GPL-2.0-only',
  'gnu general public license v3 gplv3': 'GPL-3.0-only',
  'gnu general public license v2 or later gplv2+': 'GPL-2.0-or-later',
  'gnu general public license v3 or later gplv3+': 'GPL-3.0-or-later',
  lgplv2: 'LGPL-2.0-only',
  'lgplv2+': 'LGPL-2.0-or-later',
  lgplv3: 'LGPL-3.0-only',
  'lgplv3+': 'LGPL-3.0-or-later',
  'gnu lesser general public license v3 lgplv3': 'LGPL-3.0-only',
  'gnu lesser general public license v2 or later lgplv2+': 'LGPL-2.0-or-later',
  'gnu lesser general public license v3 or later lgplv3+': 'LGPL-3.0-or-later',
  'gnu library or lesser general public license lgpl': 'LGPL-2.0-or-later',
  'gnu affero general public license v3': 'AGPL-3.0-only',
  agplv3: 'AGPL-3.0-only',
  'mozilla public license 2.0 mpl 2.0': 'MPL-2.0',
  'mpl 2.0': 'MPL-2.0',
  'mpl-2': 'MPL-2.0',
  'python software foundation license': 'PSF-2.0',
  psf: 'PSF-2.0',
  psfl: 'PSF-2.0',
  'zope public license': 'ZPL-2.1',
  'the unlicense unlicense': 'Unlicense',
  unlicense: 'Unlicense',
  'public domain': 'LicenseRef-Public-Domain',
  'cc0 1.0 universal cc0 1.0 public domain dedication': 'CC0-1.0',
  'eclipse public license 2.0 epl-2.0': 'EPL-2.0',
  'eclipse public license 1.0': 'EPL-1.0',
  ruby: 'Ruby',
  'artistic license': 'Artistic-2.0',
  'boost software license 1.0 bsl-1.0': 'BSL-1.0',
  'zlib/libpng license': 'Zlib',
  'academic free license afl': 'AFL-3.0',
  'historical permission notice and disclaimer hpnd': 'HPND',
};

/** SPDX ids as written by their authors are kept; this recognises the id shape, not the list. */
const SPDX_ID = /^[A-Za-z0-9][A-Za-z0-9.+-]*$/;
const SPDX_EXPR = /^\(?[A-Za-z0-9.+-]+(?:\s+(?:AND|OR|WITH)\s+\(?[A-Za-z0-9.+-]+\)?)+\)?$/;

function squash(s: string): string {
  return s.toLowerCase().replace(/[(),]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** One declared licence → SPDX where known; `undefined` for empty or placeholder values. */
export function toSpdx(raw: string): string | undefined {
  let s = raw.trim();
  if (!s || /^(unknown|none|n\/a|see license|other\/proprietary license|UNKNOWN)$/i.test(s)) return undefined;
  if (s.startsWith('License :: ')) s = s.split('::').pop()!.trim();
  const known = BY_NAME[squash(s)] ?? BY_NAME[s.toLowerCase()];
  if (known) return known;
  if (SPDX_ID.test(s) || SPDX_EXPR.test(s)) return s;
  return s.length > 200 ? `${s.slice(0, 200)}…` : s;
}

/** Maps and de-duplicates a list of declared licences, keeping order. */
export function spdxLicenses(raw: readonly (string | undefined)[]): string[] {
  const out: string[] = [];
  for (const r of raw) {
    const s = r === undefined ? undefined : toSpdx(r);
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}
