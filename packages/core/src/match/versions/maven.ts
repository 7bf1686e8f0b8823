import { type Comparator, sign } from './comparator.js';

/**
 * Maven versions, ordered as Maven 3.8's `ComparableVersion` (maven-artifact,
 * `org.apache.maven.artifact.versioning.ComparableVersion`) orders them: the version is split
 * at `.`, `-` and digit/letter transitions into numbers, qualifiers and (after `-` or a
 * transition) nested lists; trailing "null" items (`0`, `""`, `ga`, `final`, `release`) are
 * dropped from each list; then lists compare item by item. One deliberate difference, to agree
 * with OSV's Maven ordering, is described at `collapse`.
 */

/** A parsed item: a number, a qualifier (already aliased), or a sub-list. */
type Item =
  { kind: 'number'; value: bigint } | { kind: 'string'; value: string } | { kind: 'list'; items: Item[] };

/** Known qualifiers in order; `""` is the release itself. Unknown ones sort after, lexically. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const RELEASE_INDEX = String(QUALIFIERS.indexOf(''));
const ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
/** `a1`, `b1`, `m1`: a one-letter qualifier directly followed by a digit is the long form. */
const SHORT_BEFORE_DIGIT: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };

/** `StringItem.comparableQualifier`: a string whose lexical order is the qualifier order. */
function comparableQualifier(q: string): string {
  const i = QUALIFIERS.indexOf(q);
  return i === -1 ? `${QUALIFIERS.length}-${q}` : String(i);
}

function stringItem(value: string, followedByDigit: boolean): Item {
  let v = value;
  if (followedByDigit && v.length === 1) v = SHORT_BEFORE_DIGIT[v] ?? v;
  return { kind: 'string', value: Object.hasOwn(ALIASES, v) ? ALIASES[v]! : v };
}

/** `parseItem`: digits become a number (int, long and BigInteger items all compare numerically). */
function parseItem(isDigit: boolean, buf: string): Item {
  return isDigit ? { kind: 'number', value: BigInt(buf) } : stringItem(buf, false);
}

function isNull(item: Item): boolean {
  if (item.kind === 'number') return item.value === 0n;
  if (item.kind === 'string') return comparableQualifier(item.value) === RELEASE_INDEX;
  return item.items.length === 0;
}

/** `ListItem.normalize`: drop trailing null items, looking past (non-null) sub-lists. */
function normalize(list: Item[]): void {
  for (let i = list.length - 1; i >= 0; i--) {
    const item = list[i]!;
    if (isNull(item)) list.splice(i, 1);
    else if (item.kind !== 'list') break;
  }
}

/**
 * Deliberate difference from Maven 3.8.7, to agree with OSV: a sub-list that normalisation left
 * holding nothing but another sub-list (its own items were null: `1-ga-1`, `1-0-1`, `1--1`) is
 * merged with it, so `1-ga-1 = 1-1`. Maven 3.8.7 keeps the extra level and says `1-ga-1 < 1-1`;
 * OSV's ordering table (osv-scalibr `maven-versions.txt`, which drops null items before every
 * hyphen) says equal, and OSV's ordering is what an OSV Maven range means. No version pair of
 * `maven.json` (Maven 3.8.7's own verdicts) is affected. The root list is left alone
 * (`ga-1` is not `1`, for OSV as for Maven).
 */
function collapse(list: Item[]): void {
  const only = list[0];
  if (list.length === 1 && only?.kind === 'list') list.splice(0, 1, ...only.items);
}

const isDigitChar = (c: string): boolean => c >= '0' && c <= '9';

/** Parser state of `ComparableVersion.parseVersion`. */
interface ParseState {
  s: string;
  list: Item[];
  lists: Item[][];
  start: number;
  isDigit: boolean;
}

/** Appends a new sub-list to the current list and makes it current. */
function openList(st: ParseState): void {
  const sub: Item[] = [];
  st.list.push({ kind: 'list', items: sub });
  st.lists.push(sub);
  st.list = sub;
}

/** A `.` or `-` ends the current item; an empty item is a `0`. */
function separator(st: ParseState, i: number): void {
  st.list.push(
    i === st.start ? { kind: 'number', value: 0n } : parseItem(st.isDigit, st.s.slice(st.start, i)),
  );
  st.start = i + 1;
  if (st.s[i] === '-') openList(st);
}

/** A switch between digits and non-digits ends the item too, and opens a sub-list. */
function transition(st: ParseState, i: number, toDigit: boolean): void {
  if (toDigit !== st.isDigit && i > st.start) {
    const buf = st.s.slice(st.start, i);
    st.list.push(toDigit ? stringItem(buf, true) : parseItem(true, buf));
    st.start = i;
    openList(st);
  }
  st.isDigit = toDigit;
}

/** `ComparableVersion.parseVersion`, on the lower-cased version (Locale.ENGLISH). */
function parse(version: string): Item[] {
  const root: Item[] = [];
  const st: ParseState = { s: version.toLowerCase(), list: root, lists: [root], start: 0, isDigit: false };
  for (let i = 0; i < st.s.length; i++) {
    const c = st.s[i]!;
    if (c === '.' || c === '-') separator(st, i);
    else transition(st, i, isDigitChar(c));
  }
  if (st.s.length > st.start) st.list.push(parseItem(st.isDigit, st.s.slice(st.start)));
  // innermost lists first, as Maven pops its stack
  for (const list of [...st.lists].reverse()) {
    normalize(list);
    if (list !== root) collapse(list);
  }
  return root;
}

const cmpBig = (a: bigint, b: bigint): number => (a < b ? -1 : a > b ? 1 : 0);
const cmpStr = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `compareTo(null)`: how an item compares with "nothing" (the other list ran out). */
function compareToNothing(item: Item): number {
  if (item.kind === 'number') return item.value === 0n ? 0 : 1;
  if (item.kind === 'string') return cmpStr(comparableQualifier(item.value), RELEASE_INDEX);
  // Maven 3.8 looks at the first item only (Maven 3.9, MNG-6964, looks at all of them)
  return item.items.length === 0 ? 0 : compareToNothing(item.items[0]!);
}

/** Item order across kinds: number > list > string, as the `compareTo` switch statements say. */
const KIND_RANK = { string: 0, list: 1, number: 2 } as const;

function compareItems(a: Item, b: Item): number {
  if (a.kind !== b.kind) return KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (a.kind === 'number') return cmpBig(a.value, (b as typeof a).value);
  if (a.kind === 'string')
    return cmpStr(comparableQualifier(a.value), comparableQualifier((b as typeof a).value));
  return compareLists(a.items, (b as typeof a).items);
}

/** `ListItem.compareTo(ListItem)`: item by item; a missing item is compared as "nothing". */
function compareLists(a: readonly Item[], b: readonly Item[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const l = a[i];
    const r = b[i];
    const result =
      l === undefined ? -compareToNothing(r!) : r === undefined ? compareToNothing(l) : compareItems(l, r);
    if (result !== 0) return result;
  }
  return 0;
}

/**
 * Maven comparator (`ComparableVersion.compareTo`). Maven accepts every string as a version,
 * so `valid` is always true and `compare` never throws.
 */
export const mavenComparator: Comparator = {
  scheme: 'maven',
  valid(): boolean {
    return true;
  },
  compare(a: string, b: string): number {
    return sign(compareLists(parse(a), parse(b)));
  },
};
