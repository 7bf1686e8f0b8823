/**
 * Test support for the comparator tests (not a comparator, so not in the registry): reads the
 * reference vectors in `../shared/testdata/versions` (see its README) and checks a comparator
 * against them. Never imported by production code.
 */
import { readFileSync } from 'node:fs';
import { testdata } from './index.js';
import { sign } from '../match/versions/comparator.js';

/** One reference verdict: `compare(a, b)` must have the sign of `want`. */
export interface Vector {
  /** `file:line` (text tables) or `file#index` (JSON), for failure messages. */
  where: string;
  a: string;
  b: string;
  want: -1 | 0 | 1;
}

/** A non-comment line of a text table, split on whitespace. */
export interface TableLine {
  where: string;
  text: string;
  fields: string[];
}

const WANT: Readonly<Record<string, -1 | 0 | 1>> = { '<': -1, '=': 0, '>': 1 };

/** `versions/<file>` parsed as JSON. */
export function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(testdata('versions', file), 'utf8')) as T;
}

/** The `vectors` of `versions/<file>`: `[a, b, cmp]` triples. */
export function jsonVectors(file: string): Vector[] {
  const { vectors } = readJson<{ vectors: [string, string, -1 | 0 | 1][] }>(file);
  return vectors.map(([a, b, want], i) => ({ where: `${file}#${i}`, a, b, want }));
}

/**
 * The lines of a text table (`versions/<file>`) without comments: whole-line `#` and `//`
 * comments (osv-scalibr), trailing `# …` comments after white space (apk-tools' version.data)
 * and blank lines. A `#` inside a version is data: Packagist's table compares `1.2.3.#`.
 */
export function tableLines(file: string): TableLine[] {
  const out: TableLine[] = [];
  readFileSync(testdata('versions', file), 'utf8')
    .split('\n')
    .forEach((raw, i) => {
      if (raw.trimStart().startsWith('//')) return;
      const text = raw.replace(/(^|\s)#.*/, '').trim();
      if (text !== '') out.push({ where: `${file}:${i + 1}`, text, fields: text.split(/\s+/) });
    });
  return out;
}

/** The `a OP b` lines of a text table with OP one of `<`, `=`, `>`. */
export function tableVectors(file: string): Vector[] {
  return tableLines(file)
    .filter((l) => l.fields.length === 3 && l.fields[1]! in WANT)
    .map((l) => ({ where: l.where, a: l.fields[0]!, b: l.fields[2]!, want: WANT[l.fields[1]!]! }));
}

/** The vector as its table line would read it: `a < b`. */
export function show(v: Vector): string {
  return `${v.a} ${v.want < 0 ? '<' : v.want > 0 ? '>' : '='} ${v.b}`;
}

/** What `compare` said, or the error it threw. */
function outcome(compare: (a: string, b: string) => number, a: string, b: string): number | string {
  try {
    return sign(compare(a, b));
  } catch (e) {
    return `throws ${(e as Error).message}`;
  }
}

/** Each vector `compare` gets wrong (or throws on), described for an assertion message. */
export function disagreements(
  compare: (a: string, b: string) => number,
  vectors: readonly Vector[],
): string[] {
  return vectors.flatMap((v) => {
    const got = outcome(compare, v.a, v.b);
    return got === v.want ? [] : [`${v.where}: want ${show(v)}, got ${got}`];
  });
}

/** Each vector where `compare(b, a)` is not `-compare(a, b)`; pairs that throw are skipped. */
export function asymmetries(compare: (a: string, b: string) => number, vectors: readonly Vector[]): string[] {
  return vectors.flatMap((v) => {
    const ab = outcome(compare, v.a, v.b);
    const ba = outcome(compare, v.b, v.a);
    if (typeof ab === 'string' && typeof ba === 'string') return [];
    return ba === -ab
      ? []
      : [`${v.where}: compare(a, b) = ${ab} but compare(b, a) = ${ba} for ${v.a} / ${v.b}`];
  });
}
