import { type Comparator, InvalidVersionError, sign } from './comparator.js';

/**
 * Python package versions, ordered as pip decides: PEP 440 ("Version Identification and
 * Dependency Specification") as implemented by `packaging.version.Version` (vendored in pip).
 * Forms PEP 440 only normalises (`1.0-alpha.1`, `1.0_post2`, `1.0-1`, `v1.0`, `1.0.RC1`) are
 * accepted; "legacy" non-PEP 440 versions are invalid, as in packaging ≥ 22.
 */

/** PEP 440 Appendix B's permissive pattern, written out; matched case-insensitively after trimming. */
const SEP = '[-_\\.]?';
const PATTERN = new RegExp(
  '^\\s*v?' +
    '(?:(?<epoch>[0-9]+)!)?' +
    '(?<release>[0-9]+(?:\\.[0-9]+)*)' +
    `(?<pre>${SEP}(?<preL>alpha|a|beta|b|preview|pre|c|rc)${SEP}(?<preN>[0-9]+)?)?` +
    `(?<post>(?:-(?<postN1>[0-9]+))|(?:${SEP}(?<postL>post|rev|r)${SEP}(?<postN2>[0-9]+)?))?` +
    `(?<dev>${SEP}(?<devL>dev)${SEP}(?<devN>[0-9]+)?)?` +
    '(?:\\+(?<local>[a-z0-9]+(?:[-_\\.][a-z0-9]+)*))?' +
    '\\s*$',
  'i',
);

/** A pre-release: `a`, `b` or `rc` (PEP 440 spellings normalised) and its number. */
interface Pre {
  letter: string;
  n: bigint;
}

/** The parts the ordering needs. Numbers are bigints: Python's ints have no ceiling. */
interface Pep440Version {
  epoch: bigint;
  release: bigint[];
  pre?: Pre;
  post?: bigint;
  dev?: bigint;
  local?: (bigint | string)[];
}

const PRE_LETTER: Readonly<Record<string, string>> = {
  alpha: 'a',
  a: 'a',
  beta: 'b',
  b: 'b',
  c: 'rc',
  pre: 'rc',
  preview: 'rc',
  rc: 'rc',
};

const num = (s: string | undefined): bigint => (s === undefined ? 0n : BigInt(s));

/** `packaging.version.Version.__init__`: match, then normalise the spellings. */
function parse(v: string): Pep440Version | undefined {
  const g = PATTERN.exec(v)?.groups;
  if (!g) return undefined;
  const hasPost = g.post !== undefined;
  return {
    epoch: num(g.epoch),
    release: g.release!.split('.').map((x) => BigInt(x)),
    pre: g.preL === undefined ? undefined : { letter: PRE_LETTER[g.preL.toLowerCase()]!, n: num(g.preN) },
    post: hasPost ? num(g.postN1 ?? g.postN2) : undefined,
    dev: g.dev === undefined ? undefined : num(g.devN),
    local: g.local
      ?.toLowerCase()
      .split(/[-_.]/)
      .map((p) => (/^[0-9]+$/.test(p) ? BigInt(p) : p)),
  };
}

const cmp = <T extends bigint | string>(a: T, b: T): number => (a < b ? -1 : a > b ? 1 : 0);

/** Release segments with trailing zeros dropped (`1.0 == 1.0.0`), shorter first on a tie. */
function compareRelease(a: readonly bigint[], b: readonly bigint[]): number {
  const trim = (r: readonly bigint[]): bigint[] => {
    const out = [...r];
    while (out.length > 0 && out[out.length - 1] === 0n) out.pop();
    return out;
  };
  const x = trim(a);
  const y = trim(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return cmp(x[i]!, y[i]!);
  return x.length - y.length;
}

/**
 * The pre-release slot of packaging's `_cmpkey`: a dev release without pre or post sorts below
 * every pre-release (`1.0.dev0 < 1.0a0`), no pre-release sorts above them all.
 */
function preRank(v: Pep440Version): number {
  if (v.pre) return 0;
  return v.post === undefined && v.dev !== undefined ? -1 : 1;
}

function comparePre(a: Pep440Version, b: Pep440Version): number {
  const rank = preRank(a) - preRank(b);
  if (rank !== 0 || !a.pre || !b.pre) return rank;
  return cmp(a.pre.letter, b.pre.letter) || cmp(a.pre.n, b.pre.n);
}

/** Optional numbers where "absent" is below (`post`) or above (`dev`) every present value. */
function compareOptional(a: bigint | undefined, b: bigint | undefined, absentIsLow: boolean): number {
  if (a === undefined || b === undefined) {
    if (a === b) return 0;
    return (a === undefined) === absentIsLow ? -1 : 1;
  }
  return cmp(a, b);
}

/** Local labels: absent lowest; segment by segment, numbers above strings; a longer tail wins. */
function compareLocal(a: Pep440Version['local'], b: Pep440Version['local']): number {
  if (a === undefined || b === undefined) return Number(a !== undefined) - Number(b !== undefined);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (typeof x !== typeof y) return typeof x === 'bigint' ? 1 : -1;
    if (x !== y) return cmp(x, y);
  }
  return a.length - b.length;
}

function compareParsed(a: Pep440Version, b: Pep440Version): number {
  return (
    cmp(a.epoch, b.epoch) ||
    compareRelease(a.release, b.release) ||
    comparePre(a, b) ||
    compareOptional(a.post, b.post, true) ||
    compareOptional(a.dev, b.dev, false) ||
    compareLocal(a.local, b.local)
  );
}

function parseOrThrow(v: string): Pep440Version {
  const p = parse(v);
  if (!p) throw new InvalidVersionError('pep440', v, 'not a PEP 440 version');
  return p;
}

/**
 * PEP 440 comparator (packaging's `Version` and its `_cmpkey`): epoch, release, pre-release,
 * post-release, dev release, local label. Invalid versions throw, as `Version()` raises.
 */
export const pep440Comparator: Comparator = {
  scheme: 'pep440',
  valid(v: string): boolean {
    return parse(v) !== undefined;
  },
  compare(a: string, b: string): number {
    return sign(compareParsed(parseOrThrow(a), parseOrThrow(b)));
  },
};
