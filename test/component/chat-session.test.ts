// One Auditor Chat without VS Code: ChatSession over the real agent loop, server-everything over
// stdio, the real `openai` SDK against the fake model server (or a scripted model where the wire
// does not matter), and a ChatStore in a temp folder.
import { after, afterEach, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AttachedConnector } from '../../src/core/agent/conversation';
import type { ModelClient } from '../../src/core/agent/modelClient';
import { createModelClient } from '../../src/core/agent/models';
import type { AuditReport } from '../../src/core/audit/report';
import { attachSessions } from '../../src/core/chat/attachSessions';
import type { ChatPorts, ChatSessionSink } from '../../src/core/chat/chatPorts';
import type { ChatRecord } from '../../src/core/chat/chatRecord';
import { ChatBusyError, ChatSession, newChatRecord } from '../../src/core/chat/chatSession';
import { ChatStore } from '../../src/core/chat/chatStore';
import { MASK } from '../../src/core/util/redact';
import { wellFormedPrefix } from '../../src/core/chat/wellFormed';
import { ConfirmationService, type ConfirmationPort } from '../../src/core/tools/confirmation';
import type { ChatItem, ToolItem } from '../../src/protocol/chatItems';
import { startFakeModel, type FakeModelServer, type FakeTurn } from '../fixtures/fakeModel/server';
import { scriptedPort } from '../helpers/agentRun';
import { ScriptedModel, toolCall } from '../helpers/scriptedModel';
import { connectorOf, EVERYTHING_ENTRY, memoryLog, sessionFor, type MemoryLog } from '../helpers/sessions';

const REPORT: AuditReport = {
  target: 'acme/widget',
  verdict: 'ADOPT WITH CAUTION',
  summary: 'The echo service answers.',
  findings: [{ analysis: 'quality', severity: 'info', claim: 'echo works.', sources: ['tool everything__echo'] }],
};
const everythingConfig = {
  name: 'everything',
  command: process.execPath,
  args: [EVERYTHING_ENTRY, 'stdio'],
  toolConfiguration: { requiresConfirmation: ['get-env'] },
};
const brokenConfig = { name: 'broken', command: 'connector-auditor-no-such-command-xyz' };

interface Recorded extends ChatSessionSink {
  events: ({ type: 'item'; item: ChatItem } | { type: 'text'; itemId: string; delta: string } | { type: 'running'; running: boolean })[];
  toolStates(): Map<string, string[]>;
}

function recordingSink(): Recorded {
  const events: Recorded['events'] = [];
  return {
    events,
    item: (item) => void events.push({ type: 'item', item: structuredClone(item) }),
    text: (itemId, delta) => void events.push({ type: 'text', itemId, delta }),
    running: (running) => void events.push({ type: 'running', running }),
    header: () => undefined,
    toolStates() {
      const states = new Map<string, string[]>();
      for (const e of events) {
        if (e.type !== 'item' || e.item.kind !== 'tool') continue;
        const list = states.get(e.item.id) ?? [];
        if (list.at(-1) !== e.item.state) list.push(e.item.state);
        states.set(e.item.id, list);
      }
      return states;
    },
  };
}

