// The Mistral model client, through the real @mistralai/mistralai SDK, against the scripted fake
// model server (Mistral wire format: each tool call whole in one chunk).
import { afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ModelError, type ModelRequest } from '../../src/core/agent/modelClient';
import { createModelClient, MistralClient } from '../../src/core/agent/models';
import { startFakeModel, type FakeModelOptions, type FakeModelServer, type FakeTurn } from '../fixtures/fakeModel/server';
import { closedPort, collect } from '../fixtures/fakeModel/collect';

const TOOLS: ModelRequest['tools'] = [
  {
    name: 'github__get_repo',
    description: 'Repository metadata',
    parameters: { type: 'object', properties: { owner: { type: 'string' }, repo: { type: 'string' } } },
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

describe('Mistral client (@mistralai/mistralai) against the fake model server', () => {
  let fake: FakeModelServer | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });
  async function serve(turns: FakeTurn[], options?: FakeModelOptions) {
    fake = await startFakeModel(turns, options);
    return fake;
  }
  const client = (f: FakeModelServer) => new MistralClient({ apiKey: 'test-key', serverUrl: f.url });

  it('streams text as deltas, then usage, then finish; default model mistral-medium-latest', async () => {
    const f = await serve([{ text: 'No known vulnerabilities.', usage: { inputTokens: 30, outputTokens: 4 } }]);
    const c = client(f);
    assert.equal(c.id, 'mistral:mistral-medium-latest');
    const out = await collect(c, { messages: ASK.messages, tools: [] });
    assert.equal(out.text, 'No known vulnerabilities.');
    assert.ok(out.events.filter((e) => e.type === 'text').length > 1, 'text arrived in several deltas');
    assert.deepEqual(out.events.slice(-2), [
      { type: 'usage', inputTokens: 30, outputTokens: 4 },
      { type: 'finish', reason: 'stop' },
    ]);
    const { body, headers, dialect, path } = f.requests[0];
    assert.equal(dialect, 'mistral', 'the fake recognised the Mistral SDK');
    assert.equal(path, '/v1/chat/completions');
    assert.equal(headers.authorization, 'Bearer test-key');
    assert.equal(body.model, 'mistral-medium-latest');
    assert.equal(body.stream, true);
    assert.deepEqual(body.messages, ASK.messages);
    assert.equal(body.tools ?? undefined, undefined);
  });

  it('emits a single tool call (one whole chunk) once; offers the tools with toolChoice and parallelToolCalls', async () => {
    const f = await serve([{ toolCalls: [{ name: 'github__get_repo', arguments: { owner: 'stevemao', repo: 'left-pad' }, id: 'aB3dE6gH9' }] }]);
    const out = await collect(client(f), ASK);
    assert.deepEqual(out.toolCalls, [{ id: 'aB3dE6gH9', name: 'github__get_repo', arguments: '{"owner":"stevemao","repo":"left-pad"}' }]);
    assert.equal(out.finish, 'tool_calls');
    const { body } = f.requests[0];
    assert.deepEqual(
      body.tools,
      TOOLS.map((t) => ({ type: 'function', function: { name: t.name, description: t.description, parameters: t.parameters } })),
    );
    assert.equal(body.tool_choice, 'auto');
    assert.equal(body.parallel_tool_calls, true);
  });

  it('two tool calls in one turn (whole chunks), each emitted once, in order, before usage and finish', async () => {
    const raw = '{"query": "left-pad incident"';
    const f = await serve([
      {
        text: 'Two checks.',
        toolCalls: [
          { name: 'github__get_repo', arguments: { owner: 'a', repo: 'b' } },
          { name: 'search__web', arguments: raw },
        ],
      },
    ]);
    const out = await collect(client(f), ASK);
    assert.equal(out.text, 'Two checks.');
    assert.deepEqual(out.toolCalls, [
      { id: 'call_1_0', name: 'github__get_repo', arguments: '{"owner":"a","repo":"b"}' },
      { id: 'call_1_1', name: 'search__web', arguments: raw },
    ]);
    assert.deepEqual(
      out.events.map((e) => e.type).filter((t) => t !== 'text'),
      ['toolCall', 'toolCall', 'usage', 'finish'],
    );
  });

  it('sends tool results back as role "tool" with tool_call_id and name (round trip), and toolChoice required', async () => {
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
    assert.equal((await collect(c, { ...ASK, messages, toolChoice: 'required', temperature: 0.2 })).text, 'Done.');
    const sent = f.requests[1].body;
    const [assistant, result1, result2] = sent.messages.slice(2);
    assert.equal(assistant.role, 'assistant');
    assert.deepEqual(
      assistant.tool_calls.map((t: { id: string; function: unknown }) => ({ id: t.id, function: t.function })),
      [
        { id: 'call_1_0', function: { name: 'github__get_repo', arguments: '{"owner":"a","repo":"b"}' } },
        { id: 'call_1_1', function: { name: 'search__web', arguments: '{"query":"b"}' } },
      ],
    );
    assert.deepEqual(result1, { role: 'tool', tool_call_id: 'call_1_0', name: 'github__get_repo', content: '{"stars": 10}' });
    assert.deepEqual(result2, { role: 'tool', tool_call_id: 'call_1_1', name: 'search__web', content: 'denied by the user' });
    assert.equal(sent.tool_choice, 'required');
    assert.equal(sent.temperature, 0.2);
  });

  it('a missing key: auth error naming MISTRAL_API_KEY and the VS Code command, before any request', async () => {
    const f = await serve([{ text: 'never' }]);
    const c = createModelClient({ provider: 'mistral', baseUrl: f.url });
    await assert.rejects(collect(c, ASK), (err: ModelError) => {
      assert.ok(err instanceof ModelError);
      assert.equal(err.kind, 'auth');
      assert.match(err.message, /MISTRAL_API_KEY/);
      assert.match(err.message, /Connector Auditor: Set Mistral API Key/);
      return true;
    });
    assert.equal(f.requests.length, 0);
  });

  it('401: auth error naming the variable to fix; not retried', async () => {
    const f = await serve([{ status: 401 }, { text: 'never' }]);
    const c = createModelClient({ provider: 'mistral', baseUrl: f.url, apiKey: 'revoked', keyHint: 'Set MISTRAL_API_KEY to a valid key.' });
    await assert.rejects(collect(c, ASK), (err: ModelError) => err.kind === 'auth' && /HTTP 401/.test(err.message) && /MISTRAL_API_KEY/.test(err.message));
    assert.equal(f.requests.length, 1);
  });

  it('429 with Retry-After, then success, through createModelClient’s retries (the delay asked is honoured)', async () => {
    const f = await serve([{ status: 429, retryAfter: 1 }, { text: 'ok' }]);
    const sleeps: number[] = [];
    const c = createModelClient({ provider: 'mistral', baseUrl: f.url, apiKey: 'k', retry: { sleep: async (ms) => void sleeps.push(ms) } });
    assert.equal((await collect(c, ASK)).text, 'ok');
    assert.deepEqual(sleeps, [1000]);
    assert.equal(f.requests.length, 2, 'the SDK did not retry on its own');
  });

  it('an unreachable URL: unreachable, naming the URL', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const c = createModelClient({ provider: 'mistral', baseUrl: url, apiKey: 'k', retry: { sleep: async () => assert.fail('no retry') } });
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

  it('an OpenAI-style fragmented tool-call stream is refused by the SDK, with advice to use the OpenAI-compatible provider', async () => {
    const f = await serve([{ toolCalls: [{ name: 'search__web', arguments: { query: 'x' } }] }], { dialect: 'openai' });
    await assert.rejects(collect(client(f), ASK), (err: ModelError) => err.kind === 'server' && /OpenAI-compatible provider/.test(err.message));
  });
});
