import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseSize } from './size.js';

const cases = [
  { input: '512', want: 512 },
  { input: '10MiB', want: 10 * 1024 * 1024 },
  { input: '2GB', want: 2e9 },
  { input: '1.5g', want: 1.5e9 },
];
for (const c of cases) test(`size: ${c.input}`, () => assert.equal(parseSize('--x', c.input), c.want));
test('size: garbage is refused with the flag name', () =>
  assert.throws(() => parseSize('--max-layer-size', '10 parsecs'), /--max-layer-size/));
