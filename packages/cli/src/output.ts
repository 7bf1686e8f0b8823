import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { buildReportModel, formatById, messages, UserError, type ScanResult } from '@tidegate/core';
import type { CliIo } from './io.js';

/** Writes a file atomically: a temporary sibling, then a rename, so readers never see half a report. */
export async function writeAtomic(path: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.tidegate-${process.pid}.tmp`;
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (err) {
    throw new UserError(messages.outputNotWritable(path, (err as Error).message), { file: path });
  }
}

/**
 * Renders `formats` and writes them: to `output` (one format), into `outputDir` as
 * `tidegate.<ext>` (any number), or to stdout (one format, none of the two given).
 */
export async function emitReports(
  result: ScanResult,
  opts: { formats: string[]; output?: string; outputDir?: string; color: boolean },
  io: CliIo,
): Promise<string[]> {
  const model = buildReportModel(result);
  const written: string[] = [];
  if (opts.output && opts.formats.length > 1)
    throw new UserError('--output takes one format; use --output-dir for several');
  for (const id of opts.formats) {
    const format = formatById(id);
    if (!format) throw new UserError(messages.flagValueInvalid('--format', id, []));
    const color = opts.color && !opts.output && !opts.outputDir && format.id === 'table';
    const text = format.render(model, { color });
    if (opts.output) {
      const path = resolve(io.cwd, opts.output);
      await writeAtomic(path, text);
      written.push(path);
    } else if (opts.outputDir) {
      const path = resolve(io.cwd, join(opts.outputDir, `tidegate.${format.extension}`));
      await writeAtomic(path, text);
      written.push(path);
    } else {
      io.stdout(text);
    }
  }
  return written;
}
