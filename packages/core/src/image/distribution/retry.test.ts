import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UserError } from '../../errors.js';
import { memoryLogger } from '../../logger.js';
import { isRetryableStatus, parseRetryAfter, RetryableError, withRetries } from './retry.js';

test('retry: Retry-After as seconds and as an HTTP date', () => {
  assert.equal(parseRetryAfter('3'), 3000);
  assert.equal(
    parseRetryAfter('Wed, 21 Oct 2015 07:28:10 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    10_000,
  );
  assert.equal(parseRetryAfter('soon'), undefined);
  assert.equal(parseRetryAfter(undefined), undefined);
});

test('retry: 429 and transient 5xx are retried, 501 and 4xx are not', () => {
  assert.deepEqual([429, 500, 502, 503, 504, 501, 404, 401].map(isRetryableStatus), [
    true,
    true,
    true,
    true,
    true,
    false,
    false,
    false,
  ]);
});

test('retry: waits as the server asks (capped), backs off otherwise, then succeeds', async () => {
  const waits: number[] = [];
  const logger = memoryLogger();
  const policy = {
    attempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 2000,
    sleep: async (ms: number) => void waits.push(ms),
  };
  const r = await withRetries(
    'GET x',
    async (n) => {
      if (n === 1) throw new RetryableError('registry answered 429', 1000);
      if (n === 2) throw new RetryableError('registry answered 429', 60_000);
      if (n === 3) throw Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
      return 'ok';
    },
    policy,
    logger,
  );
  assert.equal(r, 'ok');
  assert.equal(waits[0], 1000);
  assert.equal(waits[1], 2000);
  assert.ok(waits[2]! >= 100 && waits[2]! <= 400, `backoff ${waits[2]}`);
  assert.equal(logger.lines.filter((l) => l.startsWith('warn: GET x')).length, 3);
});

test('retry: gives up after the last attempt with a UserError naming the attempts', async () => {
  const policy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
  await assert.rejects(
    withRetries(
      'GET y',
      async () => Promise.reject(new RetryableError('registry answered 503')),
      policy,
      memoryLogger(),
    ),
    (e: unknown) =>
      e instanceof UserError &&
      /GET y failed after 3 attempts \(last: registry answered 503\)/.test(e.message),
  );
});

test('retry: other errors fail at once', async () => {
  let calls = 0;
  const policy = { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
  await assert.rejects(
    withRetries('GET z', async () => (calls++, Promise.reject(new UserError('404'))), policy, memoryLogger()),
    /404/,
  );
  assert.equal(calls, 1);
});
