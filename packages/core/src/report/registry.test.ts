import { test } from 'node:test';
import { checkRegistry } from '../testing/registry-check.js';
import { reportFormats } from './registry.js';

test('report registry: unique ids, every format file listed', () => {
  checkRegistry(
    'report',
    reportFormats.map((f) => f.id),
    [
      'format.ts',
      'model.ts',
      'escape.ts',
      'dockerfile.ts',
      'spdx-license.ts',
      'cyclonedx-bom.ts',
      'provenance.ts',
    ],
  );
});
