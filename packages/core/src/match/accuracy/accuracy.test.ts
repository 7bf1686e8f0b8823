import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { silentLogger } from '../../logger.js';
import { repoRoot } from '../../testing/index.js';
import type { Finding } from '../../types/model.js';
import { MemoryDb } from '../../vulndb/memory-db.js';
import { matchPackages } from '../matcher.js';
import { convertTrivyFixtures } from '../../testing/accuracy/trivy-fixtures.js';
import { goldenCase, type GoldenCase, type Tuple } from '../../testing/accuracy/trivy-goldens.js';

// STYLE rule 28: accuracy against a peer's labelled goldens, gated like grype's quality gate.
// Every difference must be listed in docs/accuracy/differences.md (parsed below), and
// precision / recall / false negatives may not get worse than docs/accuracy/baseline.json.

const CASES: { golden: string; ignoreUnfixed?: boolean; severities?: string[]; decoys?: string }[] = [
  { golden: 'alpine-39' },
  { golden: 'alpine-39-high-critical', ignoreUnfixed: true, severities: ['HIGH', 'CRITICAL'] },
  { golden: 'alpine-distroless' },
  { golden: 'debian-buster', decoys: 'debian-buster' },
  { golden: 'debian-buster-ignore-unfixed', ignoreUnfixed: true, decoys: 'debian-buster' },
  { golden: 'centos-7', decoys: 'centos-7' },
  { golden: 'centos-7-ignore-unfixed', ignoreUnfixed: true, decoys: 'centos-7' },
  { golden: 'centos-7-medium', ignoreUnfixed: true, severities: ['MEDIUM'], decoys: 'centos-7' },
  { golden: 'npm' },
  { golden: 'npm-with-dev' },
  { golden: 'pip' },
  { golden: 'pipenv' },
  { golden: 'composer.lock' },
  { golden: 'cargo.lock' },
  { golden: 'nuget' },
  { golden: 'pom' },
  { golden: 'gomod' },
];

const STATUS: Record<Finding['fixState'], string> = {
  fixed: 'fixed',
  'not-fixed': 'affected',
  'wont-fix': 'will_not_fix',
  unknown: 'unknown',
};

function tupleOf(f: Finding): Tuple {
  return {
    target: f.location ?? '',
    id: f.ruleId,
    pkg: f.package!.name,
    installed: f.package!.version,
    fixed: f.fixedIn.join(', '),
    status: STATUS[f.fixState],
    severity: f.severity.toUpperCase(),
  };
}

const keyOf = (t: Tuple) => `${t.id} ${t.pkg}@${t.installed} (${t.target})`;

async function ours(c: GoldenCase, db: MemoryDb): Promise<Tuple[]> {
  const { findings } = await matchPackages(c.packages, [], db, silentLogger);
  return findings
    .map(tupleOf)
    .filter((t) => !c.ignoreUnfixed || t.status === 'fixed')
    .filter((t) => !c.severities || c.severities.includes(t.severity));
}

/** Observed differences as `golden | finding | field | trivy | ours` rows. */
function compare(
  name: string,
  want: Tuple[],
  got: Tuple[],
): { rows: string[]; tp: number; fp: number; fn: number } {
  const rows: string[] = [];
  const g = new Map(got.map((t) => [keyOf(t), t]));
  const w = new Map(want.map((t) => [keyOf(t), t]));
  for (const [k, t] of w) {
    const o = g.get(k);
    if (!o) rows.push(`${name} | ${k} | missing | ${t.status} ${t.severity} | - `);
    else
      for (const f of ['fixed', 'status', 'severity'] as const)
        if (t[f] !== o[f]) rows.push(`${name} | ${k} | ${f} | ${t[f] || '-'} | ${o[f] || '-'}`);
  }
  for (const [k, o] of g) if (!w.has(k)) rows.push(`${name} | ${k} | extra | - | ${o.status} ${o.severity}`);
  const tp = [...w.keys()].filter((k) => g.has(k)).length;
  return { rows, tp, fp: g.size - tp, fn: w.size - tp };
}

/** Rows of the table under '## Differences' in docs/accuracy/differences.md, first five cells, normalised. */
function documented(): string[] {
  const text = readFileSync(join(repoRoot(), 'docs', 'accuracy', 'differences.md'), 'utf8');
  const section = text.slice(text.indexOf('\n## Differences'));
  return section
    .slice(0, section.indexOf('\n## ', 5) < 0 ? undefined : section.indexOf('\n## ', 5))
    .split('\n')
    .filter((l) => /^\| (?!golden|---)/.test(l))
    .map((l) =>
      l
        .split('|')
        .slice(1, 6)
        .map((c) => c.trim().replace(/`/g, ''))
        .join(' | '),
    );
}

const norm = (row: string) =>
  row
    .split('|')
    .map((c) => c.trim())
    .join(' | ');

test('accuracy: every finding agrees with Trivy on its goldens, or the difference is documented', async () => {
  const { records } = convertTrivyFixtures();
  const db = new MemoryDb('trivy-fixtures');
  records.forEach((r) => db.add(r));
  const baseline = JSON.parse(
    readFileSync(join(repoRoot(), 'docs', 'accuracy', 'baseline.json'), 'utf8'),
  ) as Record<string, { precision: number; recall: number; fn: number }>;
  const observed: string[] = [];
  const figures: Record<string, { precision: number; recall: number; fn: number; agreed: string }> = {};
  for (const c of CASES) {
    const gc = goldenCase(c.golden, c);
    const got = await ours(gc, db);
    const r = compare(c.golden, gc.expected, got);
    observed.push(...r.rows.map(norm));
    const agreed = gc.expected.filter((t) => !r.rows.some((row) => row.includes(` ${keyOf(t)} `))).length;
    figures[c.golden] = {
      precision: r.tp + r.fp === 0 ? 1 : r.tp / (r.tp + r.fp),
      recall: r.tp + r.fn === 0 ? 1 : r.tp / (r.tp + r.fn),
      fn: r.fn,
      agreed: `${agreed}/${gc.expected.length}`,
    };
  }
  const docs = documented();
  const undocumented = observed.filter((o) => !docs.includes(o));
  const stale = docs.filter((d) => !observed.includes(d));
  assert.deepEqual(
    { undocumented, stale },
    { undocumented: [], stale: [] },
    `figures: ${JSON.stringify(figures, null, 1)}`,
  );
  if (process.env.UPDATE_ACCURACY_BASELINE === '1') {
    // regenerate after an intended change; review the diff of baseline.json before committing
    const next = Object.fromEntries(
      Object.entries(figures).map(([n, f]) => [
        n,
        { precision: f.precision, recall: f.recall, fn: f.fn, agreed: f.agreed },
      ]),
    );
    writeFileSync(
      join(repoRoot(), 'docs', 'accuracy', 'baseline.json'),
      `${JSON.stringify(next, null, 2)}\n`,
    );
    return;
  }
  for (const [name, f] of Object.entries(figures)) {
    const b = baseline[name];
    assert.ok(
      b,
      `${name}: no baseline; add ${JSON.stringify({ precision: f.precision, recall: f.recall, fn: f.fn })}`,
    );
    assert.ok(f.fn <= b.fn, `${name}: false negatives rose from ${b.fn} to ${f.fn}`);
    assert.ok(
      f.precision >= b.precision - 1e-9,
      `${name}: precision fell from ${b.precision} to ${f.precision}`,
    );
    assert.ok(f.recall >= b.recall - 1e-9, `${name}: recall fell from ${b.recall} to ${f.recall}`);
  }
});
