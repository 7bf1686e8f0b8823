import type { OsvRecord } from '../types/osv/record.js';

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Checks the structure the matcher relies on (OSV schema 1.6: `id`, `modified`, and for each
 * `affected[]` a package with ecosystem and name, ranges with a type and events of one
 * key each). Returns the first problem as `field: what is wrong`, or `undefined` when fine.
 */
export function checkRecord(v: unknown): string | undefined {
  if (!isObj(v)) return '(root): must be an object';
  if (typeof v.id !== 'string' || !v.id) return 'id: must be a non-empty string';
  if (typeof v.modified !== 'string') return 'modified: must be an RFC 3339 timestamp string';
  if (v.aliases !== undefined && !(Array.isArray(v.aliases) && v.aliases.every((a) => typeof a === 'string')))
    return 'aliases: must be an array of strings';
  if (v.affected === undefined) return undefined;
  if (!Array.isArray(v.affected)) return 'affected: must be an array';
  for (let i = 0; i < v.affected.length; i++) {
    const problem = checkAffected(v.affected[i], `affected[${i}]`);
    if (problem) return problem;
  }
  return undefined;
}

function checkAffected(a: unknown, at: string): string | undefined {
  if (!isObj(a)) return `${at}: must be an object`;
  if (a.package !== undefined) {
    if (!isObj(a.package) || typeof a.package.ecosystem !== 'string' || typeof a.package.name !== 'string')
      return `${at}.package: must have string 'ecosystem' and 'name'`;
  }
  if (
    a.versions !== undefined &&
    !(Array.isArray(a.versions) && a.versions.every((x) => typeof x === 'string'))
  )
    return `${at}.versions: must be an array of strings`;
  if (a.ranges === undefined) return undefined;
  if (!Array.isArray(a.ranges)) return `${at}.ranges: must be an array`;
  for (let r = 0; r < a.ranges.length; r++) {
    const range = a.ranges[r] as unknown;
    const rat = `${at}.ranges[${r}]`;
    if (!isObj(range) || !['ECOSYSTEM', 'SEMVER', 'GIT'].includes(range.type as string))
      return `${rat}.type: must be ECOSYSTEM, SEMVER or GIT`;
    if (!Array.isArray(range.events) || range.events.length === 0)
      return `${rat}.events: must be a non-empty array`;
    for (const e of range.events as unknown[]) {
      if (!isObj(e) || Object.keys(e).length !== 1)
        return `${rat}.events: each event must have exactly one key`;
      const [k, val] = Object.entries(e)[0]!;
      if (!['introduced', 'fixed', 'last_affected', 'limit'].includes(k))
        return `${rat}.events: unknown event '${k}'`;
      if (typeof val !== 'string') return `${rat}.events.${k}: must be a string`;
    }
  }
  return undefined;
}

/** Narrowing helper once `checkRecord` passed. */
export function asRecord(v: unknown): OsvRecord {
  return v as OsvRecord;
}
