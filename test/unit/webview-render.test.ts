import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatItem, ChatState } from '../../src/protocol/chatItems';
import { ChatApp } from '../../src/webview/app';
import { Bridge } from '../../src/webview/bridge';
import type { ViewContext } from '../../src/webview/context';
import { createDom } from '../../src/webview/dom';
import { ElapsedTicker } from '../../src/webview/ticker';
import { ToolCardView } from '../../src/webview/views/toolCard';
import { FakeApi, testWindow, type TestWindow } from './webview-jsdom';

const REPORT: ChatItem = {
  kind: 'report',
  id: 'r1',
  report: {
    target: 'acme/widget',
    verdict: 'ADOPT WITH CAUTION',
    summary: 'Maintained, one advisory open. <b>not bold</b>',
    findings: [
      { analysis: 'security', severity: 'low', claim: 'Uses eval in a build script.', sources: ['tool github__search_code'] },
      { analysis: 'security', severity: 'critical', claim: 'CVE-2099-1 is unpatched.', sources: ['https://example.com/advisories/1', 'javascript:alert(1)'] },
      { analysis: 'quality', severity: 'info', claim: 'MIT licence.', sources: ['https://example.com/LICENSE'] },
    ],
  },
};

function fullState(): ChatState {
  return {
    chatId: 'c1',
    header: {
      title: 'Audit acme/widget',
      model: { label: 'fake-auditor', detail: 'OpenAI-compatible, from settings' },
      connectors: [
        { id: 'everything', label: 'everything', status: 'ready', detail: '13 tools' },
        { id: 'github', label: 'GitHub', status: 'error', detail: 'Authentication required' },
      ],
    },
    running: false,
    items: [
      { kind: 'user', id: 'u1', text: 'Audit <b>acme/widget</b>' },
      { kind: 'assistant', id: 'a1', text: 'First paragraph.\n\n```js\nconst a = 1;\n```\n\nSee [docs](https://example.com/docs), [bad](javascript:alert(1)) and [elsewhere](//evil.test/x).', streaming: false },
      { kind: 'tool', id: 't1', connector: 'everything', tool: 'echo', args: '{\n  "message": "hi"\n}', state: 'done', startedAt: Date.now() - 2000, durationMs: 1234, preview: 'Echo: hi' },
      { kind: 'tool', id: 't2', connector: 'everything', tool: 'get-env', args: '{}', state: 'waiting', startedAt: Date.now() },
      { kind: 'tool', id: 't3', tool: 'flaky', args: '{}', state: 'failed', startedAt: Date.now(), preview: 'Connection refused' },
      { kind: 'notice', id: 'n1', text: 'Using 2 connectors.' },
      { kind: 'error', id: 'e1', text: 'The API key was rejected.', fixes: [{ id: 'f1', label: 'Set API Key…', action: { type: 'setModelKey', provider: 'mistral' } }] },
      REPORT,
      { kind: 'undetermined', id: 'x1', target: 'left-pad', text: 'The verdict is undetermined: the run was cancelled.' },
    ],
  };
}

function setup(saved?: unknown): { t: TestWindow; api: FakeApi; app: ChatApp; $: (s: string) => HTMLElement | null; $$: (s: string) => HTMLElement[] } {
  const t = testWindow();
  const api = new FakeApi(saved);
  const root = t.document.getElementById('app')!;
  const app = new ChatApp(root, { api, markdown: t.renderer });
  app.start();
  return { t, api, app, $: (s) => root.querySelector<HTMLElement>(s), $$: (s) => Array.from(root.querySelectorAll<HTMLElement>(s)) };
}

function click(el: Element | null, t: TestWindow): void {
  assert.ok(el, 'element to click exists');
  el.dispatchEvent(new t.window.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 }));
}

