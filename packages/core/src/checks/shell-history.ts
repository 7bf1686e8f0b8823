import { baseName, pathCheck } from './path-check.js';

const HISTORY_FILES = new Set([
  '.bash_history',
  '.zsh_history',
  '.sh_history',
  '.ash_history',
  '.history',
  '.python_history',
  '.node_repl_history',
  '.mysql_history',
  '.psql_history',
  '.rediscli_history',
  '.sqlite_history',
]);

/**
 * Shell and REPL histories: what someone typed while preparing the image, passwords on command
 * lines included. Their presence means an interactive session was committed (`docker commit`).
 */
export const shellHistory = pathCheck({
  id: 'TG-FILE-shell-history',
  title: 'Shell history in the image',
  severity: 'medium',
  dockle: ['CIS-DI-0010'],
  remediation: 'Build images from a Dockerfile instead of docker commit, and delete history files.',
  matches: (path, meta) => HISTORY_FILES.has(baseName(path)) && meta.size > 0,
  detail: (path) => `${baseName(path)} records commands typed in an interactive session`,
});
