import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  buildReportModel,
  formatById,
  messages,
  reportFormats,
  UserError,
  type ScanResult,
} from '@tidegate/core';
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

/** How `emitReports` writes: where, which formats, and what the renderers may use. */
export interface EmitOptions {
  formats: string[];
  output?: string;
  outputDir?: string;
  color: boolean;
  /** `--dockerfile`: SARIF points at its lines. Read relative to the working directory. */
  dockerfile?: string;
}

/** Reads `--dockerfile` (relative to the working directory); exit 2 when it is not there. */
export async function readDockerfile(
  path: string | undefined,
  io: CliIo,
): Promise<{ path: string; text: string } | undefined> {
  if (!path) return undefined;
  try {
    return { path, text: await readFile(resolve(io.cwd, path), 'utf8') };
  } catch (err) {
    throw new UserError(messages.fileNotFound(path), { file: path }, { cause: err });
  }
}

/**
 * Renders `formats` and writes them: to `output` (one format), into `outputDir` as
 * `tidegate.<ext>` (any number), or to stdout (one format, none of the two given).
 */
export async function emitReports(result: ScanResult, opts: EmitOptions, io: CliIo): Promise<string[]> {
  if (opts.output && opts.formats.length > 1) throw new UserError(messages.outputOneFormat());
  if (!opts.output && !opts.outputDir && opts.formats.length > 1)
    throw new UserError(messages.outputOneFormat());
  const dockerfile = await readDockerfile(opts.dockerfile, io);
  const model = buildReportModel(result, dockerfile ? { dockerfile } : {});
  const written: string[] = [];
  for (const id of opts.formats) {
    const format = formatById(id);
    if (!format)
      throw new UserError(
        messages.flagValueInvalid(
          '--format',
          id,
          reportFormats.map((f) => f.id),
        ),
      );
    const color = opts.color && !opts.output && !opts.outputDir && format.id === 'table';
    const text = await format.render(model, { color });
    const target =
      opts.output ?? (opts.outputDir ? join(opts.outputDir, `tidegate.${format.extension}`) : undefined);
    if (!target) {
      io.stdout(text);
      continue;
    }
    const path = resolve(io.cwd, target);
    await writeAtomic(path, text);
    written.push(path);
  }
  return written;
}
