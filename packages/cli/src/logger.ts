import type { Logger } from '@tidegate/core';
import type { CliIo } from './io.js';

/** Logs to stderr: info unless `--quiet`, debug only with `--debug`. */
export function stderrLogger(io: CliIo, opts: { debug: boolean; quiet: boolean }): Logger {
  const line = (prefix: string, m: string) => io.stderr(`${prefix}${m}\n`);
  return {
    debug: (m) => opts.debug && line('debug: ', m),
    info: (m) => !opts.quiet && line('', m),
    warn: (m) => line('warning: ', m),
    error: (m) => line('error: ', m),
    group: async (name, fn) => {
      if (opts.debug) line('debug: ', `== ${name}`);
      return fn();
    },
  } as Logger;
}
