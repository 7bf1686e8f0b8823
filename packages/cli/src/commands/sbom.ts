import { resolve } from 'node:path';
import { formatById, scan, UserError, type Logger } from '@tidegate/core';
import { parseFlags, type FlagSpec } from '../flags.js';
import type { CliIo } from '../io.js';
import { emitReports } from '../output.js';
import { scanFlags } from './scan.js';

/** SBOM formats this build can write (CycloneDX and SPDX, as registered in core). */
export const SBOM_FORMATS = ['cyclonedx', 'spdx'].filter((id) => formatById(id));

const shared = new Set(['output', 'platform', 'max-layer-size', 'max-file-size', 'work-dir']);

/** Flags of `tidegate sbom`: the image-reading flags of `scan`, plus the SBOM format. */
export const sbomFlags: readonly FlagSpec[] = [
  {
    name: 'format',
    type: 'string',
    value: 'FORMAT',
    allowed: SBOM_FORMATS,
    description: `SBOM format (default ${SBOM_FORMATS[0]})`,
  },
  ...scanFlags.filter((f) => shared.has(f.name)),
];

export const sbomUsage =
  'tidegate sbom [flags] IMAGE\n\nWrites a software bill of materials of IMAGE: every package, with its licences, purl and layer.';

/** `tidegate sbom`: inventory only, no advisories, no gate. Exit 0 once written. */
export async function sbomCommand(
  argv: string[],
  io: CliIo,
  logger: Logger,
  specs: readonly FlagSpec[],
): Promise<number> {
  const { flags, args } = parseFlags(argv, specs, io.env);
  if (args.length !== 1)
    throw new UserError(args.length ? `sbom takes one image, got ${args.length}` : 'missing argument: IMAGE');
  const result = await scan({
    reference: args[0]!,
    logger,
    ...(flags.platform ? { platform: flags.platform as string } : {}),
    ...(flags['work-dir'] ? { workDir: resolve(io.cwd, flags['work-dir'] as string) } : {}),
  });
  const format = (flags.format as string | undefined) ?? SBOM_FORMATS[0]!;
  const written = await emitReports(
    result,
    { formats: [format], ...(flags.output ? { output: flags.output as string } : {}), color: false },
    io,
  );
  for (const w of written) logger.info(`wrote ${w}`);
  return 0;
}
