import { processIo } from './io.js';
import { run } from './run.js';

// The `tidegate` executable: run, then exit with the CLI's code once output has drained.
run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tidegate: internal error: ${String(err)}\n`);
    process.exitCode = 2;
  },
);
