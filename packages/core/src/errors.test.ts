import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatErrorChain, isUserError, UserError } from './errors.js';

test('errors: one line with coordinates first, then each cause', () => {
  const inner = new Error('unexpected end of file');
  const err = new UserError(
    'cannot read layer',
    { image: 'app.tar', layer: 'sha256:0123456789abcdef0123', file: 'etc/passwd' },
    { cause: inner },
  );
  assert.equal(
    formatErrorChain(err),
    'app.tar: layer sha256:0123456789ab: etc/passwd: cannot read layer: unexpected end of file',
  );
  assert.ok(isUserError(err));
  assert.ok(!isUserError(inner));
});

test('errors: a user error wrapped by a plain error is still a user error', () => {
  assert.ok(isUserError(new Error('outer', { cause: new UserError('inner') })));
});

test('errors: multi-line messages become one line', () => {
  assert.equal(formatErrorChain(new UserError('a\n  b')), 'a b');
});
