import parse from 'spdx-expression-parse';
import satisfies from 'spdx-satisfies';
import { messages } from '../errors.js';
import type { PolicyDocument } from './document.js';
import type { SchemaError } from './validate.js';

type Node = parse.Info & { exception?: string };

/** What a package's licences violate, if anything. */
export type LicenceViolation = { rule: 'deny' | 'allow' | 'unknown'; licence: string };

function leafText(n: { license: string; plus?: true; exception?: string }): string {
  return `${n.license}${n.plus ? '+' : ''}${n.exception ? ` WITH ${n.exception}` : ''}`;
}

function leaves(n: Node): string[] {
  return 'conjunction' in n ? [...leaves(n.left as Node), ...leaves(n.right as Node)] : [leafText(n)];
}

function tryParse(expr: string): Node | undefined {
  try {
    return parse(expr) as Node;
  } catch {
    return undefined;
  }
}

/** Policy list entries may be ids or expressions; an expression stands for every id in it. */
export function flattenLicenceList(list: readonly string[]): string[] {
  return list.flatMap((e) => {
    const n = tryParse(e);
    return n ? leaves(n) : [e];
  });
}

function matches(leaf: string, list: readonly string[]): boolean {
  try {
    return satisfies(leaf, list);
  } catch {
    return list.includes(leaf);
  }
}

/** True when the expression can be satisfied without a denied licence (an OR offers a choice). */
function avoidable(n: Node, deny: readonly string[]): boolean {
  if (!('conjunction' in n)) return !matches(leafText(n), deny);
  const l = avoidable(n.left as Node, deny);
  const r = avoidable(n.right as Node, deny);
  return n.conjunction === 'or' ? l || r : l && r;
}

function allowed(expr: string, allow: readonly string[]): boolean {
  try {
    return satisfies(expr, allow);
  } catch {
    return false;
  }
}

/**
 * Checks one package's declared licences (each an SPDX expression; all of them apply) against
 * flattened deny and allow lists. A denied licence outranks one not allowed, which outranks one
 * that is not SPDX (`unknown`; so is declaring none).
 */
export function licenceViolation(
  declared: readonly string[],
  deny: readonly string[],
  allow: readonly string[],
): LicenceViolation | undefined {
  if (declared.length === 0) return { rule: 'unknown', licence: '(none declared)' };
  const parsed = declared.map((expr) => ({ expr, n: tryParse(expr) }));
  const denied = deny.length ? parsed.find((p) => p.n && !avoidable(p.n, deny)) : undefined;
  if (denied) return { rule: 'deny', licence: denied.expr };
  const notAllowed = allow.length ? parsed.find((p) => p.n && !allowed(p.expr, allow)) : undefined;
  if (notAllowed) return { rule: 'allow', licence: notAllowed.expr };
  const unknown = parsed.find((p) => !p.n);
  return unknown ? { rule: 'unknown', licence: unknown.expr } : undefined;
}

/** Checks that every `licenses.deny` / `licenses.allow` entry is an SPDX id or expression. */
export function validatePolicyLicences(doc: PolicyDocument): SchemaError | undefined {
  for (const list of ['deny', 'allow'] as const) {
    const items = doc.licenses?.[list] ?? [];
    for (let i = 0; i < items.length; i++) {
      try {
        parse(items[i]!);
      } catch (err) {
        return {
          path: ['licenses', list, i],
          message: messages.policyLicenseInvalid(items[i]!, (err as Error).message),
        };
      }
    }
  }
  return undefined;
}
