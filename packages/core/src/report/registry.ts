import { cyclonedxFormat } from './cyclonedx.js';
import type { ReportFormat } from './format.js';
import { htmlFormat } from './html.js';
import { jsonFormat } from './json.js';
import { junitFormat } from './junit.js';
import { markdownFormat } from './markdown.js';
import { sarifFormat } from './sarif/index.js';
import { spdxFormat } from './spdx.js';
import { tableFormat } from './table.js';

/** Every output format, one line each (STYLE rule 4). */
export const reportFormats: readonly ReportFormat[] = [
  tableFormat,
  jsonFormat,
  sarifFormat,
  junitFormat,
  markdownFormat,
  htmlFormat,
  cyclonedxFormat,
  spdxFormat,
];

/** The format `--format` names, or undefined. */
export function formatById(id: string): ReportFormat | undefined {
  return reportFormats.find((f) => f.id === id);
}
