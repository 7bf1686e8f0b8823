import type { CheckHit, ConfigCheck } from './check.js';
import { parseStep } from './history.js';

const FETCH = String.raw`\b(?:curl|wget|fetch)\b`;
const SHELL = String.raw`(?:sudo\s+(?:-\S+\s+)*)?(?:\S*/)?(?:ba|da|z|k|a)?sh\b`;
/**
 * `curl … | sh`, `wget -O- … | sudo bash -s`, `bash <(curl …)`, `sh -c "$(curl …)"`: a download
 * run as a script, so whatever the server sent that day is executed and installed, and no
 * package database records what it put where.
 */
const PATTERNS = [
  new RegExp(`${FETCH}[^|;&\\n]*\\|\\s*${SHELL}`),
  new RegExp(`${SHELL}\\s+(?:-\\S+\\s+)*<\\(\\s*${FETCH}`),
  new RegExp(`${SHELL}\\s+-c\\s+["']?\\$\\(\\s*${FETCH}`),
];

/** Steps that pipe a download into a shell (issue 17; the pattern behind most unowned software). */
export const pipeToShell: ConfigCheck = {
  id: 'TG-CFG-pipe-to-shell',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'download piped into a shell',
  severity: 'high',
  remediation:
    'Install through the package manager, or download to a file, verify its checksum or signature, then run it.',
  run({ config }) {
    const hits: CheckHit[] = [];
    (config.history ?? []).forEach((h, i) => {
      const step = parseStep(h.created_by ?? '');
      if (step.instruction === 'RUN' && PATTERNS.some((p) => p.test(step.text)))
        hits.push({
          location: `history[${i}]`,
          historyIndex: i,
          detail: 'a RUN step runs a downloaded script without checking it',
          evidence: step.text.slice(0, 120),
        });
    });
    return hits;
  },
};
