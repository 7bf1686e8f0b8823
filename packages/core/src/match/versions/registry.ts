import { apkComparator } from './apk.js';
import type { Comparator } from './comparator.js';
import { composerComparator } from './composer.js';
import { dpkgComparator } from './dpkg.js';
import { gemComparator } from './gem.js';
import { goComparator } from './go.js';
import { mavenComparator } from './maven.js';
import { nugetComparator } from './nuget.js';
import { pep440Comparator } from './pep440.js';
import { pubComparator } from './pub.js';
import { rpmComparator } from './rpm.js';
import { semverComparator } from './semver.js';

/**
 * Every version comparator, one line each (STYLE rule 4). `ecosystems/table.ts` maps OSV
 * ecosystems to these schemes.
 */
export const comparators: readonly Comparator[] = [
  dpkgComparator,
  apkComparator,
  rpmComparator,
  semverComparator,
  pep440Comparator,
  mavenComparator,
  gemComparator,
  goComparator,
  nugetComparator,
  composerComparator,
  pubComparator,
];

/** The comparator for a scheme id (`dpkg`, `apk`, …), or `undefined` when there is none. */
export function comparatorFor(scheme: string): Comparator | undefined {
  return comparators.find((c) => c.scheme === scheme);
}
