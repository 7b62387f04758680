/**
 * Retries a request that failed for a reason that may pass: a rate limit (429), a server error
 * (5xx) or a connection that did not get through. A 4xx other than 429 is our mistake and is not
 * retried. Waits Retry-After when the service names one (capped, so an audit is never parked for
 * minutes), else a short exponential back-off. Cancellation ends the wait at once.
 */
import { HttpError } from '../httpJson';

export interface RetryOptions {
  /** Tries in all, the first included; default 3. */
  attempts?: number;
  /** First back-off in ms, doubled per retry; default 250. Tests set 0. */
  baseDelayMs?: number;
  /** Longest wait honoured from Retry-After, in ms; default 10 s. */
  maxDelayMs?: number;
  /** Told of every retry, so the caller can say "rate limited" in its notes. */
  onRetry?: (err: HttpError, attempt: number) => void;
}

export function isRetryable(err: unknown): err is HttpError {
  if (!(err instanceof HttpError)) return false;
  const s = err.status;
  // No status: unreachable or timed out; a timeout already took its full time limit, so only retry the unreachable.
  if (s === undefined) return !/did not answer within/.test(err.message);
  return s === 429 || s >= 500;
}

export async function withRetry<T>(fn: () => Promise<T>, signal: AbortSignal | undefined, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 3);
  const base = options.baseDelayMs ?? 250;
  const cap = options.maxDelayMs ?? 10_000;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (signal?.aborted || attempt >= attempts || !isRetryable(err)) throw err;
      options.onRetry?.(err, attempt);
      const asked = err.retryAfterSeconds !== undefined ? err.retryAfterSeconds * 1000 : base * 2 ** (attempt - 1);
      await sleep(Math.min(asked, cap), signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const abort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('Cancelled.'));
    };
    signal?.addEventListener('abort', abort, { once: true });
  });
}
