import type { CheckHit, ConfigCheck } from './check.js';
import { parseStep, shellCommands } from './history.js';

const UPDATE =
  /^(?:sudo\s+)?(?:apt-get|apt|aptitude)\s+(?:-\S+\s+)*update\b|^(?:sudo\s+)?(?:apk\s+(?:-\S+\s+)*update|(?:yum|dnf|microdnf)\s+(?:-\S+\s+)*(?:makecache|check-update)|zypper\s+(?:-\S+\s+)*(?:refresh|ref))\b/;
const INSTALL =
  /\b(?:apt-get|apt|aptitude|yum|dnf|microdnf|zypper)\s+(?:\S+\s+)*?(?:install|in|upgrade|dist-upgrade|full-upgrade)\b|\bapk\s+(?:\S+\s+)*?(?:add|upgrade)\b/;

/** True when a RUN command refreshes package indexes without installing anything in the same step. */
export function updatesAlone(command: string): boolean {
  const commands = shellCommands(command);
  if (!commands.some((c) => UPDATE.test(c))) return false;
  return !commands.some((c) => !UPDATE.test(c) && INSTALL.test(c));
}

/**
 * CIS Docker Benchmark 4.7, "Ensure update instructions are not used alone in the Dockerfile":
 * an `apt-get update` (or `apk update`, `yum makecache`, …) in a layer of its own is cached by
 * the builder, so later installs use stale indexes and miss security updates.
 */
export const updateAlone: ConfigCheck = {
  id: 'TG-CIS-4.7',
  version: 1,
  kind: 'config',
  finding: 'misconfiguration',
  title: 'Package index update alone in a layer',
  severity: 'medium',
  cis: '4.7',
  dockle: ['CIS-DI-0007'],
  remediation:
    'Update and install in one RUN: RUN apt-get update && apt-get install -y … && rm -rf /var/lib/apt/lists/*.',
  run({ config }) {
    const hits: CheckHit[] = [];
    (config.history ?? []).forEach((h, i) => {
      const step = parseStep(h.created_by ?? '');
      if (step.instruction === 'RUN' && updatesAlone(step.text))
        hits.push({
          location: `history[${i}]`,
          historyIndex: i,
          detail: 'a RUN step refreshes package indexes without installing in the same step',
          evidence: step.text.slice(0, 120),
        });
    });
    return hits;
  },
};
