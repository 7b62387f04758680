import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AgentEvent } from '../../src/core/agent/agentEvents';
import { undetermined } from '../../src/core/audit/outcome';
import type { AuditReport } from '../../src/core/audit/report';
import { chatRecordSchema } from '../../src/core/chat/chatRecord';
import { ANSWER_KEPT, ChatTimeline } from '../../src/core/chat/chatTimeline';
import type { ChatItem } from '../../src/protocol/chatItems';

function setup(items: ChatItem[] = []) {
  const changes: Array<{ item: ChatItem } | { text: string; delta: string }> = [];
  let clock = 1000;
  const timeline = new ChatTimeline(
    items,
    { item: (item) => changes.push({ item }), text: (id, delta) => changes.push({ text: id, delta }) },
    { now: () => clock, prefix: 'run1', keyProvider: 'mistral' },
  );
  return { timeline, items, changes, tick: (ms: number) => (clock += ms) };
}

const started = (callId: string, extra: Partial<Extract<AgentEvent, { type: 'toolCallStarted' }>> = {}): AgentEvent => ({
  type: 'toolCallStarted',
  round: 1,
  callId,
  name: 'everything__echo',
  connector: 'everything',
  tool: 'echo',
  internal: false,
  args: { message: 'hi' },
  ...extra,
});
const finishedCall = (callId: string, status: 'ok' | 'error' | 'denied' | 'cancelled'): AgentEvent => ({
  type: 'toolCallFinished',
  round: 1,
  callId,
  name: 'everything__echo',
  status,
  durationMs: 12,
  preview: status === 'ok' ? 'Echo: hi' : 'denied by the user',
});
const end = (reason: 'report' | 'error' | 'cancelled' | 'no-verdict', extra: Record<string, unknown> = {}): AgentEvent => ({
  type: 'finished',
  reason,
  outcome: undetermined('acme/widget', reason === 'report' ? 'error' : reason, 'why'),
  model: 'test-model',
  calls: { made: 0, failed: 0, denied: 0 },
  tools: [],
  message: 'why it ended',
  rounds: 1,
  usage: { inputTokens: 0, outputTokens: 0 },
  durationMs: 5,
  ...extra,
});

