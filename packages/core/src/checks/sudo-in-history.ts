import type { CheckHit, ConfigCheck } from './check.js';
import { parseStep, shellCommands } from './history.js';

/**
 * `sudo` in a RUN step (Dockle DKL-DI-0001, Docker's best practices on USER): build steps run
 * as the image's user already, so `sudo` there means it is installed and configured in the
 * image, where it lets any process that gets a shell become root.
 */
export const sudoInHistory: ConfigCheck = {
  id: 'TG-CFG-sudo',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'sudo used in a build step',
  severity: 'medium',
  dockle: ['DKL-DI-0001'],
  remediation:
    'Run privileged steps before USER switches to an unprivileged user, and do not install sudo (use gosu/su-exec at run time if needed).',
  run({ config }) {
    const hits: CheckHit[] = [];
    (config.history ?? []).forEach((h, i) => {
      const step = parseStep(h.created_by ?? '');
      if (
        step.instruction === 'RUN' &&
        shellCommands(step.text).some((c) => /^(?:\S+=\S*\s+)*sudo(?:\s|$)/.test(c))
      )
        hits.push({
          location: `history[${i}]`,
          historyIndex: i,
          detail: 'a RUN step calls sudo',
          evidence: step.text.slice(0, 120),
        });
    });
    return hits;
  },
};