function key(el: Element | null, t: TestWindow, init: KeyboardEventInit): boolean {
  assert.ok(el);
  return el.dispatchEvent(new t.window.KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
}

describe('chat webview: drawing the state', () => {
  it('says ready, then draws header and every kind of item', () => {
    const { api, app, $, $$ } = setup();
    assert.deepEqual(api.posted[0], { type: 'ready' });
    app.receive({ type: 'state', state: fullState() });

    assert.equal($('.chat-header .chat-title')?.textContent, 'Audit acme/widget');
    assert.equal($('button.model-button .model-label')?.textContent, 'fake-auditor');
    assert.match($('button.model-button')?.title ?? '', /OpenAI-compatible/);
    assert.deepEqual($$('.connector-chip').map((c) => [c.textContent, c.dataset.status, c.title]), [
      ['everything', 'ready', 'everything: 13 tools'],
      ['GitHub', 'error', 'GitHub: Authentication required'],
    ]);
    for (const sel of ['button.edit-connectors', 'button.new-chat .codicon-add', 'button.history .codicon-history']) assert.ok($(sel), sel);

    const messages = $('.messages')!;
    assert.equal(messages.getAttribute('role'), 'log');
    assert.equal(messages.getAttribute('aria-live'), 'off');
    assert.equal($('.live-status')?.getAttribute('aria-live'), 'polite');
    assert.equal($('.empty-state')?.hidden, true);

    assert.equal($('.message.user .message-body')?.textContent, 'Audit <b>acme/widget</b>', 'user text is plain text');
    assert.equal($('.message.user b'), null);
    assert.equal($('.message.assistant .markdown p')?.textContent, 'First paragraph.');
    assert.equal($('.message.assistant .code-block button.copy-code + pre code')?.textContent, 'const a = 1;\n');
    assert.equal($('.message.assistant a[href="https://example.com/docs"]')?.textContent, 'docs');

    const cards = $$('.tool-card');
    assert.deepEqual(cards.map((c) => [c.dataset.tool, c.dataset.state]), [['echo', 'done'], ['get-env', 'waiting'], ['flaky', 'failed']]);
    assert.equal(cards[0]!.querySelector('.tool-name')?.textContent, 'everything · echo');
    assert.equal(cards[0]!.querySelector('.tool-state-label')?.textContent, 'Done in 1.2 s');
    assert.equal(cards[0]!.querySelector('details.tool-args pre')?.textContent, '{\n  "message": "hi"\n}');
    assert.equal(cards[0]!.querySelector('details.tool-result pre')?.textContent, 'Echo: hi');
    assert.equal(cards[1]!.querySelector('.tool-state-label')?.textContent, 'Waiting for your confirmation');
    assert.equal((cards[1]!.querySelector('details.tool-result') as HTMLElement).hidden, true, 'no result yet');
    assert.equal(cards[2]!.querySelector('.tool-state-label')?.textContent, 'Failed: Connection refused');
    assert.equal(cards[2]!.querySelector('.tool-name')?.textContent, 'flaky');

    assert.equal($('.notice')?.textContent, 'Using 2 connectors.');
    assert.equal($('.error-item .error-text')?.textContent, 'The API key was rejected.');
    assert.deepEqual($$('.error-item button.fix').map((b) => b.textContent), ['Set API Key…']);

    assert.equal($('.report-card .verdict-badge')?.dataset.verdict, 'ADOPT WITH CAUTION');
    assert.equal($('.report-card .target')?.textContent, 'acme/widget');
    assert.equal($('.report-card .report-summary')?.textContent, 'Maintained, one advisory open. <b>not bold</b>');
    assert.deepEqual($$('.report-card .findings-group').map((g) => [g.dataset.analysis, g.querySelectorAll('.finding').length]), [['security', 2], ['maintenance', 0], ['quality', 1]]);
    assert.deepEqual($$('.findings-group[data-analysis=security] .severity-tag').map((s) => s.textContent), ['CRITICAL', 'LOW'], 'most severe first');
    const sources = $('.finding[data-severity=critical] .finding-sources')!;
    assert.deepEqual(Array.from(sources.querySelectorAll('a'), (a) => a.getAttribute('href')), ['https://example.com/advisories/1']);
    assert.deepEqual(Array.from(sources.querySelectorAll('code'), (c) => c.textContent), ['javascript:alert(1)'], 'a non-http source is text');
    assert.ok($('button.open-report') && $('button.save-report'));
    assert.match($('.undetermined')?.textContent ?? '', /NO VERDICT.*left-pad.*undetermined: the run was cancelled/);
  });

  it('shows the empty state for an empty chat; examples fill the composer', () => {
    const { t, api, app, $, $$ } = setup();
    app.receive({ type: 'state', state: { ...fullState(), items: [] } });
    assert.equal($('.empty-state')?.hidden, false);
    assert.equal($$('button.example').length, 3);
    click($$('button.example')[0]!, t);
    assert.equal(($('.composer textarea') as HTMLTextAreaElement).value, 'Audit expressjs/express');
    click($('button.audit-repository'), t);
    assert.equal(api.of('auditRepository').length, 1);
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'user', id: 'u9', text: 'hi' } });
    assert.equal($('.empty-state')?.hidden, true);
  });
});

