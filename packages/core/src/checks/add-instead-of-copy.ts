import type { CheckHit, ConfigCheck } from './check.js';
import { parseStep } from './history.js';

/** Where an ADD step puts its source: the text after ` in ` (classic, Buildah) or its last word (BuildKit). */
export function addDestination(text: string): string {
  const inAt = text.lastIndexOf(' in ');
  return (inAt >= 0 ? text.slice(inAt + 4) : (text.split(/\s+/).pop() ?? '')).trim();
}

/** True when an ADD text fetches a URL (`ADD https://…`) rather than copying from the context. */
export function addsUrl(text: string): boolean {
  return /(?:^|\s)(?:https?|ftp):\/\/|(?:^|\s)git@[^\s:]+:/.test(text);
}

/**
 * CIS Docker Benchmark 4.9, "Ensure that COPY is used instead of ADD in Dockerfiles": ADD
 * unpacks archives and fetches URLs implicitly. ADD into `/` is how base images unpack their
 * root filesystem and is not reported; ADD of a URL has its own check (`TG-CFG-add-remote-url`).
 */
export const addInsteadOfCopy: ConfigCheck = {
  id: 'TG-CIS-4.9',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'ADD used instead of COPY',
  severity: 'low',
  cis: '4.9',
  dockle: ['CIS-DI-0009'],
  remediation: 'Use COPY for files from the build context; unpack archives explicitly in a RUN step.',
  run({ config }) {
    const hits: CheckHit[] = [];
    (config.history ?? []).forEach((h, i) => {
      const step = parseStep(h.created_by ?? '');
      if (step.instruction !== 'ADD' || addsUrl(step.text) || addDestination(step.text) === '/') return;
      hits.push({
        location: `history[${i}]`,
        historyIndex: i,
        detail: `ADD copies into ${addDestination(step.text)}`,
        evidence: step.text.slice(0, 120),
      });
    });
    return hits;
  },
};
