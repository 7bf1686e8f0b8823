import type { ScanResult } from '../types/model.js';
import type { ReportFormat } from './format.js';

/**
 * The JSON report: the full `ScanResult` (versioned by `schemaVersion`, documented in
 * docs/json-report.md), minus each distro package's file list, which only ownership needs.
 */
export const jsonFormat = {
  id: 'json',
  description: 'every package and finding, machine-readable (versioned schema)',
  extension: 'json',
  render(model) {
    const r: ScanResult = model.result;
    const packages = r.packages.map(({ files: _files, ...p }) => p);
    return `${JSON.stringify({ ...r, packages }, null, 2)}\n`;
  },
} satisfies ReportFormat;
