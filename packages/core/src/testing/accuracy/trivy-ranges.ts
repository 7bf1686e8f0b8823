/**
 * Test helper: turns the version-range strings of Trivy's DB fixtures (`VulnerableVersions`,
 * `PatchedVersions`: `< 3.4.0`, `>= 2.0.0, <= 2.9.10.3`, Maven's `[2.9.0,2.9.10.7)`) into OSV
 * range events (OSV schema §affected[].ranges[].events), as GitHub's OSV export does: an
 * inclusive upper bound with a known first patched version becomes `fixed: <patched>`,
 * without one `last_affected`.
 */
import type { OsvEvent } from '../../types/osv/record.js';
import type { Comparator } from '../../match/versions/comparator.js';

interface Bound {
  v: string;
  incl: boolean;
}
/** One interval; an absent bound is open. */
export interface Interval {
  lo?: Bound;
  hi?: Bound;
}

const strip = (v: string, go: boolean) => (go ? v.replace(/^v/, '') : v);

/** `>= 2.0.0, <= 2.9.10.3` or `[2.9.0,2.9.10.7)` → interval. A bare version means `>= version`. */
export function parseInterval(text: string, go = false): Interval {
  const maven = /^([[(])\s*([^,]*),\s*([^\])]*)([\])])$/.exec(text.trim());
  if (maven) {
    return {
      ...(maven[2] ? { lo: { v: strip(maven[2], go), incl: maven[1] === '[' } } : {}),
      ...(maven[3] ? { hi: { v: strip(maven[3], go), incl: maven[4] === ']' } } : {}),
    };
  }
  const out: Interval = {};
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(>=|<=|>|<|=)?\s*(.+)$/.exec(part)!;
    const v = strip(m[2]!, go);
    if (!m[1] || m[1] === '>=' || m[1] === '>') out.lo = { v, incl: m[1] !== '>' };
    else if (m[1] === '<' || m[1] === '<=') out.hi = { v, incl: m[1] === '<=' };
    else return { lo: { v, incl: true }, hi: { v, incl: true } };
  }
  return out;
}

function cmpLo(cmp: Comparator, a: Interval, b: Interval): number {
  if (!a.lo || a.lo.v === '0') return -1;
  if (!b.lo || b.lo.v === '0') return 1;
  return cmp.compare(a.lo.v, b.lo.v);
}

/** The complement of the patched intervals: what is vulnerable when only patches are listed. */
export function complement(patched: Interval[], cmp: Comparator): Interval[] {
  const sorted = [...patched].sort((a, b) => cmpLo(cmp, a, b));
  const out: Interval[] = [];
  let from: Bound | undefined;
  for (const p of sorted) {
    if (p.lo && p.lo.v !== '0')
      out.push({ ...(from ? { lo: from } : {}), hi: { v: p.lo.v, incl: !p.lo.incl } });
    if (!p.hi) return out;
    from = { v: p.hi.v, incl: !p.hi.incl };
  }
  out.push(from ? { lo: from } : {});
  return out;
}

/** OSV events for vulnerable intervals; `patched` supplies the fix after an inclusive bound. */
export function toEvents(vulnerable: Interval[], patched: string[], cmp: Comparator): OsvEvent[] {
  const events: OsvEvent[] = [];
  for (const i of vulnerable) {
    events.push({ introduced: i.lo?.v ?? '0' });
    if (!i.hi) continue;
    if (!i.hi.incl) {
      events.push({ fixed: i.hi.v });
      continue;
    }
    const next = patched.filter((p) => cmp.compare(p, i.hi!.v) > 0).sort((a, b) => cmp.compare(a, b))[0];
    events.push(next ? { fixed: next } : { last_affected: i.hi.v });
  }
  return events;
}
