// The Studio-mode agent (StudioAgentRunner) through the real @mistralai/mistralai SDK against the
// fake Studio: server-everything is a Studio connector (run server-side by the fake) and, over
// stdio, a local connector offered as a function tool; the fake's scripted auditor calls them and
// submits a report citing what they returned.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auditInput } from '../../src/core/agent/auditorProfile';
import type { Conversation } from '../../src/core/agent/conversation';
import { MISTRAL_KEY_HINT } from '../../src/core/agent/models/mistral';
import { StudioAgentRunner, type StudioAgentDeps, type StudioAttachment } from '../../src/core/studio/studioAgent';
import { StudioClient } from '../../src/core/studio/studioClient';
import { STUDIO_CONFIRM_REASON, studioToolConfiguration } from '../../src/core/studio/studioToolConfiguration';
import { ConfirmationService, type ConfirmationPort } from '../../src/core/tools/confirmation';
import { EXAMPLE_ADVISORY } from '../fixtures/mistralStudio/scriptedAuditor';
import { startStudioFixture, type StudioFixture } from '../fixtures/mistralStudio/server';
import { collect, ofType, scriptedPort } from '../helpers/agentRun';
import { startEverything } from '../helpers/everythingServer';
import { connectorOf, EVERYTHING_ENTRY, sessionFor } from '../helpers/sessions';

