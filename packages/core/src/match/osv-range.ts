import type { OsvAffected, OsvEvent, OsvRange } from '../types/osv/record.js';
import type { Comparator } from './versions/comparator.js';

/** Whether one `affected[]` entry covers a version, and what fixes it. */
export interface RangeVerdict {
  affected: boolean;
  /** `fixed` events that close the interval the version is in. */
  fixed: string[];
  /** True when an interval containing the version is open-ended or ends in `last_affected`. */
  unfixed: boolean;
}

type Kind = 'introduced' | 'fixed' | 'last_affected' | 'limit';

function kindOf(e: OsvEvent): { kind: Kind; version: string } | undefined {
  for (const kind of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
    const v = e[kind];
    if (typeof v === 'string') return { kind, version: v };
  }
  return undefined;
}

/** `0` means "the lowest version" in OSV; `*` as a limit means "no limit". */
function cmpEvent(cmp: Comparator, a: string, b: string): number {
  if (a === b) return 0;
  if (a === '0') return -1;
  if (b === '0') return 1;
  return cmp.compare(a, b);
}

/**
 * Evaluates one ECOSYSTEM or SEMVER range for `version`, following the OSV schema's evaluation
 * algorithm (https://ossf.github.io/osv-schema/#evaluation): events sorted by version, then
 * `introduced` opens an affected interval, `fixed` closes it at that version (exclusive) and
 * `last_affected` closes it after that version (inclusive). A version at or above any `limit`
 * is outside the range.
 */
export function evaluateRange(range: OsvRange, version: string, cmp: Comparator): RangeVerdict {
  const events = range.events.map(kindOf).filter((e): e is { kind: Kind; version: string } => !!e);
  const limits = events.filter((e) => e.kind === 'limit' && e.version !== '*');
  if (limits.some((l) => cmpEvent(cmp, version, l.version) >= 0))
    return { affected: false, fixed: [], unfixed: false };
  let sorted = events.filter((e) => e.kind !== 'limit');
  try {
    sorted = [...sorted].sort((a, b) => cmpEvent(cmp, a.version, b.version));
  } catch {
    // an event version the comparator cannot order: keep the record's own order, which the
    // schema asks publishers to sort
  }
  let affected = false;
  let lastIntroduced = -1;
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i]!;
    const c = cmpEvent(cmp, version, e.version);
    if (e.kind === 'introduced' && c >= 0) {
      affected = true;
      lastIntroduced = i;
    } else if (e.kind === 'fixed' && c >= 0) affected = false;
    else if (e.kind === 'last_affected' && c > 0) affected = false;
  }
  if (!affected) return { affected: false, fixed: [], unfixed: false };
  // the interval holding the version ends at the first closing event after its `introduced`
  const closedBy = sorted.slice(lastIntroduced + 1).find((n) => n.kind !== 'introduced');
  const fix = closedBy?.kind === 'fixed' ? [closedBy.version] : [];
  return { affected: true, fixed: fix, unfixed: fix.length === 0 };
}

/**
 * Whether an `affected[]` entry covers `version`: listed in `versions`, or inside an
 * ECOSYSTEM/SEMVER range. GIT ranges name commits, which an installed package does not carry,
 * so they are ignored (the `versions` list OSV derives from them still applies).
 */
export function evaluateAffected(a: OsvAffected, version: string, cmp: Comparator | undefined): RangeVerdict {
  const fixed = new Set<string>();
  let affected = false;
  let unfixed = false;
  if (a.versions?.includes(version)) affected = true;
  if (cmp) {
    for (const range of a.ranges ?? []) {
      if (range.type === 'GIT') continue;
      const v = evaluateRange(range, version, cmp);
      if (!v.affected) continue;
      affected = true;
      v.fixed.forEach((f) => fixed.add(f));
      unfixed ||= v.unfixed;
    }
  }
  if (affected && fixed.size === 0) unfixed = true;
  return { affected, fixed: [...fixed], unfixed };
}
