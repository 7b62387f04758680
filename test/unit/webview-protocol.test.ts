import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatState } from '../../src/protocol/chatItems';
import { parseHostMessage, parseWebviewMessage } from '../../src/protocol/chatMessages';

const FULL_STATE: ChatState = {
  chatId: 'c1',
  header: {
    title: 'Audit acme/widget',
    model: { label: 'fake', detail: 'from settings' },
    connectors: [{ id: 'everything', label: 'everything', status: 'ready' }],
  },
  running: false,
  items: [
    { kind: 'user', id: 'u1', text: 'Audit acme/widget' },
    { kind: 'assistant', id: 'a1', text: 'Looking.', streaming: false },
    { kind: 'tool', id: 't1', connector: 'everything', tool: 'echo', args: '{}', state: 'done', startedAt: 1, durationMs: 2, preview: 'ok' },
    { kind: 'notice', id: 'n1', text: 'note' },
    { kind: 'error', id: 'e1', text: 'No model', fixes: [{ id: 'f1', label: 'Open Settings', action: { type: 'openModelSettings' } }] },
    {
      kind: 'report',
      id: 'r1',
      report: {
        target: 'acme/widget',
        verdict: 'AVOID',
        summary: 'Bad.',
        findings: [{ analysis: 'security', severity: 'high', claim: 'x', sources: ['https://example.com'] }],
      },
    },
    { kind: 'undetermined', id: 'x1', target: 'acme/widget', text: 'No verdict.' },
  ],
};

function rejectsHost(raw: unknown, why: string) {
  const parsed = parseHostMessage(raw);
  assert.equal(parsed.ok, false, why);
  if (!parsed.ok) assert.ok(parsed.problem.length > 0 && parsed.problem.length < 500, 'a one-line problem for the log');
}

function rejectsWebview(raw: unknown, why: string) {
  assert.equal(parseWebviewMessage(raw).ok, false, why);
}