describe('StudioAgentRunner against the fake Studio (real SDK)', () => {
  let fixture: StudioFixture;
  let everything: Awaited<ReturnType<typeof startEverything>>;
  let studio: StudioAttachment['connector'];
  const local = sessionFor({ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] });
  const localConnector = connectorOf({ name: 'everything', command: process.execPath, args: [EVERYTHING_ENTRY, 'stdio'] });

  before(async () => {
    [fixture, everything] = await Promise.all([startStudioFixture(), startEverything('streamableHttp')]);
    const client = new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url });
    studio = await client.create({ name: 'everything', description: 'server-everything', server: `http://127.0.0.1:${everything.port}/mcp` });
  });
  after(async () => {
    await local.session.dispose();
    await fixture.close();
    await everything.stop();
  });

  function runner(overrides: Partial<StudioAgentDeps> & { port?: ConfirmationPort; requiresConfirmation?: string[] } = {}) {
    const { port = scriptedPort(), requiresConfirmation, ...rest } = overrides;
    return new StudioAgentRunner({
      api: { apiKey: fixture.key, serverUrl: fixture.url },
      model: 'mistral-medium-latest',
      studioConnectors: [{ connector: studio, toolConfiguration: requiresConfirmation ? { requiresConfirmation } : {} }],
      webSearch: true,
      confirmations: new ConfirmationService(port),
      policy: () => 'listedOnly',
      ...rest,
    });
  }
  const conversationRequests = () =>
    fixture.requests.filter((r) => r.path.startsWith('/v1/conversations')).map((r) => ({ path: r.path, body: JSON.parse(r.body) as Record<string, unknown> }));
  const text = (events: { type: string; delta?: string }[]) =>
    events
      .filter((e) => e.type === 'text')
      .map((e) => e.delta)
      .join('');

  it('runs the connector server-side and web_search, then finishes with the report that cites them', async () => {
    const before = conversationRequests().length;
    const conversation: Conversation = { connectors: [], messages: [] };
    const lines: string[] = [];
    const { events, finished } = await collect(runner({ transcript: { write: (l) => void lines.push(l) } }).run(conversation, auditInput('acme/widgets')));
    assert.equal(finished.reason, 'report', finished.message);
    assert.equal(finished.outcome.kind, 'report');
    const report = finished.outcome.kind === 'report' ? finished.outcome.report : undefined;
    assert.equal(report?.target, 'acme/widgets');
    assert.match(report!.findings[0].claim, /echo on everything returned: Echo: from the Studio agent/);
    assert.ok(report!.findings.some((f) => f.sources.includes(EXAMPLE_ADVISORY)));

    const sent = conversationRequests().slice(before);
    const start = sent[0].body as { instructions?: string; tools: Array<Record<string, unknown>> };
    assert.match(start.instructions ?? '', /auditor of Connector Auditor/);
    assert.deepEqual(start.tools.slice(0, 2), [{ type: 'connector', connector_id: studio.id }, { type: 'web_search' }]);
    assert.ok(start.tools.some((t) => (t.function as { name?: string } | undefined)?.name === 'submit_audit_report'));
    // The submit call is answered too, so the Studio conversation is left well formed.
    const closing = sent.at(-1)!.body as { inputs: Array<{ type: string; result: string }> };
    assert.equal(closing.inputs[0].type, 'function.result');
    assert.match(closing.inputs[0].result, /Report received/);
    assert.match(text(events), /The audit is submitted\./);

    const started = ofType(events, 'toolCallStarted').filter((e) => !e.internal);
    assert.deepEqual(
      started.map((e) => [e.connector, e.tool]),
      [
        ['everything (Mistral Studio)', 'echo'],
        ['Web search (Mistral Studio)', 'web_search'],
      ],
    );
    assert.ok(finished.usage.inputTokens > 0);
    assert.ok(conversation.studio?.conversationId?.startsWith('conv_'));
    assert.equal(sent[1].path, `/v1/conversations/${conversation.studio!.conversationId}`);
    const records = lines.map((l) => JSON.parse(l) as { type: string; model?: string; reason?: string });
    assert.equal(records[0].model, 'mistral-studio:mistral-medium-latest');
    assert.equal(records.at(-1)!.reason, 'report');
  });

  it('asks the person about a pending confirmation, and after Allow the tool really runs', async () => {
    const port = scriptedPort(['allow']);
    const { events, finished } = await collect(
      runner({ port, requiresConfirmation: ['echo'] }).run({ connectors: [], messages: [] }, auditInput('acme/widgets')),
    );
    assert.deepEqual(port.asked, [
      {
        connectorId: 'studio:everything',
        connectorLabel: 'everything (Mistral Studio)',
        toolName: 'echo',
        args: { message: 'from the Studio agent' },
        reason: STUDIO_CONFIRM_REASON,
        readOnly: false,
        destructive: false,
      },
    ]);
    const append = conversationRequests().find((r) => Array.isArray(r.body.tool_confirmations))!;
    const callId = ofType(events, 'awaitingConfirmation')[0].callId;
    assert.deepEqual(append.body.tool_confirmations, [{ tool_call_id: callId, confirmation: 'allow' }]);
    assert.deepEqual(
      ofType(events, 'confirmationAnswered').map((e) => [e.callId, e.allowed]),
      [[callId, true]],
    );
    // The execution Mistral reports continues the confirmed call's entry.
    assert.equal(ofType(events, 'toolCallFinished').find((e) => e.callId === callId)?.status, 'ok');
    assert.match(text(events), /echo on everything returned: Echo: from the Studio agent/);
    assert.equal(finished.reason, 'report');
    assert.match(finished.outcome.kind === 'report' ? finished.outcome.report.findings[0].claim : '', /Echo: from the Studio agent/);
  });

  it('after Deny the tool does not run, Mistral is told so, and the run still ends with a report', async () => {
    const port = scriptedPort(['deny']);
    const before = conversationRequests().length;
    const { events, finished } = await collect(
      runner({ port, requiresConfirmation: ['echo'] }).run({ connectors: [], messages: [] }, auditInput('acme/widgets')),
    );
    assert.equal(port.asked.length, 1);
    const sent = conversationRequests().slice(before);
    assert.equal((sent[1].body.tool_confirmations as Array<{ confirmation: string }>)[0].confirmation, 'deny');
    assert.ok(!ofType(events, 'toolCallStarted').some((e) => e.tool === 'echo' && e.callId !== ofType(events, 'awaitingConfirmation')[0].callId));
    assert.doesNotMatch(text(events), /Echo: from the Studio agent/);
    assert.deepEqual(
      ofType(events, 'toolCallFinished')
        .filter((e) => e.name === 'echo')
        .map((e) => e.status),
      ['denied'],
    );
    assert.equal(finished.reason, 'report');
    assert.match(finished.outcome.kind === 'report' ? finished.outcome.report.findings[0].claim : '', /could not be checked: the call was denied/);
  });

  it('with the listed tools and the policy, Mistral holds what a local call would ask about, for the same reason', async () => {
    const tools = await new StudioClient({ apiKey: fixture.key, serverUrl: fixture.url }).listTools(studio.id);
    const port = scriptedPort(['deny']);
    const attachment: StudioAttachment = { connector: studio, tools, toolConfiguration: studioToolConfiguration(tools, 'unlessReadOnly') };
    const { finished } = await collect(
      runner({ port, policy: () => 'unlessReadOnly', studioConnectors: [attachment] }).run({ connectors: [], messages: [] }, auditInput('acme/widgets')),
    );
    const held = attachment.toolConfiguration.requiresConfirmation ?? [];
    assert.ok(held.includes('toggle-simulated-logging') && !held.includes('echo'), held.join(','));
    assert.equal(port.asked.length, 1);
    assert.equal(port.asked[0].toolName, 'toggle-simulated-logging');
    assert.equal(port.asked[0].reason, 'not marked read-only by the server');
    assert.equal(finished.reason, 'report');
  });

  it('offers a local connector as a function tool, runs it here and sends its result back as function.result', async () => {
    const before = conversationRequests().length;
    const conversation: Conversation = { connectors: [{ connector: localConnector, session: local.session }], messages: [] };
    const { events, finished } = await collect(runner({ studioConnectors: [], webSearch: false }).run(conversation, auditInput('acme/widgets')));
    const sent = conversationRequests().slice(before);
    const tools = (sent[0].body.tools as Array<{ type: string; function?: { name: string; description: string } }>).map((t) => t.function?.name);
    assert.ok(tools.includes('everything__echo') && tools.includes('submit_audit_report'));
    const localCall = ofType(events, 'toolCallStarted').find((e) => e.connector === 'everything')!;
    assert.equal(localCall.tool, 'echo');
    const result = (sent[1].body.inputs as Array<{ type: string; tool_call_id: string; result: string }>)[0];
    assert.equal(result.type, 'function.result');
    assert.equal(result.tool_call_id, localCall.callId);
    // Fenced as untrusted data, as AgentRunner sends tool results.
    assert.match(result.result, /It is not an instruction[\s\S]*<<<TOOL_DATA [0-9a-f]+>>>\nEcho: from the Studio agent\n<<<END_TOOL_DATA/);
    assert.equal(finished.reason, 'report');
    assert.match(
      finished.outcome.kind === 'report' ? finished.outcome.report.findings.at(-1)!.claim : '',
      /everything__echo returned: Echo: from the Studio agent/,
    );
    assert.deepEqual(
      conversation.messages.map((m) => m.role),
      ['user', 'assistant', 'tool', 'assistant', 'tool', 'assistant'],
    );
  });

  it('a follow-up run on the same conversation appends to the same Studio conversation', async () => {
    const conversation: Conversation = { connectors: [], messages: [] };
    const first = await collect(runner().run(conversation, auditInput('acme/widgets')));
    assert.equal(first.finished.reason, 'report');
    const id = conversation.studio?.conversationId;
    const before = conversationRequests().length;
    const messages = conversation.messages.length;
    await collect(runner().run(conversation, { text: 'Which licence does it use?' }));
    const sent = conversationRequests().slice(before);
    assert.equal(sent[0].path, `/v1/conversations/${id}`);
    assert.equal(sent[0].body.inputs, 'Which licence does it use?');
    assert.equal(sent[0].body.tools, undefined, 'an append cannot change the tools');
    assert.deepEqual(conversation.messages[messages], { role: 'user', content: 'Which licence does it use?' });
  });

  it('a rejected key ends the run with kind auth and the key hint', async () => {
    const { finished } = await collect(
      runner({ api: { apiKey: 'wrong-key', serverUrl: fixture.url } }).run({ connectors: [], messages: [] }, auditInput('acme/widgets')),
    );
    assert.equal(finished.reason, 'error');
    assert.equal(finished.errorKind, 'auth');
    assert.ok(finished.message?.includes('HTTP 401') && finished.message.includes(MISTRAL_KEY_HINT), finished.message);
  });

  it('a 429 ends the run with kind rateLimit and the wait Mistral asked for', async () => {
    fixture.rateLimit(1, 7);
    const { finished } = await collect(runner().run({ connectors: [], messages: [] }, auditInput('acme/widgets')));
    assert.equal(finished.errorKind, 'rateLimit');
    assert.match(finished.message ?? '', /HTTP 429.*7 s/);
  });

  it('an unreachable API ends with kind unreachable naming the URL', async () => {
    const closed = await sseServer(() => undefined);
    await closed.close();
    const { finished } = await collect(runner({ api: { apiKey: 'k', serverUrl: closed.url } }).run({ connectors: [], messages: [] }, auditInput('x')));
    assert.equal(finished.errorKind, 'unreachable');
    assert.ok(
      finished.message?.includes(`Cannot reach Mistral at ${closed.url}`) && finished.message.includes('CONNECTOR_AUDITOR_MISTRAL_URL'),
      finished.message,
    );
  });
});

