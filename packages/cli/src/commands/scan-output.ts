import { formatById, type ScanResult } from '@tidegate/core';
import type { FlagValues } from '../flags.js';
import type { CliIo } from '../io.js';
import { emitReports, type EmitOptions } from '../output.js';
import { parseSize } from '../size.js';

/** The SBOM format a `--sbom FILE` name asks for: SPDX for `*.spdx.json`, else CycloneDX when this build has it. */
export function sbomFormatFor(file: string): string {
  if (/\.spdx(\.json)?$/i.test(file) || !formatById('cyclonedx')) return 'spdx';
  return 'cyclonedx';
}

/** `--max-layer-size` and `--max-file-size`, in bytes. */
export function limits(flags: FlagValues): { maxLayerBytes?: number; maxFileBytes?: number } {
  const maxLayer = flags['max-layer-size'] as string | undefined;
  const maxFile = flags['max-file-size'] as string | undefined;
  return {
    ...(maxLayer ? { maxLayerBytes: parseSize('--max-layer-size', maxLayer) } : {}),
    ...(maxFile ? { maxFileBytes: parseSize('--max-file-size', maxFile) } : {}),
  };
}

function emitOptions(flags: FlagValues, formats: string[], io: CliIo): EmitOptions {
  return {
    formats,
    ...(flags.output ? { output: flags.output as string } : {}),
    ...(flags['output-dir'] ? { outputDir: flags['output-dir'] as string } : {}),
    color: io.stdoutIsTTY && !io.env.NO_COLOR,
    ...(flags.dockerfile ? { dockerfile: flags.dockerfile as string } : {}),
  };
}

/** Writes the reports `--format` asks for, and the `--sbom` file; returns the paths written. */
export async function writeReports(
  result: ScanResult,
  flags: FlagValues,
  formats: string[],
  io: CliIo,
): Promise<string[]> {
  const written = await emitReports(result, emitOptions(flags, formats, io), io);
  const sbom = flags.sbom as string | undefined;
  if (sbom)
    written.push(
      ...(await emitReports(result, { formats: [sbomFormatFor(sbom)], output: sbom, color: false }, io)),
    );
  return written;
}
