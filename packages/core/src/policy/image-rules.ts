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

function registryReasons(names: readonly string[], r: GatePolicy['image']['registries']): Reason[] {
  if (r.mode === 'off' || r.allow.some((g) => globMatch(g, ...names))) return [];
  const msg = names.length
    ? `image ${names[0]} is not from an allowed registry (${list(r.allow)})`
    : 'the image has no registry name to check against image.registries';
  return reason(r.mode, 'image.registries', msg);
}

function baseImageReasons(image: ImageInfo, b: GatePolicy['image']['baseImages']): Reason[] {
  const base = image.labels[BASE_NAME_LABEL];
  if (b.mode === 'off' || (base && b.allow.some((g) => globMatch(g, base)))) return [];
  const msg = base
    ? `base image ${base} is not allowed (${list(b.allow)})`
    : `the base image is unknown (no ${BASE_NAME_LABEL} label)`;
  return reason(b.mode, 'image.base-images', msg);
}

function labelReasons(image: ImageInfo, l: GatePolicy['image']['labels']): Reason[] {
  const missing = l.require.filter((k) => !(k in image.labels));
  if (!missing.length) return [];
  return reason(
    l.mode,
    'image.labels',
    `missing required ${missing.length === 1 ? 'label' : 'labels'}: ${list(missing)}`,
  );
}

/** Age in whole days at `now`, from the config's `created`. */
function ageReasons(image: ImageInfo, a: GatePolicy['image']['maxAge'], now: Date): Reason[] {
  if (a.mode === 'off') return [];
  const created = image.created ? Date.parse(image.created) : NaN;
  if (Number.isNaN(created))
    return reason(a.mode, 'image.max-age', 'the image has no creation time to check its age');
  const days = Math.floor((now.getTime() - created) / 86_400_000);
  return days > a.days
    ? reason(a.mode, 'image.max-age', `the image is ${days} days old (at most ${a.days})`)
    : [];
}

/** Registries (by image name), base images (by label), required labels and maximum age. */
export function imageReasons(
  image: ImageInfo,
  names: readonly string[],
  p: GatePolicy['image'],
  now: Date,
): Reason[] {
  return [
    ...registryReasons(names, p.registries),
    ...baseImageReasons(image, p.baseImages),
    ...labelReasons(image, p.labels),
    ...ageReasons(image, p.maxAge, now),
  ];
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
