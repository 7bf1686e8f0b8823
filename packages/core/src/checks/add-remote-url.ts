import { addsUrl } from './add-instead-of-copy.js';
import type { CheckHit, ConfigCheck } from './check.js';
import { parseStep } from './history.js';

/**
 * CIS Docker Benchmark 4.9, remote case: `ADD https://…` downloads at build time with no
 * checksum or signature check, so whatever the server returned that day is in the image.
 */
export const addRemoteUrl: ConfigCheck = {
  id: 'TG-CFG-add-remote-url',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'ADD downloads a remote URL',
  severity: 'medium',
  cis: '4.9',
  dockle: ['CIS-DI-0009'],
  remediation: 'Download in a RUN step and verify a checksum or signature (or use ADD --checksum=sha256:…).',
  run({ config }) {
    const hits: CheckHit[] = [];
    (config.history ?? []).forEach((h, i) => {
      const step = parseStep(h.created_by ?? '');
      if (step.instruction === 'ADD' && addsUrl(step.text) && !step.text.includes('--checksum='))
        hits.push({
          location: `history[${i}]`,
          historyIndex: i,
          detail: 'ADD fetches a URL at build time without a checksum',
          evidence: step.text.slice(0, 120),
        });
    });
    return hits;
  },
};