describe('chat webview: changes touch only what changed', () => {
  it('a text message appends to the answer without replacing its earlier blocks', () => {
    const { app, $ } = setup();
    app.receive({ type: 'state', state: { ...fullState(), items: [{ kind: 'assistant', id: 'a1', text: 'First paragraph.\n\nSecond', streaming: true }] } });
    const firstP = $('.message.assistant .markdown p');
    const article = $('.message.assistant');
    assert.equal(firstP?.textContent, 'First paragraph.');
    for (const delta of [' paragraph', '.\n\n', '- a list\n', '- more\n\nEnd.']) app.receive({ type: 'text', chatId: 'c1', itemId: 'a1', delta });
    app.flush();
    assert.equal($('.message.assistant'), article, 'the same message element');
    assert.equal($('.message.assistant .markdown p'), firstP, 'the first block is the same node');
    assert.equal($('.message.assistant .markdown')?.textContent?.replace(/\s+/g, ' ').trim(), 'First paragraph. Second paragraph. a list more End.');
    assert.ok(app.renderStats().stableChars <= 'First paragraph.\n\nSecond paragraph.\n\n- a list\n- more\n\nEnd.'.length);
    // The final item continues the same text: still no redraw from the start.
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'assistant', id: 'a1', text: 'First paragraph.\n\nSecond paragraph.\n\n- a list\n- more\n\nEnd. Done.', streaming: false } });
    assert.equal($('.message.assistant .markdown p'), firstP);
    assert.equal($('.message.assistant')?.dataset.streaming, 'false');
    assert.match($('.message.assistant .markdown')?.textContent ?? '', /End\. Done\.$/m);
  });

  it('an item message replaces one item at its position and keeps opened sections open', () => {
    const { t, app, $, $$ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const before = $$('.items > *');
    const waiting = $('.tool-card[data-tool="get-env"]')!;
    (waiting.querySelector('details.tool-args') as HTMLDetailsElement).open = true;
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'tool', id: 't2', connector: 'everything', tool: 'get-env', args: '{}', state: 'done', startedAt: Date.now(), durationMs: 50, preview: 'PATH=/bin' } });
    const after = $$('.items > *');
    assert.equal(after.length, before.length);
    const index = before.indexOf(waiting);
    assert.equal(after[index]?.dataset.state, 'done', 'same position');
    assert.equal((after[index]!.querySelector('details.tool-args') as HTMLDetailsElement).open, true, 'still open');
    after.forEach((node, i) => i !== index && assert.equal(node, before[i], `item ${i} untouched`));
    // A static item is redrawn in place too.
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'notice', id: 'n1', text: 'Now 3 connectors.' } });
    assert.equal($$('.items > *').findIndex((n) => n.classList.contains('notice')), before.findIndex((n) => n.classList.contains('notice')));
    assert.equal($('.notice')?.textContent, 'Now 3 connectors.');
    void t;
  });

  it('drops invalid messages (reporting them to the host log) and ignores other chats', () => {
    const { api, app, $$ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const count = $$('.items > *').length;
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'html', id: 'h', html: '<img src=x onerror=alert(1)>' } });
    app.receive('<script>');
    app.receive({ type: 'item', chatId: 'other-chat', item: { kind: 'notice', id: 'zz', text: 'late' } });
    app.receive({ type: 'text', chatId: 'c1', itemId: 'u1', delta: 'not an answer' });
    assert.equal($$('.items > *').length, count);
    const logs = api.of('log');
    assert.equal(logs.length, 3, JSON.stringify(logs));
    assert.ok(logs.every((l) => l.level === 'warn' && typeof l.message === 'string' && (l.message as string).length <= 4000));
  });
});

