import assert from 'node:assert/strict';
import { test } from 'node:test';
import { redactSecrets } from './redact.js';

const TOKEN = 'ghs_redactTestToken0123456789abcdefXYZ';

const cases = [
  {
    name: 'the token itself, wherever it appears',
    input: `bad token ${TOKEN} in ${TOKEN}`,
    want: 'bad token *** in ***',
  },
  {
    name: 'an echoed Authorization header (JSON)',
    input: `{"request":{"headers":{"authorization":"Bearer ${TOKEN}","accept":"x"}}}`,
    want: '{"request":{"headers":{"authorization":"***","accept":"x"}}}',
  },
  {
    name: 'an echoed header line',
    input: `Authorization: token abcdefgh12345678\r\nHost: x`,
    want: 'Authorization: *** Host: x',
  },
  {
    name: 'Basic auth of the token (base64), as a git remote sends it',
    input: `auth=${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
    want: 'auth=***',
  },
  {
    name: 'other GitHub token shapes it was not told about',
    input: 'ghp_0123456789abcdefghij0123 and github_pat_11ABCDEFG0123456789_abcdefghijk',
    want: '*** and ***',
  },
  { name: 'control characters', input: 'a\u001b[2Jb\u0007c\nd', want: 'a [2Jb c d' },
];
for (const c of cases) test(`redact: ${c.name}`, () => assert.equal(redactSecrets(c.input, [TOKEN]), c.want));

test('redact: cut to 200 characters, after redacting', () => {
  const out = redactSecrets(`${'x'.repeat(190)} ${TOKEN} ${'y'.repeat(500)}`, [TOKEN]);
  assert.equal(out.length, 200);
  assert.ok(out.endsWith('…') && !out.includes('ghs_'));
});
