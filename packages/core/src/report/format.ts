import type { ReportModel } from './model.js';

/** Options every renderer may honour. */
export interface RenderOptions {
  /** ANSI colours (table only): on for a TTY unless `NO_COLOR` is set. */
  color: boolean;
}

/** One output format (one file each under `report/`, listed in `report/registry.ts`). */
export interface ReportFormat {
  /** Name used by `--format`: `table`, `json`, `sarif`, … */
  id: string;
  description: string;
  /** File name extension used with `--output-dir`. */
  extension: string;
  /** The report text; formats backed by a large library load it here, so they return a promise. */
  render(model: ReportModel, options: RenderOptions): string | Promise<string>;
}
