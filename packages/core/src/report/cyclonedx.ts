import type { ReportFormat } from './format.js';

/**
 * CycloneDX 1.6 JSON: components and vulnerabilities with VEX-style analysis. The CycloneDX
 * library (about 14 MiB of memory once loaded) is imported only when this format is rendered,
 * so scans that never write CycloneDX do not carry it.
 */
export const cyclonedxFormat: ReportFormat = {
  id: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON: packages as components, vulnerabilities with VEX analysis',
  extension: 'cdx.json',
  render: async (model) => {
    const { buildCycloneDxBom, serialiseCycloneDx } = await import('./cyclonedx-bom.js');
    return serialiseCycloneDx(buildCycloneDxBom(model));
  },
};
