import { ModelError, type ModelClient, type ModelEvent, type ModelRequest } from '../modelClient';

/**
 * Ends a stream that goes silent. The SDKs' own timeouts cover the wait for the response
 * headers; a server that then sends nothing would otherwise hold the run for minutes.
 */
export const DEFAULT_IDLE_TIMEOUT_MS = 120_000;

export function withIdleTimeout(inner: ModelClient, idleMs: number): ModelClient {
  return {
    id: inner.id,
    async *stream(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelEvent> {
      const controller = new AbortController();
      const forward = () => controller.abort(signal.reason);
      if (signal.aborted) controller.abort(signal.reason);
      else signal.addEventListener('abort', forward, { once: true });
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, idleMs);
      };
      try {
        arm();
        for await (const event of inner.stream(request, controller.signal)) {
          arm();
          yield event;
        }
      } catch (err) {
        if (timedOut && !signal.aborted) {
          throw new ModelError('timeout', `${inner.id} did not answer in time: nothing arrived for ${Math.round(idleMs / 1000)} s.`);
        }
        throw err;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', forward);
      }
    },
  };
}
