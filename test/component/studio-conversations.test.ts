// The Conversations API of the fake Studio, driven by the real SDK's beta.conversations
// startStream / appendStream: SSE events as the SDK's own schemas read them, a pending
// confirmation of a Studio connector's tool and its tool_confirmations round trip (the tool
// really runs on server-everything when allowed), a local function tool's round trip, web_search.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Mistral as MistralClass } from '@mistralai/mistralai' with { 'resolution-mode': 'import' };
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { startEverything } from '../helpers/everythingServer';

type StreamEvent = { event: string; data: Record<string, unknown> & { type: string } };

async function collect(stream: AsyncIterable<{ event: string; data: unknown }>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const e of stream) events.push(e as StreamEvent);
  return events;
}

const text = (events: StreamEvent[]) =>
  events
    .filter((e) => e.data.type === 'message.output.delta')
    .map((e) => e.data.content)
    .join('');

describe('fake Studio conversations through the real SDK (startStream / appendStream)', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let mistral: MistralClass;
  let connectorId: string;
  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    const { Mistral } = await import('@mistralai/mistralai');
    mistral = new Mistral({ apiKey: fixture.key, serverURL: fixture.url, retryConfig: { strategy: 'none' } });
    const created = await mistral.beta.connectors.create({
      protocol: 'mcp',
      name: 'everything',
      description: 'server-everything',
      server: `http://127.0.0.1:${everything.port}/mcp`,
    });
    connectorId = (created as { id: string }).id;
  });
  after(async () => {
    await fixture.close();
    await everything.stop();
  });

  const start = (toolConfiguration?: { requiresConfirmation: string[] }) =>
    mistral.beta.conversations.startStream({
      model: 'mistral-medium-latest',
      inputs: 'Echo something through the connector.',
      tools: [{ type: 'connector', connectorId, ...(toolConfiguration ? { toolConfiguration } : {}) }, { type: 'web_search' }],
    });

  it('pauses on a tool that requires confirmation, and runs it for real once allowed', async () => {
    const first = await collect(await start({ requiresConfirmation: ['echo'] }));
    assert.deepEqual(
      first.map((e) => e.data.type),
      ['conversation.response.started', 'function.call.delta', 'conversation.response.done'],
    );
    const call = first[1].data as unknown as { name: string; toolCallId: string; confirmationStatus: string; arguments: string };
    assert.equal(call.name, 'echo');
    assert.equal(call.confirmationStatus, 'pending');
    const sent = JSON.parse(fixture.requests.filter((r) => r.path === '/v1/conversations').at(-1)!.body);
    assert.deepEqual(sent.tools[0], { type: 'connector', connector_id: connectorId, tool_configuration: { requires_confirmation: ['echo'] } });

    const conversationId = (first[0].data as unknown as { conversationId: string }).conversationId;
    const second = await collect(
      await mistral.beta.conversations.appendStream({
        conversationId,
        conversationAppendStreamRequest: { toolConfirmations: [{ toolCallId: call.toolCallId, confirmation: 'allow' }] },
      }),
    );
    const types = second.map((e) => e.data.type);
    assert.deepEqual(types.slice(0, 3), ['conversation.response.started', 'tool.execution.started', 'tool.execution.done']);
    assert.equal(types.at(-1), 'conversation.response.done');
    assert.match(text(second), /echo on everything returned: Echo: from the Studio agent/);
    const append = JSON.parse(fixture.requests.at(-1)!.body);
    assert.deepEqual(append.tool_confirmations, [{ tool_call_id: call.toolCallId, confirmation: 'allow' }]);
  });

  it('a denied confirmation runs nothing and the agent says so', async () => {
    const first = await collect(await start({ requiresConfirmation: ['echo'] }));
    const call = first[1].data as unknown as { toolCallId: string };
    const conversationId = (first[0].data as unknown as { conversationId: string }).conversationId;
    const second = await collect(
      await mistral.beta.conversations.appendStream({
        conversationId,
        conversationAppendStreamRequest: { toolConfirmations: [{ toolCallId: call.toolCallId, confirmation: 'deny' }] },
      }),
    );
    assert.ok(!second.some((e) => e.data.type.startsWith('tool.execution')));
    assert.match(text(second), /The call to echo was denied/);
  });

  it('runs a tool that needs no confirmation at once', async () => {
    const events = await collect(await start());
    assert.ok(events.some((e) => e.data.type === 'tool.execution.done'));
    assert.match(text(events), /Echo: from the Studio agent/);
  });

  it('hands a local function tool to the client and reads its result back', async () => {
    const first = await collect(
      await mistral.beta.conversations.startStream({
        model: 'mistral-medium-latest',
        inputs: 'List the files.',
        tools: [{ type: 'function', function: { name: 'local__list_files', description: 'Lists files', parameters: { type: 'object', properties: {} } } }],
      }),
    );
    const call = first.find((e) => e.data.type === 'function.call.delta')!.data as unknown as {
      name: string;
      toolCallId: string;
      confirmationStatus?: string | null;
    };
    assert.equal(call.name, 'local__list_files');
    assert.ok(!call.confirmationStatus);
    const conversationId = (first[0].data as unknown as { conversationId: string }).conversationId;
    const second = await collect(
      await mistral.beta.conversations.appendStream({
        conversationId,
        conversationAppendStreamRequest: { inputs: [{ type: 'function.result', toolCallId: call.toolCallId, result: 'README.md, src/' }] },
      }),
    );
    assert.match(text(second), /The function returned: README\.md, src\//);
  });

  it('streams web_search as a server-side tool execution', async () => {
    const events = await collect(
      await mistral.beta.conversations.startStream({ model: 'mistral-medium-latest', inputs: 'left-pad', tools: [{ type: 'web_search' }] }),
    );
    assert.deepEqual(
      events.filter((e) => e.data.type.startsWith('tool.execution')).map((e) => [e.data.type, e.data.name]),
      [
        ['tool.execution.started', 'web_search'],
        ['tool.execution.done', 'web_search'],
      ],
    );
  });

  it('answers 401 to a wrong key before streaming', async () => {
    const { Mistral } = await import('@mistralai/mistralai');
    const wrong = new Mistral({ apiKey: 'wrong', serverURL: fixture.url, retryConfig: { strategy: 'none' } });
    await assert.rejects(wrong.beta.conversations.startStream({ model: 'm', inputs: 'hi' }), (err: { statusCode?: number }) => err.statusCode === 401);
  });
});