describe('chat protocol: host → webview', () => {
  it('accepts every message type in its valid form', () => {
    const valid: unknown[] = [
      { type: 'state', state: FULL_STATE },
      { type: 'header', chatId: 'c1', header: FULL_STATE.header },
      { type: 'item', chatId: 'c1', item: FULL_STATE.items[2] },
      { type: 'text', chatId: 'c1', itemId: 'a1', delta: 'more' },
      { type: 'running', chatId: 'c1', running: true },
      { type: 'response', requestId: 3, ok: false, error: 'nope' },
      { type: 'focusComposer', draft: 'Audit x' },
      { type: 'focusComposer' },
    ];
    for (const raw of valid) assert.equal(parseHostMessage(raw).ok, true, JSON.stringify(raw).slice(0, 80));
  });

  it('rejects unknown types and anything that is not a message object, without throwing', () => {
    for (const raw of [undefined, null, 42, 'state', [], {}, { type: 'eval', code: 'x' }, { type: 'STATE', state: FULL_STATE }, { type: 'ready' }]) {
      rejectsHost(raw, JSON.stringify(raw) ?? 'undefined');
    }
    const parsed = parseHostMessage({ type: 'surprise' });
    assert.ok(!parsed.ok && parsed.problem.includes('surprise'), 'the problem names the type');
  });

  it('rejects missing and mistyped fields', () => {
    rejectsHost({ type: 'text', chatId: 'c1', itemId: 'a1' }, 'no delta');
    rejectsHost({ type: 'text', chatId: 'c1', itemId: 'a1', delta: 5 }, 'numeric delta');
    rejectsHost({ type: 'running', chatId: 'c1', running: 'yes' }, 'string boolean');
    rejectsHost({ type: 'item', chatId: '', item: FULL_STATE.items[0] }, 'empty chat id');
    rejectsHost({ type: 'item', chatId: 'c1', item: { ...FULL_STATE.items[2], state: 'exploded' } }, 'unknown tool state');
    rejectsHost({ type: 'item', chatId: 'c1', item: { kind: 'html', id: 'h', html: '<b>' } }, 'unknown item kind');
    rejectsHost(
      { type: 'item', chatId: 'c1', item: { kind: 'report', id: 'r', report: { target: 't', verdict: 'FINE', summary: 's', findings: [] } } },
      'unknown verdict',
    );
    rejectsHost(
      {
        type: 'item',
        chatId: 'c1',
        item: { kind: 'error', id: 'e', text: 't', fixes: [{ id: 'f', label: 'Run', action: { type: 'runCommand', command: 'rm' } }] },
      },
      'a fix that names a command',
    );
    rejectsHost({ type: 'response', requestId: -1, ok: true }, 'negative request id');
    rejectsHost({ type: 'response', requestId: 1.5, ok: true }, 'fractional request id');
    rejectsHost({ type: 'state', state: { ...FULL_STATE, items: 'none' } }, 'items not an array');
  });

  it('rejects oversize strings and lists', () => {
    rejectsHost({ type: 'text', chatId: 'c1', itemId: 'a1', delta: 'x'.repeat(1_000_001) }, 'delta over 1 MB');
    rejectsHost({ type: 'item', chatId: 'c1', item: { kind: 'user', id: 'u', text: 'x'.repeat(2_000_001) } }, 'text over 2 MB');
    rejectsHost({ type: 'item', chatId: 'c'.repeat(201), item: FULL_STATE.items[0] }, 'id over 200');
    rejectsHost({ type: 'focusComposer', draft: 'x'.repeat(10_001) }, 'draft over 10k');
    rejectsHost({ type: 'response', requestId: 1, ok: false, error: 'x'.repeat(2_001) }, 'error over 2k');
    const many = Array.from({ length: 10_001 }, (_, i) => ({ kind: 'notice' as const, id: `n${i}`, text: '' }));
    rejectsHost({ type: 'state', state: { ...FULL_STATE, items: many } }, 'more than 10,000 items');
  });

  it('drops fields the schema does not know instead of passing them on', () => {
    const parsed = parseHostMessage({ type: 'running', chatId: 'c1', running: true, html: '<script>' });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message, { type: 'running', chatId: 'c1', running: true });
    const polluted = parseHostMessage(JSON.parse('{"type":"running","chatId":"c1","running":false,"__proto__":{"polluted":true}}'));
    assert.ok(polluted.ok);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

describe('chat protocol: webview → host', () => {
  it('accepts every message type in its valid form', () => {
    const valid: unknown[] = [
      { type: 'ready' },
      { type: 'send', text: 'Audit x', requestId: 1 },
      { type: 'stop' },
      { type: 'newChat', requestId: 2 },
      { type: 'showHistory' },
      { type: 'pickModel' },
      { type: 'editConnectors' },
      { type: 'auditRepository' },
      { type: 'openLink', href: 'https://example.com' },
      { type: 'copy', text: 'code' },
      { type: 'runFix', itemId: 'e1', fixId: 'f1' },
      { type: 'openReport', itemId: 'r1' },
      { type: 'saveReport', itemId: 'r1' },
      { type: 'log', level: 'warn', message: 'dropped a message' },
    ];
    for (const raw of valid) assert.equal(parseWebviewMessage(raw).ok, true, JSON.stringify(raw));
  });

  it('rejects unknown types, empty sends, oversize text and bad fields', () => {
    rejectsWebview({ type: 'runCommand', command: 'workbench.action.terminal.new' }, 'unknown type');
    rejectsWebview({ type: 'send', text: '' }, 'empty text');
    rejectsWebview({ type: 'send', text: '  \n ' }, 'only whitespace');
    rejectsWebview({ type: 'send', text: 'x'.repeat(100_001) }, 'over 100k');
    rejectsWebview({ type: 'openLink', href: 'https://e.com/'.padEnd(8_001, 'x') }, 'href over 8k');
    rejectsWebview({ type: 'log', level: 'debug', message: 'x' }, 'unknown level');
    rejectsWebview({ type: 'log', level: 'info', message: 'x'.repeat(4_001) }, 'log over 4k');
    rejectsWebview({ type: 'runFix', itemId: 'e1' }, 'no fix id');
    rejectsWebview({ type: 'copy', text: 'x'.repeat(2_000_001) }, 'copy over 2 MB');
    rejectsWebview({ type: 'stop', requestId: 'one' }, 'string request id');
    rejectsWebview('ready', 'a bare string');
  });
});
