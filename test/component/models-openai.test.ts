// The OpenAI-compatible model client, through the real `openai` SDK, against the scripted fake
// model server (OpenAI wire format: tool calls as argument fragments under an index).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelError, type ModelRequest } from '../../src/core/agent/modelClient';
import { createModelClient, OpenAICompatibleClient } from '../../src/core/agent/models';
import { startFakeModel, type FakeModelServer, type FakeTurn } from '../fixtures/fakeModel/server';
import { closedPort, collect } from '../fixtures/fakeModel/collect';

const TOOLS: ModelRequest['tools'] = [
  {
    name: 'github__get_repo',
    description: 'Repository metadata',
    parameters: { type: 'object', properties: { owner: { type: 'string' }, repo: { type: 'string' } }, required: ['owner', 'repo'] },
  },
  { name: 'search__web', description: 'Web search', parameters: { type: 'object', properties: { query: { type: 'string' } } } },
];
const ASK: ModelRequest = {
  messages: [
    { role: 'system', content: 'You audit repositories.' },
    { role: 'user', content: 'Audit left-pad.' },
  ],
  tools: TOOLS,
  parallelToolCalls: true,
};

describe('OpenAI-compatible client (openai SDK) against the fake model server', () => {
  let fake: FakeModelServer | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  async function serve(turns: FakeTurn[]) {
    fake = await startFakeModel(turns, { dialect: 'openai' });
    return fake;
  }
  const client = (f: FakeModelServer) => new OpenAICompatibleClient({ model: 'test-model', baseUrl: f.baseUrl });

  it('streams text as deltas, then usage, then finish', async () => {
    const f = await serve([{ text: 'The repository looks well maintained.', usage: { inputTokens: 42, outputTokens: 7 } }]);
    const out = await collect(client(f), { messages: ASK.messages, tools: [] });
    assert.equal(out.text, 'The repository looks well maintained.');
    assert.ok(out.events.filter((e) => e.type === 'text').length > 1, 'text arrived in several deltas');
    assert.deepEqual(out.events.slice(-2), [
      { type: 'usage', inputTokens: 42, outputTokens: 7 },
      { type: 'finish', reason: 'stop' },
    ]);
    const { body, headers } = f.requests[0];
    assert.equal(body.model, 'test-model');
    assert.equal(body.stream, true);
    assert.deepEqual(body.stream_options, { include_usage: true });
    assert.deepEqual(body.messages, ASK.messages);
    assert.equal('tools' in body, false, 'no tools, no tools field (nor tool_choice)');
    assert.equal('tool_choice' in body, false);
    assert.match(String(headers.authorization), /^Bearer /, 'a placeholder key for keyless local servers');
  });

  it('emits a single tool call once, complete, with its raw JSON arguments; offers the tools', async () => {
    const f = await serve([{ toolCalls: [{ name: 'github__get_repo', arguments: { owner: 'stevemao', repo: 'left-pad' } }] }]);
    const out = await collect(client(f), ASK);
    assert.deepEqual(out.toolCalls, [{ id: 'call_1_0', name: 'github__get_repo', arguments: '{"owner":"stevemao","repo":"left-pad"}' }]);
    assert.equal(out.events.filter((e) => e.type === 'toolCall').length, 1);
    assert.equal(out.finish, 'tool_calls');
    const { body } = f.requests[0];
    assert.deepEqual(
      body.tools,
      TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
    );
    assert.equal(body.tool_choice, 'auto');
    assert.equal(body.parallel_tool_calls, true);
  });

  for (const interleave of [false, true]) {
    it(`assembles two tool calls of one turn from ${interleave ? 'interleaved' : 'sequential'} argument fragments by index`, async () => {
      const second = '{"query": "left-pad \\"unpublished\\" incident 2016", "limit": 5}';
      const f = await serve([
        {
          text: 'Checking two sources.',
          toolCalls: [
            { name: 'github__get_repo', arguments: { owner: 'stevemao', repo: 'left-pad' } },
            { name: 'search__web', arguments: second },
          ],
          interleave,
        },
      ]);
      const out = await collect(client(f), ASK);
      assert.equal(out.text, 'Checking two sources.');
      assert.deepEqual(out.toolCalls, [
        { id: 'call_1_0', name: 'github__get_repo', arguments: '{"owner":"stevemao","repo":"left-pad"}' },
        { id: 'call_1_1', name: 'search__web', arguments: second },
      ]);
      assert.deepEqual(
        out.events.map((e) => e.type).filter((t) => t !== 'text'),
        ['toolCall', 'toolCall', 'usage', 'finish'],
      );
    });
  }

  it('passes malformed arguments through verbatim (the loop answers them as a tool error)', async () => {
    const f = await serve([{ toolCalls: [{ name: 'search__web', arguments: '{"query": "left-pad' }] }]);
    const out = await collect(client(f), ASK);
    assert.equal(out.toolCalls[0].arguments, '{"query": "left-pad');
  });

  it('sends assistant tool calls and tool results back with their ids (round trip), and tool_choice required', async () => {
    const f = await serve([
      {
        toolCalls: [
          { name: 'github__get_repo', arguments: { owner: 'a', repo: 'b' } },
          { name: 'search__web', arguments: { query: 'b' } },
        ],
      },
      { text: 'Done.' },
    ]);
    const c = client(f);
    const first = await collect(c, ASK);
    const messages: ModelRequest['messages'] = [
      ...ASK.messages,
      { role: 'assistant', content: '', toolCalls: first.toolCalls },
      { role: 'tool', toolCallId: first.toolCalls[0].id, name: 'github__get_repo', content: '{"stars": 10}' },
      { role: 'tool', toolCallId: first.toolCalls[1].id, name: 'search__web', content: 'denied by the user' },
    ];
    const second = await collect(c, { ...ASK, messages, toolChoice: 'required', temperature: 0.2 });
    assert.equal(second.text, 'Done.');
    const sent = f.requests[1].body;
    assert.deepEqual(sent.messages.slice(2), [
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_1_0', type: 'function', function: { name: 'github__get_repo', arguments: '{"owner":"a","repo":"b"}' } },
          { id: 'call_1_1', type: 'function', function: { name: 'search__web', arguments: '{"query":"b"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1_0', content: '{"stars": 10}' },
      { role: 'tool', tool_call_id: 'call_1_1', content: 'denied by the user' },
    ]);
    assert.equal(sent.tool_choice, 'required');
    assert.equal(sent.temperature, 0.2);
  });

  it('401: an auth error that names the variable to fix; not retried', async () => {
    const f = await serve([{ status: 401 }, { text: 'never' }]);
    const c = createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'm', apiKey: 'wrong-key', keyHint: 'Set OPENAI_API_KEY to a valid key.' });
    await assert.rejects(collect(c, ASK), (err: ModelError) => {
      assert.ok(err instanceof ModelError);
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /HTTP 401/);
      assert.match(err.message, /OPENAI_API_KEY/);
      return true;
    });
    assert.equal(f.requests.length, 1);
    assert.equal(f.requests[0].headers.authorization, 'Bearer wrong-key');
  });

  it('a missing key for api.openai.com fails before any request, naming the variable', async () => {
    const c = createModelClient({ provider: 'openai', baseUrl: 'https://api.openai.com/v1', model: 'gpt-4.1' });
    await assert.rejects(collect(c, ASK), (err: ModelError) => err.kind === 'auth' && /OPENAI_API_KEY/.test(err.message));
  });

  it('429 with Retry-After in seconds, then success, through withRetries (the delay asked is honoured)', async () => {
    const f = await serve([{ status: 429, retryAfter: 1 }, { text: 'ok' }]);
    const sleeps: number[] = [];
    const retries: number[] = [];
    const c = createModelClient({
      provider: 'openai',
      baseUrl: f.baseUrl,
      model: 'm',
      retry: { sleep: async (ms) => void sleeps.push(ms), onRetry: (i) => retries.push(i.attempt) },
    });
    const out = await collect(c, ASK);
    assert.equal(out.text, 'ok');
    assert.deepEqual(sleeps, [1000]);
    assert.deepEqual(retries, [1]);
    assert.equal(f.requests.length, 2);
  });

  it('429 with Retry-After as an HTTP date', async () => {
    const f = await serve([{ status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() }, { text: 'ok' }]);
    const sleeps: number[] = [];
    const c = createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'm', retry: { sleep: async (ms) => void sleeps.push(ms) } });
    assert.equal((await collect(c, ASK)).text, 'ok');
    assert.equal(sleeps.length, 1);
    assert.ok(sleeps[0] > 1000 && sleeps[0] <= 3000, `waited ${sleeps[0]} ms`);
  });

  it('429 every time: reported after the last attempt, with the wait the server asked', async () => {
    const f = await serve([{ status: 429, retryAfter: 2 }, { status: 429, retryAfter: 2 }, { status: 429, retryAfter: 2 }, { text: 'never' }]);
    const sleeps: number[] = [];
    const c = createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'm', retry: { maxAttempts: 3, sleep: async (ms) => void sleeps.push(ms) } });
    await assert.rejects(collect(c, ASK), (err: ModelError) => {
      assert.equal(err.kind, 'rateLimit');
      assert.equal(err.retryAfterMs, 2000);
      assert.match(err.message, /429.*retry after 2 s/);
      return true;
    });
    assert.deepEqual(sleeps, [2000, 2000]);
    assert.equal(f.requests.length, 3);
  });

  it('5xx is retried with exponential backoff', async () => {
    const f = await serve([{ status: 503 }, { status: 500 }, { text: 'recovered' }]);
    const sleeps: number[] = [];
    const c = createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'm', retry: { baseDelayMs: 100, sleep: async (ms) => void sleeps.push(ms) } });
    assert.equal((await collect(c, ASK)).text, 'recovered');
    assert.deepEqual(sleeps, [100, 200]);
  });

  it('400 about the context length: contextTooLong, not retried', async () => {
    const f = await serve([{ status: 400, message: "This model's maximum context length is 8192 tokens. However, your messages resulted in 9120 tokens." }]);
    const c = createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'm', retry: { sleep: async () => assert.fail('no retry') } });
    await assert.rejects(collect(c, ASK), (err: ModelError) => err.kind === 'contextTooLong' && /maximum context length/.test(err.message));
  });

  it('an unreachable URL: unreachable, naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/v1`;
    const c = createModelClient({ provider: 'openai', baseUrl: url, model: 'm', retry: { sleep: async () => assert.fail('no retry') } });
    await assert.rejects(collect(c, ASK), (err: ModelError) => {
      assert.equal(err.kind, 'unreachable');
      assert.ok(err.message.includes(url), err.message);
      assert.match(err.message, /ECONNREFUSED/);
      return true;
    });
  });

  it('cancellation mid-stream: ModelError cancelled, promptly, and the server sees the request closed', async () => {
    const f = await serve([{ hang: true, text: 'Let me think' }]);
    const controller = new AbortController();
    let abortedAt = 0;
    const consume = (async () => {
      for await (const e of client(f).stream(ASK, controller.signal)) {
        if (e.type === 'text' && !abortedAt) {
          abortedAt = Date.now();
          controller.abort();
        }
      }
    })();
    await assert.rejects(consume, (err: ModelError) => err instanceof ModelError && err.kind === 'cancelled');
    assert.ok(abortedAt > 0, 'a text delta arrived before the abort');
    assert.ok(Date.now() - abortedAt < 1000, `cancelled in ${Date.now() - abortedAt} ms`);
    assert.equal(await f.requests[0].closed, 'aborted');
  });
});
