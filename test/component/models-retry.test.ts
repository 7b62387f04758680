// withRetries and the provider-error mapping, with stub clients (no server needed).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelError, type ModelClient, type ModelEvent } from '../../src/core/agent/modelClient';
import { parseRetryAfter, toModelError, withRetries } from '../../src/core/agent/models';

/** A client whose n-th stream runs the n-th script: events to yield, then maybe an error to throw. */
function scripted(attempts: { events?: ModelEvent[]; error?: ModelError }[]): ModelClient & { calls: number } {
  const client = {
    id: 'stub:model',
    calls: 0,
    async *stream(): AsyncGenerator<ModelEvent> {
      const a = attempts[client.calls++];
      for (const e of a.events ?? []) yield e;
      if (a.error) throw a.error;
    },
  };
  return client;
}
const drain = async (c: ModelClient, signal = new AbortController().signal) => {
  const events: ModelEvent[] = [];
  for await (const e of c.stream({ messages: [], tools: [] }, signal)) events.push(e);
  return events;
};
const FINISH: ModelEvent = { type: 'finish', reason: 'stop' };

describe('withRetries', () => {
  it('does not retry once something was yielded (the loop never sees a turn twice)', async () => {
    const stub = scripted([{ events: [{ type: 'text', delta: 'half' }], error: new ModelError('server', 'boom') }, { events: [FINISH] }]);
    await assert.rejects(drain(withRetries(stub, { sleep: async () => {} })), /boom/);
    assert.equal(stub.calls, 1);
  });

  it('does not retry auth, bad requests or a context that is too long', async () => {
    for (const kind of ['auth', 'badRequest', 'contextTooLong', 'unreachable'] as const) {
      const stub = scripted([{ error: new ModelError(kind, kind) }, { events: [FINISH] }]);
      await assert.rejects(drain(withRetries(stub, { sleep: async () => {} })), (e: ModelError) => e.kind === kind);
      assert.equal(stub.calls, 1, kind);
    }
  });

  it('a Retry-After beyond the cap is reported at once instead of waited for', async () => {
    const stub = scripted([{ error: new ModelError('rateLimit', 'slow down', 120_000) }, { events: [FINISH] }]);
    await assert.rejects(
      drain(withRetries(stub, { maxDelayMs: 30_000, sleep: async () => assert.fail('no wait') })),
      (e: ModelError) => e.retryAfterMs === 120_000,
    );
    assert.equal(stub.calls, 1);
  });

  it('backoff without Retry-After is capped', async () => {
    const sleeps: number[] = [];
    const stub = scripted([
      { error: new ModelError('server', 'a') },
      { error: new ModelError('server', 'b') },
      { error: new ModelError('rateLimit', 'c') },
      { events: [FINISH] },
    ]);
    await drain(withRetries(stub, { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 3000, sleep: async (ms) => void sleeps.push(ms) }));
    assert.deepEqual(sleeps, [1000, 2000, 3000]);
  });

  it('cancelling during the wait ends promptly with cancelled', async () => {
    const stub = scripted([{ error: new ModelError('rateLimit', 'wait', 10_000) }, { events: [FINISH] }]);
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(drain(withRetries(stub, { maxDelayMs: 30_000 }), controller.signal), (e: ModelError) => e.kind === 'cancelled');
    assert.ok(Date.now() - started < 1000);
    assert.equal(stub.calls, 1);
  });
});

describe('provider errors → ModelError', () => {
  const ctx = { provider: 'Mistral', url: 'https://api.mistral.ai', keyHint: 'Set MISTRAL_API_KEY.' };

  it('parses Retry-After as seconds, as an HTTP date, and retry-after-ms', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': '7' }), now), 7000);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:05 GMT' }), now), 5000);
    assert.equal(parseRetryAfter({ 'Retry-After-Ms': '250' }, now), 250);
    assert.equal(parseRetryAfter(new Headers({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('maps statuses, network causes and aborts', () => {
    assert.equal(toModelError({ statusCode: 403, body: '{"message":"forbidden"}' }, ctx).kind, 'auth');
    assert.match(toModelError({ status: 401 }, ctx).message, /MISTRAL_API_KEY/);
    const limited = toModelError({ status: 429, headers: new Headers({ 'retry-after': '3' }) }, ctx);
    assert.equal(limited.kind, 'rateLimit');
    assert.equal(limited.retryAfterMs, 3000);
    assert.equal(toModelError({ status: 502 }, ctx).kind, 'server');
    assert.equal(
      toModelError({ status: 400, body: '{"message":"Prompt contains 40000 tokens, too large for model with 32768 maximum context length"}' }, ctx).kind,
      'contextTooLong',
    );
    assert.equal(toModelError({ status: 400, body: '{"message":"Invalid model"}' }, ctx).kind, 'badRequest');
    const dns = toModelError(Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('getaddrinfo'), { code: 'ENOTFOUND' }) }), ctx);
    assert.equal(dns.kind, 'unreachable');
    assert.match(dns.message, /https:\/\/api\.mistral\.ai \(ENOTFOUND\)/);
    assert.equal(toModelError(new DOMException('aborted', 'AbortError'), ctx).kind, 'cancelled');
    const controller = new AbortController();
    controller.abort();
    assert.equal(toModelError(new Error('anything'), { ...ctx, signal: controller.signal }).kind, 'cancelled');
  });
});
