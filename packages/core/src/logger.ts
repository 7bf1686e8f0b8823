/**
 * The logging interface core talks to (STYLE rule 10). The CLI provides a stderr logger, the
 * GitHub Action one backed by `@actions/core`. Core never writes to stdout/stderr itself.
 */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** Runs `fn` inside a named, collapsible group where the CI supports one. */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

/** A logger that drops everything; the default for library callers. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  group: (_name, fn) => fn(),
};

/** A logger that records every line, for tests. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return {
    lines,
    debug: (m) => void lines.push(`debug: ${m}`),
    info: (m) => void lines.push(`info: ${m}`),
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
    group: async (name, fn) => {
      lines.push(`group: ${name}`);
      return fn();
    },
  };
}