describe('chat webview: what the person does', () => {
  it('Enter sends, Shift+Enter does not, empty text is never sent, the box is cleared', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = '   ';
    key(box, t, { key: 'Enter' });
    assert.equal(api.of('send').length, 0, 'blank text is not sent');
    box.value = 'Audit acme/widget';
    assert.equal(key(box, t, { key: 'Enter', shiftKey: true }), true, 'Shift+Enter is left to the textarea');
    assert.equal(api.of('send').length, 0);
    assert.equal(key(box, t, { key: 'Enter' }), false, 'Enter is taken');
    assert.deepEqual(api.of('send'), [{ type: 'send', text: 'Audit acme/widget', requestId: 1 }]);
    assert.equal(box.value, '');
  });

  it('puts a refused message back into an empty box', async () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = 'Audit x';
    key(box, t, { key: 'Enter' });
    const requestId = api.of('send')[0]!.requestId;
    app.receive({ type: 'response', requestId, ok: false, error: 'No model' });
    await new Promise((r) => setTimeout(r, 0));
    assert.equal(box.value, 'Audit x');
  });

  it('while running: Stop replaces Send, Escape stops, and the live region says what happens', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const send = $('button.send')!;
    const stop = $('button.stop')!;
    assert.equal(stop.hidden, true);
    app.receive({ type: 'running', chatId: 'c1', running: true });
    assert.equal(send.hidden, true);
    assert.equal(stop.hidden, false);
    assert.equal($('.live-status')?.textContent, 'Auditor is answering…');
    const box = $('.composer textarea') as HTMLTextAreaElement;
    box.value = 'more';
    key(box, t, { key: 'Enter' });
    assert.equal(api.of('send').length, 0, 'no send while running');
    key(box, t, { key: 'Escape' });
    click(stop, t);
    assert.equal(api.of('stop').length, 2);
    app.receive({ type: 'item', chatId: 'c1', item: { kind: 'tool', id: 't9', connector: 'everything', tool: 'get-env', args: '{}', state: 'waiting', startedAt: Date.now() } });
    assert.equal($('.live-status')?.textContent, 'Waiting for your confirmation of everything · get-env');
    app.receive({ type: 'running', chatId: 'c1', running: false });
    assert.equal($('.live-status')?.textContent, 'Answer complete');
    assert.equal(send.hidden, false);
    app.receive({ type: 'item', chatId: 'c1', item: { ...REPORT, id: 'r2' } });
    assert.equal($('.live-status')?.textContent, 'Verdict for acme/widget: ADOPT WITH CAUTION');
  });

  it('links go to the host; refused links and the page itself do nothing', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    const link = $('.message.assistant a[href]')!;
    const event = new t.window.MouseEvent('click', { bubbles: true, cancelable: true, button: 0 });
    link.dispatchEvent(event);
    assert.equal(event.defaultPrevented, true, 'the webview does not navigate');
    const middle = new t.window.MouseEvent('auxclick', { bubbles: true, cancelable: true, button: 1 });
    link.dispatchEvent(middle);
    assert.equal(middle.defaultPrevented, true);
    assert.match($('.message.assistant')?.textContent ?? '', /\[bad\]\(javascript:alert\(1\)\)/, 'a script link is not even a link');
    const refused = Array.from(t.document.querySelectorAll('.message.assistant a')).find((a) => a.textContent === 'elsewhere');
    assert.ok(refused, 'a protocol-relative link keeps its text');
    assert.equal(refused.getAttribute('href'), null, 'but loses its href');
    click(refused, t);
    click($('.report-card a.source-link'), t);
    assert.deepEqual(api.of('openLink').map((m) => m.href), ['https://example.com/docs', 'https://example.com/docs', 'https://example.com/advisories/1']);
  });

  it('buttons post their messages: copy, fixes, report actions, header actions', () => {
    const { t, api, app, $ } = setup();
    app.receive({ type: 'state', state: fullState() });
    click($('button.copy-code'), t);
    click($('button.fix'), t);
    click($('button.open-report'), t);
    click($('button.save-report'), t);
    for (const sel of ['button.model-button', 'button.edit-connectors', 'button.new-chat', 'button.history']) click($(sel), t);
    const strip = (m: Record<string, unknown>) => {
      const { requestId: _id, ...rest } = m;
      return rest;
    };
    assert.deepEqual(api.posted.slice(1).map(strip), [
      { type: 'copy', text: 'const a = 1;\n' },
      { type: 'runFix', itemId: 'e1', fixId: 'f1' },
      { type: 'openReport', itemId: 'r1' },
      { type: 'saveReport', itemId: 'r1' },
      { type: 'pickModel' },
      { type: 'editConnectors' },
      { type: 'newChat' },
      { type: 'showHistory' },
    ]);
  });

  it('keeps the draft per chat across the view being hidden and shown again', () => {
    const first = setup();
    first.app.receive({ type: 'state', state: fullState() });
    const box = first.$('.composer textarea') as HTMLTextAreaElement;
    box.value = 'half-written question';
    box.dispatchEvent(new first.t.window.Event('input', { bubbles: true }));
    // The view is destroyed; VS Code keeps only what was given to setState.
    const second = setup(first.api.saved);
    second.app.receive({ type: 'state', state: fullState() });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, 'half-written question');
    second.app.receive({ type: 'state', state: { ...fullState(), chatId: 'c2', items: [] } });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, '', 'another chat has its own draft');
    second.app.receive({ type: 'focusComposer', draft: 'Audit left-pad' });
    assert.equal((second.$('.composer textarea') as HTMLTextAreaElement).value, 'Audit left-pad');
  });
});

