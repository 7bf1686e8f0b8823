/**
 * Test helper: reads Red Hat's CVSS vector files (`../shared/testdata/cvss/vectors_*`), one
 * `VECTOR - (base, temporal, environmental)` or `VECTOR - score` a line. Never imported by
 * production code; kept out of `*.test.ts` so both test files share it.
 */
import { readFileSync } from 'node:fs';
import { testdata } from './index.js';

/** One line of a vector file: the vector and the scores after ` - `, in order. */
export interface VectorLine {
  line: number;
  vector: string;
  scores: number[];
}

/** Every non-empty line of `../shared/testdata/cvss/<name>`, parsed. Throws on a line it cannot read. */
export function readVectorFile(name: string): VectorLine[] {
  const text = readFileSync(testdata('cvss', name), 'utf8');
  const out: VectorLine[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const m = /^(\S+) - \(?([\d.,\s]+?)\)?$/.exec(raw.trim());
    if (!m) throw new Error(`${name}:${i + 1}: unreadable line: ${raw}`);
    const scores = m[2]!
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '')
      .map(Number);
    out.push({ line: i + 1, vector: m[1]!, scores });
  });
  return out;
}
