/** Where the CLI reads and writes: the real process, or a test's buffers, or the Action. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** True when stdout is a terminal (colours, progress). */
  stdoutIsTTY: boolean;
  /** True when stderr is a terminal (download progress). */
  stderrIsTTY?: boolean;
  /** Reads all of stdin (for `--password-stdin`). */
  readStdin?(): Promise<string>;
}

/** The real process's streams and environment. */
export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
