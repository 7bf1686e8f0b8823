import type { ImageInfo, Package, Reason } from '../types/model.js';
import { exceptionMatchesPackage } from './exceptions.js';
import { globMatch } from './glob.js';
import { flattenLicenceList, licenceViolation } from './licenses.js';
import type { GatePolicy, RuleMode } from './policy.js';

/** The label BuildKit and `docker buildx` write for the base image (OCI annotations spec). */
export const BASE_NAME_LABEL = 'org.opencontainers.image.base.name';

function reason(mode: RuleMode, rule: string, message: string, packageIds?: string[]): Reason[] {
  if (mode === 'off') return [];
  return [{ rule, status: mode, message, findingIds: [], ...(packageIds ? { packageIds } : {}) }];
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function list(items: readonly string[], max = 5): string {
  return items.length > max
    ? `${items.slice(0, max).join(', ')} and ${items.length - max} more`
    : items.join(', ');
}

/** Registries, base images, required labels and maximum age. */
export function imageReasons(
  image: ImageInfo,
  names: readonly string[],
  p: GatePolicy['image'],
  now: Date,
): Reason[] {
  const out: Reason[] = [];
  if (p.registries.mode !== 'off' && !p.registries.allow.some((g) => globMatch(g, ...names)))
    out.push(
      ...reason(
        p.registries.mode,
        'image.registries',
        names.length
          ? `image ${names[0]} is not from an allowed registry (${list(p.registries.allow)})`
          : 'the image has no registry name to check against image.registries',
      ),
    );
  const base = image.labels[BASE_NAME_LABEL];
  if (p.baseImages.mode !== 'off' && !(base && p.baseImages.allow.some((g) => globMatch(g, base))))
    out.push(
      ...reason(
        p.baseImages.mode,
        'image.base-images',
        base
          ? `base image ${base} is not allowed (${list(p.baseImages.allow)})`
          : `the base image is unknown (no ${BASE_NAME_LABEL} label)`,
      ),
    );
  const missing = p.labels.require.filter((l) => !(l in image.labels));
  if (missing.length)
    out.push(
      ...reason(
        p.labels.mode,
        'image.labels',
        `missing required ${missing.length === 1 ? 'label' : 'labels'}: ${list(missing)}`,
      ),
    );
  if (p.maxAge.mode !== 'off') {
    const created = image.created ? Date.parse(image.created) : NaN;
    const days = Math.floor((now.getTime() - created) / 86_400_000);
    if (Number.isNaN(created))
      out.push(...reason(p.maxAge.mode, 'image.max-age', 'the image has no creation time to check its age'));
    else if (days > p.maxAge.days)
      out.push(
        ...reason(p.maxAge.mode, 'image.max-age', `the image is ${days} days old (at most ${p.maxAge.days})`),
      );
  }
  return out;
}

/** Denied packages and licences; packages an exception names (with no finding id) are exempt. */
export function packageReasons(
  packages: readonly Package[],
  names: readonly string[],
  p: GatePolicy,
): Reason[] {
  const exempt = (pkg: Package) => p.exceptions.some((e) => exceptionMatchesPackage(e, pkg, names));
  const pkgs = packages.filter((x) => !exempt(x));
  const out: Reason[] = [];
  if (p.packages.mode !== 'off') {
    const denied = pkgs.filter(
      (x) =>
        p.packages.deny.some((g) => globMatch(g, x.name, x.purl)) &&
        !p.packages.allow.some((g) => globMatch(g, x.name, x.purl)),
    );
    if (denied.length)
      out.push(
        ...reason(
          p.packages.mode,
          'packages',
          `${plural(denied.length, 'denied package')}: ${list(denied.map((x) => x.name))}`,
          denied.map((x) => x.id),
        ),
      );
  }
  out.push(...licenceReasons(pkgs, p.licenses));
  return out;
}

function licenceReasons(pkgs: readonly Package[], rule: GatePolicy['licenses']): Reason[] {
  if (rule.mode === 'off' && rule.unknown === 'off') return [];
  const deny = flattenLicenceList(rule.deny);
  const allow = flattenLicenceList(rule.allow);
  const hits = pkgs.map((x) => ({ x, v: licenceViolation(x.licenses, deny, allow) })).filter((h) => h.v);
  const denied = hits.filter((h) => h.v!.rule !== 'unknown');
  const unknown = hits.filter((h) => h.v!.rule === 'unknown');
  const label = (h: (typeof hits)[number]) => `${h.x.name} (${h.v!.licence})`;
  return [
    ...(denied.length
      ? reason(
          rule.mode,
          'licenses',
          `${plural(denied.length, 'package')} with a licence the policy does not allow: ${list(denied.map(label))}`,
          denied.map((h) => h.x.id),
        )
      : []),
    ...(unknown.length
      ? reason(
          rule.unknown,
          'licenses.unknown',
          `${plural(unknown.length, 'package')} without an SPDX licence: ${list(unknown.map(label))}`,
          unknown.map((h) => h.x.id),
        )
      : []),
  ];
}