describe('ChatSession', () => {
  let dir: string;
  const fakes: FakeModelServer[] = [];
  const everything = sessionFor(everythingConfig);
  const broken = sessionFor(brokenConfig);
  const candidates = (which: 'everything' | 'both'): AttachedConnector[] => [
    { connector: connectorOf(everythingConfig), session: everything.session },
    ...(which === 'both' ? [{ connector: connectorOf(brokenConfig), session: broken.session }] : []),
  ];

  before(async () => (dir = await mkdtemp(join(tmpdir(), 'ca-chat-'))));
  after(async () => {
    await everything.session.dispose();
    await broken.session.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(fakes.splice(0).map((f) => f.close()));
  });

  function setup(opts: {
    model: ModelClient | (() => Promise<never>);
    port?: ConfirmationPort;
    connectors?: 'everything' | 'both' | 'none';
    store?: ChatStore;
    keyProvider?: 'openai';
    log?: MemoryLog;
    record?: ChatRecord;
    /** The model key the chosen model uses (masked wherever the chat's text goes). */
    modelKey?: string;
  }) {
    const log = opts.log ?? memoryLog();
    const store = opts.store ?? new ChatStore(join(dir, 'chats'), log);
    const sink = recordingSink();
    const model = opts.model;
    const ports: ChatPorts = {
      chooseModel:
        typeof model === 'function'
          ? model
          : async () => ({ client: model, label: model.id, keyProvider: opts.keyProvider, secrets: opts.modelKey ? [opts.modelKey] : [] }),
      attachConnectors: (_ids, signal) => attachSessions(opts.connectors === 'none' ? [] : candidates(opts.connectors ?? 'everything'), signal),
      confirmations: new ConfirmationService(opts.port ?? scriptedPort()),
      policy: () => 'listedOnly',
      saver: store,
      log,
    };
    const session = new ChatSession(opts.record ?? newChatRecord(), ports, sink);
    return { session, sink, store, log };
  }
  const openai = (f: FakeModelServer) => createModelClient({ provider: 'openai', baseUrl: f.baseUrl, model: 'fake', retry: false });
  const serve = async (turns: FakeTurn[]) => {
    const f = await startFakeModel(turns, { dialect: 'openai' });
    fakes.push(f);
    return f;
  };
  const kinds = (items: readonly ChatItem[]) => items.map((i) => i.kind);

  it('turns a run into items, streams the answer as text deltas, and saves a chat that reloads', async () => {
    const f = await serve([
      { text: 'Checking the echo service.', toolCalls: [{ name: 'everything__echo', arguments: { message: 'hi' } }] },
      { text: 'The service answers; submitting the report now.', toolCalls: [{ name: 'submit_audit_report', arguments: REPORT }] },
    ]);
    const { session, sink, store } = setup({ model: openai(f) });
    await session.send('Audit acme/widget and submit your report.', 'acme/widget');

    assert.deepEqual(kinds(session.record.items), ['user', 'assistant', 'tool', 'assistant', 'report']);
    const tool = session.record.items[2] as ToolItem;
    assert.deepEqual([tool.connector, tool.tool], ['everything', 'echo']);
    assert.deepEqual(sink.toolStates().get(tool.id), ['running', 'done']);
    assert.match(tool.preview ?? '', /Echo: hi/);
    const first = session.record.items[1];
    assert.ok(first.kind === 'assistant' && !first.streaming && first.text === 'Checking the echo service.');
    assert.ok(sink.events.filter((e) => e.type === 'text' && e.itemId === first.id).length >= 2, 'the answer grew through text deltas, not whole items');
    assert.deepEqual(
      sink.events.filter((e) => e.type === 'running').map((e) => e.type === 'running' && e.running),
      [true, false],
    );
    assert.equal(session.record.title, 'Audit acme/widget', 'titled by the target, not by the instruction the model gets');

    const reloaded = await store.get(session.id);
    assert.ok(reloaded, 'the chat reloads from disk');
    assert.deepEqual(reloaded.items, session.record.items);
    assert.deepEqual(
      reloaded.messages.map((m) => m.role),
      ['user', 'assistant', 'tool', 'assistant', 'tool'],
    );
    const listed = await store.list();
    assert.equal(listed.find((s) => s.id === session.id)?.verdict, 'ADOPT WITH CAUTION');

    // Only looking at a chat never rewrites it: its place in the history stays.
    const viewed = setup({ model: openai(f), record: structuredClone(reloaded) });
    await viewed.session.dispose();
    assert.equal((await store.get(session.id))?.updatedAt, reloaded.updatedAt);

    // The history goes on in a follow-up, sent to the model as it was.
    const g = await serve([{ toolCalls: [{ name: 'submit_audit_report', arguments: REPORT }] }]);
    const again = setup({ model: openai(g), record: reloaded });
    await again.session.send('Anything else?');
    const sent = g.requests[0].body.messages as { role: string }[];
    assert.deepEqual(
      sent.map((m) => m.role),
      ['system', 'user', 'assistant', 'tool', 'assistant', 'tool', 'user'],
    );
  });

  it('asks through the confirmation port: an allowed card goes waiting → running → done, a denied one waiting → denied', async () => {
    const port = scriptedPort(['allow', 'deny']);
    const model = new ScriptedModel([
      { toolCalls: [toolCall('everything__get-env')] },
      { toolCalls: [toolCall('submit_audit_report', { ...REPORT, findings: [] })] },
      { toolCalls: [toolCall('everything__get-env')] },
      { text: 'Went on without it.', toolCalls: [toolCall('submit_audit_report', { ...REPORT, findings: [] })] },
    ]);
    const { session, sink } = setup({ model, port });
    await session.send('Audit acme/widget');
    await session.send('Check the environment again');
    assert.deepEqual(
      port.asked.map((r) => r.toolName),
      ['get-env', 'get-env'],
    );
    const cards = session.record.items.filter((i): i is ToolItem => i.kind === 'tool');
    assert.deepEqual(
      cards.map((c) => sink.toolStates().get(c.id)),
      [
        ['running', 'waiting', 'running', 'done'],
        ['running', 'waiting', 'denied'],
      ],
    );
    assert.equal(cards[1].state, 'denied');
  });

  it('stops mid-stream: the answer closes, a notice says so, and a follow-up works', async () => {
    const model = new ScriptedModel([{ text: ['Let me ', 'think'], hang: 'signal' }, { toolCalls: [toolCall('submit_audit_report', REPORT)] }]);
    const { session, sink } = setup({ model, connectors: 'none' });
    const run = session.send('Audit acme/widget');
    await until(() => sink.events.some((e) => e.type === 'text'));
    assert.equal(session.stop(), true);
    await run;
    assert.deepEqual(kinds(session.record.items), ['user', 'assistant', 'notice']);
    assert.ok(session.record.items[1].kind === 'assistant' && !session.record.items[1].streaming);
    assert.match(JSON.stringify(session.record.items[2]), /Stopped/);
    assert.equal(session.running, false);
    await session.send('Go on');
    assert.equal(session.record.items.at(-1)?.kind, 'report');
  });

  it('stops during a tool call: cards end cancelled and the history stays well formed', async () => {
    const model = new ScriptedModel([
      { toolCalls: [toolCall('everything__trigger-long-running-operation', { duration: 10, steps: 10 }), toolCall('everything__echo', { message: 'x' })] },
      { toolCalls: [toolCall('submit_audit_report', REPORT)] },
    ]);
    const { session } = setup({ model });
    const started = performance.now();
    const run = session.send('Audit acme/widget');
    await until(() => session.record.items.some((i) => i.kind === 'tool' && i.tool === 'trigger-long-running-operation' && i.state === 'running'));
    await new Promise((r) => setTimeout(r, 200));
    session.stop();
    await run;
    assert.ok(performance.now() - started < 5000, 'stopped long before the operation would have ended');
    const long = session.record.items.find((i): i is ToolItem => i.kind === 'tool' && i.tool === 'trigger-long-running-operation');
    assert.equal(long?.state, 'cancelled');
    assert.equal(session.record.items.at(-1)?.kind, 'notice');
    assert.deepEqual(wellFormedPrefix(session.record.messages), session.record.messages);
    assert.equal(session.record.messages.at(-1)?.role, 'tool');
    await session.send('Go on');
    assert.equal(session.record.items.at(-1)?.kind, 'report');
  });

  it('shows a rejected key as an error with the fix that sets it, and Try Again sends the message once', async () => {
    // No tool runs here, so the report cites none (a citation of a tool never called is sent back).
    const f = await serve([
      { status: 401, message: 'Incorrect API key provided' },
      { toolCalls: [{ name: 'submit_audit_report', arguments: { ...REPORT, findings: [] } }] },
    ]);
    const { session } = setup({ model: openai(f), connectors: 'none', keyProvider: 'openai' });
    await session.send('Audit acme/widget');
    const error = session.record.items.at(-1);
    assert.ok(error?.kind === 'error');
    assert.deepEqual(error.fixes[0]?.action, { type: 'setModelKey', provider: 'openai' });
    await session.retry();
    assert.equal(session.record.items.at(-1)?.kind, 'report');
    const sent = f.requests[1].body.messages as { role: string }[];
    assert.deepEqual(
      sent.map((m) => m.role),
      ['system', 'user'],
      'the message is not sent twice',
    );
  });

  it('turns a model that cannot be chosen into an error with Open Model Settings', async () => {
    const { session } = setup({ model: async () => Promise.reject(new Error('No VS Code language model is available.')), connectors: 'none' });
    await session.send('Audit acme/widget');
    const error = session.record.items.at(-1);
    assert.ok(error?.kind === 'error');
    assert.match(error.text, /No VS Code language model/);
    assert.deepEqual(
      error.fixes.map((f) => f.action.type),
      ['openModelSettings', 'retry'],
    );
  });

  it('reports a connector that fails to start with Reconnect and Show Log, and the audit goes on', async () => {
    const model = new ScriptedModel([
      { toolCalls: [toolCall('everything__echo', { message: 'still here' })] },
      { toolCalls: [toolCall('submit_audit_report', REPORT)] },
    ]);
    const { session } = setup({ model, connectors: 'both' });
    await session.send('Audit acme/widget');
    const error = session.record.items.find((i) => i.kind === 'error');
    assert.ok(error?.kind === 'error');
    assert.match(error.text, /^broken: .*goes on without it/);
    assert.deepEqual(
      error.fixes.map((f) => f.action),
      [
        { type: 'reconnect', connectorId: 'private:broken' },
        { type: 'showLog', connectorId: 'private:broken' },
      ],
    );
    assert.equal(session.record.items.at(-1)?.kind, 'report');
    assert.ok(!model.requests[0].tools.some((t) => t.name.startsWith('broken__')));
  });

  it('masks the model key the model repeats in the saved chat and its report card; the chat in memory goes on as said', async () => {
    const key = `canary-key-${Date.now()}`;
    const model = new ScriptedModel([
      { text: `Using ${key}.`, toolCalls: [toolCall('everything__echo', { message: key })] },
      { toolCalls: [toolCall('submit_audit_report', { ...REPORT, summary: `Configured with ${key}.` })] },
    ]);
    const { session, store } = setup({ model, modelKey: key });
    await session.send('Audit acme/widget');
    const report = session.record.items.find((i) => i.kind === 'report');
    assert.ok(report?.kind === 'report');
    assert.equal(report.report.summary, `Configured with ${MASK}.`, 'the report card');
    const saved = JSON.stringify(await store.get(session.id));
    assert.ok(!saved.includes(key), `the saved chat holds the key: ${saved}`);
    assert.ok(saved.includes(`Using ${MASK}.`) && saved.includes(`{\\"message\\":\\"${MASK}\\"}`), 'masked where it was said, tool-call arguments included');
    // What the model said stays in the live conversation, so a follow-up in this window reads the same.
    assert.equal(session.record.messages[1].content, `Using ${key}.`);
  });

  it('refuses a second message while a run is going', async () => {
    const model = new ScriptedModel([{ text: 'Working', hang: 'signal' }]);
    const { session } = setup({ model, connectors: 'none' });
    const run = session.send('Audit acme/widget');
    assert.equal(session.running, true);
    await assert.rejects(session.send('And another'), ChatBusyError);
    await assert.rejects(session.retry(), ChatBusyError);
    session.stop();
    await run;
    assert.equal(session.record.items.filter((i) => i.kind === 'user').length, 1);
  });

  it('saves at most every interval while streaming, and always at the end', async () => {
    const saved: ChatRecord[] = [];
    const model = new ScriptedModel([
      { text: Array.from({ length: 40 }, (_, i) => `w${i} `), delayMs: 15 },
      { toolCalls: [toolCall('submit_audit_report', REPORT)] },
    ]);
    const counting = new ChatSession(
      newChatRecord(),
      {
        chooseModel: async () => ({ client: model, label: model.id }),
        attachConnectors: async () => ({ attached: [], failures: [] }),
        confirmations: new ConfirmationService(scriptedPort()),
        policy: () => 'listedOnly',
        saver: { save: async (r) => void saved.push(structuredClone(r)) },
        log: memoryLog(),
        saveIntervalMs: 200,
      },
      recordingSink(),
    );
    const started = performance.now();
    await counting.send('Audit acme/widget');
    const elapsed = performance.now() - started;
    assert.ok(saved.length >= 2, `saved while streaming (${saved.length})`);
    assert.ok(saved.length <= Math.ceil(elapsed / 200) + 2, `${saved.length} saves in ${Math.round(elapsed)} ms`);
    assert.deepEqual(saved.at(-1)?.items, counting.record.items, 'the last save has the end state');
  });

  it('keeps the chat in memory when saving fails, and says so once', async () => {
    const file = join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    const log = memoryLog();
    const model = new ScriptedModel([{ text: 'Answer.', toolCalls: [toolCall('submit_audit_report', { ...REPORT, findings: [] })] }]);
    const { session } = setup({ model, connectors: 'none', store: new ChatStore(join(file, 'chats'), log), log });
    await session.send('Audit acme/widget');
    assert.deepEqual(
      kinds(session.record.items).filter((k) => k !== 'notice'),
      ['user', 'assistant', 'report'],
    );
    const notices = session.record.items.filter((i) => i.kind === 'notice');
    assert.equal(notices.length, 1);
    assert.match(JSON.stringify(notices[0]), /could not be saved/);
    assert.ok(
      log.lines.some((l) => /^warn chat .* could not be saved/.test(l)),
      log.lines.join('\n'),
    );
  });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
