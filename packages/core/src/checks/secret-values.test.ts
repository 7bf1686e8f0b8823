import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isKnownPublic, isPlaceholder, redact } from './secret-values.js';

const redactCases = [
  { name: 'long secrets show 4 + 4', input: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', want: 'ghp_…6789' },
  { name: '16 characters show 4 + 4', input: '0123456789abcdef', want: '0123…cdef' },
  { name: '10 to 15 characters show 2 + 2', input: 'hunter2hunter', want: 'hu…er' },
  { name: 'short secrets show only their length', input: 'hunter22', want: '[8 characters]' },
  { name: 'control characters are masked', input: '\x1b[31mabcdefghijklmnop', want: '?[31…mnop' },
];
for (const c of redactCases) test(`redact: ${c.name}`, () => assert.equal(redact(c.input), c.want));

const placeholderCases: [string, boolean][] = [
  ['${DB_PASSWORD}', true],
  ['$TOKEN', true],
  ['%(password)s', true],
  ['{{ .Values.password }}', true],
  ['<password>', true],
  ['/run/secrets/db', true],
  ['changeme', true],
  ['your_password', true],
  ['********', true],
  ['xxxxxxxx', true],
  ['abc', true],
  ['', true],
  ['s3cr3t-Pa55w0rd', false],
  ['correct horse battery staple', false],
];
for (const [value, want] of placeholderCases)
  test(`isPlaceholder: ${JSON.stringify(value)} → ${want}`, () => assert.equal(isPlaceholder(value), want));

test('isKnownPublic: AWS documentation keys and anything marked EXAMPLE', () => {
  assert.ok(isKnownPublic('AKIAIOSFODNN7EXAMPLE'));
  assert.ok(isKnownPublic('AKIAI44QH8DHBEXAMPLE'));
  assert.ok(isKnownPublic('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'));
  assert.ok(!isKnownPublic('AKIAZZZZZZZZZZZZZZZZ'));
});
