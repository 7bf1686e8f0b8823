import type { ConfigCheck } from './check.js';

/** True for `latest`, `name:latest` and `registry:5000/name:latest`. */
export function isLatestTag(tag: string): boolean {
  return tag === 'latest' || tag.endsWith(':latest');
}

/**
 * The image is tagged `latest` (Dockle DKL-DI-0006): a moving tag makes deployments
 * unreproducible and rollbacks guesswork. Reads the tags the image was read under.
 */
export const latestTag: ConfigCheck = {
  id: 'TG-CFG-latest-tag',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'Image tagged latest',
  severity: 'low',
  dockle: ['DKL-DI-0006'],
  remediation:
    'Tag images with a version or commit (app:1.4.2, app:3f2a9c1) and deploy by that tag or by digest.',
  run({ repoTags }) {
    const tag = repoTags.find(isLatestTag);
    return tag ? [{ location: 'image.tag', detail: `the image is tagged ${tag}`, evidence: tag }] : [];
  },
};
