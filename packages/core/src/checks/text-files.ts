/**
 * Which files secret scanning reads, and which of its hits an allowlist covers. The predicates
 * run on every file of every layer, so they are string tests and set lookups only.
 */

/** Files larger than this are not read for secrets (they are counted and logged). */
export const DEFAULT_CONTENT_MAX_BYTES = 1024 * 1024;

/** How much of a file is sniffed for NUL bytes (git's heuristic for "binary"). */
const SNIFF_BYTES = 8000;

const BINARY_EXTENSIONS = new Set(
  (
    'png jpg jpeg gif bmp ico webp tif tiff psd svgz mp3 mp4 m4a ogg oga wav flac avi mov mkv webm ' +
    'woff woff2 ttf otf eot pfb pcf gz tgz bz2 xz zst lz lz4 lzma zip jar war ear apk deb rpm whl egg ' +
    '7z rar tar iso img qcow2 so a o ko dll exe bin dat db sqlite sqlite3 pyc pyo pyd class dex wasm ' +
    'node mo gmo cache pack idx pdf mmdb'
  ).split(' '),
);

/**
 * Distro documentation and data trees: never read, since users do not put credentials there
 * and they hold a large share of a distro image's text.
 */
const SKIPPED_DIRS = [
  'usr/share/doc/',
  'usr/share/man/',
  'usr/share/info/',
  'usr/share/locale/',
  'usr/share/i18n/',
  'usr/share/zoneinfo/',
  'usr/share/terminfo/',
  'usr/share/icons/',
  'usr/share/fonts/',
  'usr/share/mime/',
  'usr/lib/locale/',
  'usr/include/',
];

function extension(path: string): string {
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return '';
  const ext = path.slice(dot + 1).toLowerCase();
  // `libfoo.so.6`, `libbar.so.1.2.3`: versioned shared objects
  return /^\d+$/.test(ext) && path.includes('.so.', slash) ? 'so' : ext;
}

/** True for paths whose name says the content is binary (images, archives, objects, fonts…). */
export function hasBinaryExtension(path: string): boolean {
  return BINARY_EXTENSIONS.has(extension(path));
}

/** True for distro documentation and data trees secret scanning does not read. */
export function inSkippedDir(path: string): boolean {
  return SKIPPED_DIRS.some((d) => path.startsWith(d));
}

/** True when the first 8000 bytes hold a NUL: binary, or UTF-16 text, neither of which is scanned. */
export function looksBinary(bytes: Buffer): boolean {
  return bytes.subarray(0, SNIFF_BYTES).indexOf(0) !== -1;
}

const FIXTURE_SEGMENTS = new Set([
  'test',
  'tests',
  'testdata',
  'test-data',
  'testing',
  '__tests__',
  'fixtures',
  'fixture',
  '__fixtures__',
  '__mocks__',
  'spec',
  'specs',
  'example',
  'examples',
]);
const THIRD_PARTY_SEGMENTS = new Set(['node_modules', 'site-packages', 'dist-packages', 'vendor', 'gems']);

/**
 * Why a hit at `path` is allowlisted, if it is: test fixtures and examples hold deliberately
 * fake keys, and third-party package trees hold what their authors published. Such hits are
 * still reported, as suppressed findings with this reason (STYLE rule 6: never a silent drop).
 */
export function allowlistReason(path: string): string | undefined {
  const segments = path.split('/');
  segments.pop();
  if (segments.some((s) => THIRD_PARTY_SEGMENTS.has(s))) return 'inside a third-party package tree';
  if (segments.some((s) => FIXTURE_SEGMENTS.has(s.toLowerCase())))
    return 'inside a test-fixture or example directory';
  return undefined;
}

/** 1-based line of offset `index` in `text`. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
