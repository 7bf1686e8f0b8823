import { baseEcosystem, normaliseName } from '../ecosystems/index.js';
import type { OsvRecord } from '../types/osv/record.js';

/** `Debian:12` → `Debian`: the bulk archive (`<base>/<archive>/all.zip`) an ecosystem is published in. */
export const archiveOf = baseEcosystem;
export { normaliseName };

/** One package a scan is about to look up, with the version it will be compared at. */
export interface PackageQuery {
  ecosystem: string;
  name: string;
  version: string;
}

/** What the matcher needs from a vulnerability database. */
export interface AdvisoryDb {
  /** Human-readable origin (a path, a URL, `osv-api`). */
  readonly location: string;
  /**
   * Every record with an `affected[]` entry for `name` in `ecosystem` (OSV schema
   * §affected[].package). Ecosystems compare by {@link ecosystemKey}, names by {@link normaliseName}.
   */
  lookup(ecosystem: string, name: string): Promise<OsvRecord[]>;
  /** Ecosystems present, with record counts, for `db status` and the report. */
  stats(): Promise<{ ecosystems: Record<string, number>; records: number }>;
  /**
   * Called once with every package before the first `lookup`, so a remote DB (OSV's
   * `querybatch`) can fetch in bulk. Local DBs need not implement it.
   */
  prefetch?(queries: readonly PackageQuery[]): Promise<void>;
  /**
   * False when the DB holds no advisories at all for the ecosystem's archive (e.g. the cache
   * was updated for Debian only and the image has npm packages): the matcher then reports an
   * issue instead of a silent "no findings". `undefined` (not implemented) means "don't know".
   */
  covers?(ecosystem: string): boolean;
  /** Releases open files. */
  close?(): Promise<void>;
}

/**
 * The ecosystem string records are keyed by. Red Hat publishes one ecosystem per product
 * stream (`Red Hat:enterprise_linux:9::baseos`, `…::appstream`: the CPE of the repository),
 * while an installed system only knows its release, so the `::<stream>` part is dropped:
 * `Red Hat:enterprise_linux:9::baseos` → `Red Hat:enterprise_linux:9`. Every other ecosystem
 * is kept as it is (OSV schema §affected[].package.ecosystem).
 */
export function ecosystemKey(ecosystem: string): string {
  if (!ecosystem.startsWith('Red Hat:')) return ecosystem;
  const i = ecosystem.indexOf('::');
  return i < 0 ? ecosystem : ecosystem.slice(0, i);
}

/** The index key of one (ecosystem, package name) pair. */
export function lookupKey(ecosystem: string, name: string): string {
  return `${ecosystemKey(ecosystem)}\0${normaliseName(archiveOf(ecosystem), name)}`;
}
