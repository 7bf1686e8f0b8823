/**
 * Parser for dpkg's status database (deb822 control paragraphs, `deb-control(5)`,
 * `dpkg-query(1)`): paragraphs separated by blank lines, `Field: value`, continuation lines
 * starting with a space or tab.
 */

/** One paragraph's fields, keyed case-sensitively as dpkg writes them, plus where it starts. */
export interface Paragraph {
  fields: Map<string, string>;
  /** 1-based line number of the paragraph's first field. */
  line: number;
}

export function parseParagraphs(text: string): { paragraphs: Paragraph[]; errors: string[] } {
  const paragraphs: Paragraph[] = [];
  const errors: string[] = [];
  let cur: Paragraph | undefined;
  let lastKey: string | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (line.trim() === '') {
      cur = undefined;
      lastKey = undefined;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (cur && lastKey) cur.fields.set(lastKey, `${cur.fields.get(lastKey)}\n${line.slice(1)}`);
      else errors.push(`line ${i + 1}: continuation line outside a field`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      errors.push(`line ${i + 1}: not a 'Field: value' line`);
      continue;
    }
    if (!cur) paragraphs.push((cur = { fields: new Map(), line: i + 1 }));
    lastKey = line.slice(0, colon);
    cur.fields.set(lastKey, line.slice(colon + 1).trim());
  }
  return { paragraphs, errors };
}

/** A package entry of the status file, as `dpkg-query -W` reads it. */
export interface DpkgEntry {
  name: string;
  version: string;
  arch?: string;
  /** `Source:` name, the binary name when absent. */
  sourceName: string;
  /** `Source:` version in parentheses, the binary version when absent. */
  sourceVersion: string;
  /** Third word of `Status:` (`installed`, `config-files`, …). */
  state: string;
  line: number;
}

/**
 * Package states whose files are on disk. `config-files` (removed, `rc`) and `not-installed`
 * are left out: their binaries are gone, so they cannot be vulnerable.
 */
export const PRESENT_STATES: ReadonlySet<string> = new Set([
  'installed',
  'half-configured',
  'unpacked',
  'half-installed',
  'triggers-awaited',
  'triggers-pending',
]);

/** Reads one paragraph; `undefined` with a reason when it names no package or version. */
export function toEntry(p: Paragraph): DpkgEntry | string {
  const name = p.fields.get('Package');
  const version = p.fields.get('Version');
  if (!name) return `line ${p.line}: paragraph has no Package field`;
  if (!version) return `line ${p.line}: package ${name} has no Version field`;
  const status = (p.fields.get('Status') ?? 'install ok installed').split(/\s+/);
  const source = /^(\S+)(?:\s+\((\S+)\))?/.exec(p.fields.get('Source') ?? '');
  const arch = p.fields.get('Architecture');
  return {
    name,
    version,
    ...(arch ? { arch } : {}),
    sourceName: source?.[1] ?? name,
    sourceVersion: source?.[2] ?? version,
    state: status[2] ?? 'installed',
    line: p.line,
  };
}
