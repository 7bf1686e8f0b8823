import { messages, UserError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { TRANSIENT_CODES } from './http.js';

/** How often and how long to retry a registry request. */
export interface RetryPolicy {
  /** Attempts in all, the first included. Default 5. */
  attempts: number;
  /** First backoff in milliseconds; doubled after each failure, with jitter. Default 250. */
  baseDelayMs: number;
  /** Longest single wait, including a server's `Retry-After`. Default 30 s. */
  maxDelayMs: number;
  /** Injected in tests to record waits instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { attempts: 5, baseDelayMs: 250, maxDelayMs: 30_000 };

/** A failure worth trying again, with the wait the server asked for, if any. */
export class RetryableError extends Error {
  override readonly name = 'RetryableError';
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** HTTP statuses that are retried: 429 and the transient 5xx (RFC 9110 §15.6). */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 500 || status === 502 || status === 503 || status === 504;
}

/**
 * Parses `Retry-After` (RFC 9110 §10.2.3): delay-seconds or an HTTP-date. Returns milliseconds,
 * or `undefined` when absent or unparsable.
 */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** True for connection failures that may go away: resets, timeouts, premature closes. */
export function isTransientNetworkError(err: unknown): boolean {
  for (let cur = err, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    const code = (cur as { code?: string }).code;
    if (code && TRANSIENT_CODES.has(code)) return true;
    if (cur.message === 'aborted' || cur.message === 'socket hang up') return true;
  }
  return false;
}

function backoff(policy: RetryPolicy, failures: number, retryAfterMs: number | undefined): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxDelayMs);
  const exp = policy.baseDelayMs * 2 ** (failures - 1);
  return Math.min(policy.maxDelayMs, exp / 2 + Math.random() * (exp / 2));
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs `fn` until it succeeds, retrying on {@link RetryableError} and transient network errors
 * with exponential backoff (or the server's `Retry-After`), at most `policy.attempts` times.
 * Anything else (a 404, a digest mismatch) fails at once.
 */
export async function withRetries<T>(
  what: string,
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  logger: Logger,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      const retryable = err instanceof RetryableError || isTransientNetworkError(err);
      if (!retryable) throw err;
      const detail = err instanceof Error ? err.message : String(err);
      if (attempt >= policy.attempts)
        throw new UserError(messages.registryRetriesExhausted(what, attempt, detail), {}, { cause: err });
      const wait = backoff(policy, attempt, err instanceof RetryableError ? err.retryAfterMs : undefined);
      logger.warn(
        `${what}: ${detail}; retrying in ${Math.round(wait)} ms (attempt ${attempt + 1} of ${policy.attempts})`,
      );
      await sleep(wait);
    }
  }
}
