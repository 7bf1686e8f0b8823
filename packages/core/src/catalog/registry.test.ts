import { test } from 'node:test';
import { checkRegistry } from '../testing/registry-check.js';
import { catalogers } from './registry.js';

test('catalog registry: unique ids, every cataloger file listed', () => {
  checkRegistry(
    'catalog',
    catalogers.map((c) => c.id),
    ['cataloger.ts', 'run.ts', 'package-id.ts', 'ownership.ts', 'origin.ts'],
  );
});
