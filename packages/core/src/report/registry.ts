import type { ReportFormat } from './format.js';
import { jsonFormat } from './json.js';
import { spdxFormat } from './spdx.js';
import { tableFormat } from './table.js';

/** Every output format, one line each (STYLE rule 4). */
export const reportFormats: readonly ReportFormat[] = [tableFormat, jsonFormat, spdxFormat];

export function formatById(id: string): ReportFormat | undefined {
  return reportFormats.find((f) => f.id === id);
}