describe('chat timeline', () => {
  it('grows one assistant item per round by deltas, and closes it when a tool call starts', () => {
    const { timeline, items, changes } = setup();
    timeline.apply({ type: 'text', round: 1, delta: 'Look' });
    timeline.apply({ type: 'text', round: 1, delta: 'ing…' });
    assert.equal(items.length, 1);
    assert.deepEqual(changes[1], { text: items[0].id, delta: 'ing…' }, 'the second chunk is sent as a delta, not the whole item');
    timeline.apply(started('c1'));
    assert.deepEqual(items[0], { kind: 'assistant', id: items[0].id, text: 'Looking…', streaming: false });
    timeline.apply({ type: 'text', round: 2, delta: 'Done' });
    assert.equal(items.length, 3, 'a new round starts a new message after the card');
    assert.equal(items[2].kind, 'assistant');
  });

  it('moves a card through waiting → running → done with its duration and preview', () => {
    const { timeline, items, tick } = setup();
    timeline.apply(started('c1'));
    const card = () => items[0] as Extract<ChatItem, { kind: 'tool' }>;
    assert.equal(card().state, 'running');
    assert.equal(card().args, '{\n  "message": "hi"\n}');
    timeline.apply({ type: 'awaitingConfirmation', round: 1, callId: 'c1', connector: 'everything', tool: 'echo' });
    assert.equal(card().state, 'waiting');
    tick(5000);
    timeline.apply({ type: 'confirmationAnswered', round: 1, callId: 'c1', allowed: true });
    assert.equal(card().state, 'running');
    assert.equal(card().startedAt, 6000, 'the timer counts from the answer, not from the question');
    timeline.apply(finishedCall('c1', 'ok'));
    assert.deepEqual({ state: card().state, durationMs: card().durationMs, preview: card().preview }, { state: 'done', durationMs: 12, preview: 'Echo: hi' });
  });

  it('shows a denied call as denied, and a failed one as failed', () => {
    const { timeline, items } = setup();
    timeline.apply(started('a'));
    timeline.apply(started('b'));
    timeline.apply({ type: 'confirmationAnswered', round: 1, callId: 'a', allowed: false });
    assert.equal((items[0] as { state: string }).state, 'running', 'a denial is final only with the finished event');
    timeline.apply(finishedCall('a', 'denied'));
    timeline.apply(finishedCall('b', 'error'));
    assert.deepEqual(
      items.map((i) => (i as { state: string }).state),
      ['denied', 'failed'],
    );
  });

  it('keeps call ids of different runs apart (providers may reuse them)', () => {
    const items: ChatItem[] = [];
    const sink = { item() {}, text() {} };
    new ChatTimeline(items, sink, { prefix: 'run1' }).apply(started('call_0'));
    const second = new ChatTimeline(items, sink, { prefix: 'run2' });
    second.apply(started('call_0'));
    second.apply(finishedCall('call_0', 'ok'));
    assert.deepEqual(
      items.map((i) => (i as { state: string }).state),
      ['running', 'done'],
    );
  });

  it('hides the report tool call and shows the report as a card', () => {
    const { timeline, items } = setup();
    const report: AuditReport = { target: 'acme/widget', verdict: 'AVOID', summary: 's', findings: [] };
    timeline.apply(started('r', { name: 'submit_audit_report', connector: undefined, tool: undefined, internal: true }));
    timeline.apply({ type: 'reportSubmitted', report });
    timeline.apply(finishedCall('r', 'ok'));
    timeline.apply(end('report'));
    assert.deepEqual(
      items.map((i) => i.kind),
      ['report'],
    );
  });

  it('ends a failed run with the error and the fix for its kind', () => {
    const { timeline, items } = setup();
    timeline.apply(started('c1'));
    timeline.apply(end('error', { errorKind: 'auth', message: 'The Mistral API key was rejected.' }));
    assert.equal((items[0] as { state: string }).state, 'cancelled', 'no card keeps spinning after the run');
    const error = items[1];
    assert.equal(error.kind, 'error');
    assert.match(error.kind === 'error' ? error.text : '', /rejected/);
    assert.deepEqual(error.kind === 'error' ? error.fixes.map((f) => f.action.type) : [], ['setModelKey', 'openModelSettings']);
  });

  it('says plainly when there is no verdict, and when the person stopped the run', () => {
    const a = setup();
    a.timeline.apply(end('no-verdict'));
    assert.deepEqual(
      a.items.map((i) => i.kind),
      ['undetermined'],
    );
    const b = setup();
    b.timeline.apply({ type: 'text', round: 1, delta: 'half an ans' });
    b.timeline.apply(end('cancelled'));
    assert.deepEqual(
      b.items.map((i) => i.kind),
      ['assistant', 'notice'],
    );
    assert.equal((b.items[0] as { streaming: boolean }).streaming, false);
  });

  it('settles cards a closed window left running', () => {
    const items: ChatItem[] = [
      { kind: 'tool', id: 't', tool: 'echo', args: '{}', state: 'waiting', startedAt: 1 },
      { kind: 'assistant', id: 'a', text: 'x', streaming: true },
      { kind: 'tool', id: 'd', tool: 'echo', args: '{}', state: 'done', startedAt: 1, durationMs: 3 },
    ];
    const settled = ChatTimeline.settleInterrupted(items);
    assert.deepEqual(
      settled.map((i) => (i.kind === 'tool' ? i.state : i.kind === 'assistant' ? i.streaming : '')),
      ['cancelled', false, 'done'],
    );
  });

  it('keeps at most ANSWER_KEPT characters of a runaway answer, so the chat still saves and shows', () => {
    const { timeline, items, changes } = setup();
    const chunk = 'x'.repeat(250_000);
    for (let i = 0; i < 20; i++) timeline.apply({ type: 'text', round: 1, delta: chunk });
    // The first chunk opens the item; the others go as deltas.
    const deltas = changes.reduce((n, c) => n + ('delta' in c ? c.delta.length : 0), 0);
    assert.equal(chunk.length + deltas, ANSWER_KEPT, 'nothing past the limit is sent to the webview');
    timeline.apply(end('no-verdict'));
    const answer = items[0] as Extract<ChatItem, { kind: 'assistant' }>;
    assert.equal(answer.streaming, false);
    assert.ok(answer.text.startsWith('x'.repeat(ANSWER_KEPT)));
    assert.match(answer.text.slice(ANSWER_KEPT), /^\n\n… \(4000000 more characters of this answer are not kept in the chat\)$/);
    // The record as saved: an item over 2,000,000 characters would fail the schema and the save.
    const record = { version: 1, id: 'c1', title: 't', createdAt: 0, updatedAt: 0, items, messages: [] };
    assert.doesNotThrow(() => chatRecordSchema.parse(record));
  });
});
