import { test } from 'node:test';
import { checkRegistry } from '../testing/registry-check.js';
import { catalogers } from './registry.js';

test('catalog registry: unique ids, every cataloger file listed', () => {
  checkRegistry(
    'catalog',
    catalogers.map((c) => c.id),
    [
      'cataloger.ts',
      'run.ts',
      'package-id.ts',
      'ownership.ts',
      'origin.ts',
      // helpers shared by the language catalogers, not catalogers themselves
      'purl.ts',
      'license.ts',
      'input.ts',
      'options.ts',
      'node-project.ts',
      'dev-walk.ts',
      'python-lock.ts',
      'ruby.ts',
      'nuget.ts',
      'composer.ts',
      'exe',
      // the SBOM reader of the `sbom:` image source, not a cataloger
      'sbom',
    ],
  );
});