describe('chat webview: tool card timer', () => {
  it('one shared timer runs only while a card is running; the label counts from startedAt', () => {
    const t = testWindow();
    let now = 10_000;
    const ticker = new ElapsedTicker(() => now);
    const ctx: ViewContext = { dom: createDom(t.document), bridge: new Bridge(new FakeApi()), markdown: t.renderer, ticker, schedule: undefined, contentChanged: () => {} };
    const base = { kind: 'tool' as const, id: 't', connector: 'everything', tool: 'echo', args: '{}', startedAt: 7_000 };
    const a = new ToolCardView(ctx, { ...base, state: 'running' });
    const b = new ToolCardView(ctx, { ...base, id: 't2', state: 'running' });
    const label = a.node.querySelector('.tool-state-label')!;
    assert.equal(label.textContent, 'Running… 3.0 s');
    assert.equal(ticker.active, true);
    now = 12_250;
    a.tick(now);
    assert.equal(label.textContent, 'Running… 5.3 s');
    a.update({ ...base, state: 'done', durationMs: 5_300 });
    assert.equal(label.textContent, 'Done in 5.3 s');
    assert.equal(ticker.active, true, 'the other card still runs');
    b.update({ ...base, id: 't2', state: 'cancelled' });
    assert.equal(ticker.active, false, 'no running card, no timer');
    assert.equal(b.node.querySelector('.tool-state-label')?.textContent, 'Cancelled');
    // A start time from a clock far off (host and browser on different machines) does not show nonsense.
    const c = new ToolCardView(ctx, { ...base, id: 't3', state: 'running', startedAt: now + 60_000 });
    assert.match(c.node.querySelector('.tool-state-label')?.textContent ?? '', /^Running… 0\.0 s$/);
    c.dispose();
    assert.equal(ticker.active, false);
  });
});