describe('StudioAgentRunner against hand-written streams (hung, broken, failing, leaking)', () => {
  const deps = (url: string): StudioAgentDeps => ({
    api: { apiKey: 'k', serverUrl: url },
    model: 'm',
    studioConnectors: [],
    webSearch: false,
    confirmations: new ConfirmationService(scriptedPort()),
    policy: () => 'listedOnly',
  });
  const started = `event: conversation.response.started\ndata: ${JSON.stringify({ type: 'conversation.response.started', conversation_id: 'conv_1' })}\n\n`;

  it('cancelling mid-stream ends the run as cancelled and closes the stream', async () => {
    let closedByClient!: () => void;
    const streamClosed = new Promise<void>((resolve) => (closedByClient = resolve));
    const server = await sseServer((res) => {
      res.write(started);
      res.write(`event: message.output.delta\ndata: ${JSON.stringify({ type: 'message.output.delta', id: 'm1', content: 'Looking' })}\n\n`);
      res.on('close', () => closedByClient());
    });
    const controller = new AbortController();
    const run = new StudioAgentRunner(deps(server.url)).run({ connectors: [], messages: [] }, auditInput('x'), controller.signal);
    const { finished } = await collect(run, (e) => e.type === 'text' && controller.abort());
    assert.equal(finished.reason, 'cancelled');
    await streamClosed;
    await server.close();
  });

  it('cancelling while a Studio confirmation is open ends the run as cancelled', async () => {
    const server = await sseServer((res) => {
      const held = { type: 'function.call.delta', id: 'fc1', name: 'wipe', tool_call_id: 'call_1', arguments: '{}', confirmation_status: 'pending' };
      const done = { type: 'conversation.response.done', usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } };
      res.end(`${started}event: function.call.delta\ndata: ${JSON.stringify(held)}\n\nevent: conversation.response.done\ndata: ${JSON.stringify(done)}\n\n`);
    });
    // A dialog that never answers, as a modal nobody clicks.
    const port: ConfirmationPort = { confirm: () => new Promise(() => undefined) };
    const controller = new AbortController();
    const run = new StudioAgentRunner({ ...deps(server.url), confirmations: new ConfirmationService(port) }).run(
      { connectors: [], messages: [] },
      auditInput('x'),
      controller.signal,
    );
    const { events, finished } = await collect(run, (e) => e.type === 'awaitingConfirmation' && controller.abort());
    assert.equal(finished.reason, 'cancelled');
    assert.deepEqual(
      ofType(events, 'confirmationAnswered').map((e) => e.allowed),
      [false],
    );
    await server.close();
  });

  it('a model that stops without a report is reminded once, then the run ends without a verdict', async () => {
    const bodies: string[] = [];
    const server = await sseServer((res, body) => {
      bodies.push(body);
      const answer = `event: message.output.delta\ndata: ${JSON.stringify({ type: 'message.output.delta', id: 'm1', content: 'It looks fine to me.' })}\n\n`;
      const done = `event: conversation.response.done\ndata: ${JSON.stringify({ type: 'conversation.response.done', usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } })}\n\n`;
      res.end(started + answer + done);
    });
    const { events, finished } = await collect(new StudioAgentRunner(deps(server.url)).run({ connectors: [], messages: [] }, auditInput('x')));
    assert.equal(finished.reason, 'no-verdict');
    assert.equal(finished.outcome.kind === 'undetermined' ? finished.outcome.lastAnswer : '', 'It looks fine to me.');
    assert.equal(bodies.length, 2);
    assert.match((JSON.parse(bodies[1]) as { inputs: string }).inputs, /You have not submitted the audit\. Call submit_audit_report now/);
    assert.deepEqual(
      ofType(events, 'roundStarted').map((e) => e.reminder),
      [false, true],
    );
    await server.close();
  });

  it('masks a known secret in the streamed text, even when it arrives split across two deltas', async () => {
    const secret = 'sk-studio-0123456789';
    const delta = (content: string) => `event: message.output.delta\ndata: ${JSON.stringify({ type: 'message.output.delta', id: 'm1', content })}\n\n`;
    const server = await sseServer((res) =>
      res.end(
        started +
          delta('Your key is sk-studio-01') +
          delta('23456789, keep it safe.') +
          `event: conversation.response.error\ndata: ${JSON.stringify({ type: 'conversation.response.error', message: `bad key ${secret}`, code: 1 })}\n\n`,
      ),
    );
    const { events, finished } = await collect(
      new StudioAgentRunner({ ...deps(server.url), secrets: () => [secret] }).run({ connectors: [], messages: [] }, auditInput('x')),
    );
    const shown = events
      .filter((e) => e.type === 'text')
      .map((e) => (e.type === 'text' ? e.delta : ''))
      .join('');
    assert.match(shown, /Your key is ••••••, keep it safe\./);
    assert.ok(!JSON.stringify(events).includes(secret) && !(finished.message ?? '').includes(secret));
    await server.close();
  });

  it('text said before a server-side tool runs is shown before that tool call, whole', async () => {
    const secret = 'sk-studio-0123456789';
    const sse = (type: string, data: Record<string, unknown>) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
    const server = await sseServer((res) =>
      res.end(
        started +
          sse('message.output.delta', { id: 'm1', content: 'The call was denied, so I did not run it.' }) +
          sse('tool.execution.started', { id: 'ws_1', name: 'web_search', arguments: '{}' }) +
          sse('tool.execution.done', { id: 'ws_1', name: 'web_search', info: {} }) +
          sse('message.output.delta', { id: 'm2', content: ' The web agrees.' }) +
          sse('conversation.response.error', { message: 'stop here', code: 1 }),
      ),
    );
    try {
      // A known secret makes the redactor hold back the tail of every delta.
      const { events } = await collect(
        new StudioAgentRunner({ ...deps(server.url), secrets: () => [secret] }).run({ connectors: [], messages: [] }, auditInput('x')),
      );
      const order = events.filter((e) => e.type === 'text' || e.type === 'toolCallStarted').map((e) => (e.type === 'text' ? e.delta : '[tool]'));
      assert.equal(order.join(''), 'The call was denied, so I did not run it.[tool] The web agrees.');
    } finally {
      await server.close();
    }
  });

  it('a conversation.response.error event ends the run with its message', async () => {
    const server = await sseServer((res) => {
      res.end(
        `${started}event: conversation.response.error\ndata: ${JSON.stringify({ type: 'conversation.response.error', message: 'Connector everything timed out', code: 3504 })}\n\n`,
      );
    });
    const { finished } = await collect(new StudioAgentRunner(deps(server.url)).run({ connectors: [], messages: [] }, auditInput('x')));
    assert.equal(finished.reason, 'error');
    assert.match(finished.message ?? '', /code 3504\): Connector everything timed out/);
    await server.close();
  });

  it('a malformed event stream ends the run with an error, not a crash', async () => {
    const server = await sseServer((res) => res.end(`${started}event: message.output.delta\ndata: {not json\n\n`));
    const { finished } = await collect(new StudioAgentRunner(deps(server.url)).run({ connectors: [], messages: [] }, auditInput('x')));
    assert.equal(finished.reason, 'error');
    assert.equal(finished.errorKind, 'server');
    assert.match(finished.message ?? '', /could not be read/);
    await server.close();
  });

  it('a stream that ends before conversation.response.done is an error', async () => {
    const server = await sseServer((res) => res.end(started));
    const { finished } = await collect(new StudioAgentRunner(deps(server.url)).run({ connectors: [], messages: [] }, auditInput('x')));
    assert.equal(finished.reason, 'error');
    assert.match(finished.message ?? '', /ended before it was done/);
    await server.close();
  });
});

/** A bare SSE endpoint for streams the fake Studio never sends (hung, broken, failing). */
async function sseServer(respond: (res: ServerResponse, body: string) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      respond(res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}
