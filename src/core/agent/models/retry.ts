import { ModelError, type ModelClient, type ModelEvent, type ModelRequest } from '../modelClient';

export interface RetryInfo {
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  error: ModelError;
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 3; 1 turns retrying off). */
  maxAttempts?: number;
  /** Backoff for 5xx and a 429 without Retry-After: base, 2×base, 4×base … (default 1000 ms). */
  baseDelayMs?: number;
  /** The longest wait; a Retry-After above it is reported at once instead of waited for (default 30 s). */
  maxDelayMs?: number;
  /** Injected in tests; must reject when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Told before each wait, e.g. to show "rate limited, retrying in 2 s". */
  onRetry?: (info: RetryInfo) => void;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const done = () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Wraps a client so that a 429 (honouring Retry-After) or a 5xx is retried with backoff — only
 * while nothing has been yielded yet, so the loop never sees a turn twice. The SDKs' own retries
 * are switched off; this is the one place that retries. After the last attempt the error is reported.
 */
export function withRetries(client: ModelClient, options: RetryOptions = {}): ModelClient {
  const maxAttempts = Math.max(1, options.maxAttempts ?? 3);
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  const sleep = options.sleep ?? abortableSleep;

  async function* stream(request: ModelRequest, signal: AbortSignal): AsyncGenerator<ModelEvent> {
    for (let attempt = 1; ; attempt++) {
      let yielded = false;
      try {
        for await (const event of client.stream(request, signal)) {
          yielded = true;
          yield event;
        }
        return;
      } catch (err) {
        if (!(err instanceof ModelError) || yielded || attempt >= maxAttempts || signal.aborted) throw err;
        if (err.kind !== 'rateLimit' && err.kind !== 'server') throw err;
        const delayMs = err.retryAfterMs ?? Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        if (delayMs > maxDelayMs) throw err; // the server asks for longer than we are willing to wait: say so now
        options.onRetry?.({ attempt, delayMs, error: err });
        try {
          await sleep(delayMs, signal);
        } catch {
          throw new ModelError('cancelled', 'The model request was cancelled.');
        }
      }
    }
  }

  return { id: client.id, stream };
}
