import type { CliIo } from './io.js';

const MiB = 1 << 20;

/**
 * A download progress line for a terminal (`Debian: 12.3 / 45.6 MiB`), redrawn in place at
 * most every 200 ms; `undefined` when stderr is not a TTY (CI logs get one line per archive
 * from the logger instead). Called with an empty name, it clears the line.
 */
export function progressPrinter(
  io: CliIo,
): ((what: string, received: number, total: number | undefined) => void) | undefined {
  if (!io.stderrIsTTY) return undefined;
  let last = 0;
  return (what, received, total) => {
    if (!what) return io.stderr('\r\x1b[K');
    const now = Date.now();
    if (now - last < 200 && received !== total) return;
    last = now;
    const of = total ? ` / ${(total / MiB).toFixed(1)} MiB` : ' MiB';
    io.stderr(`\r\x1b[K${what}: ${(received / MiB).toFixed(1)}${of}`);
  };
}
